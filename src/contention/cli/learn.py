"""``contention learn``: how the response repertoire shifted around a landmark episode, with intervals."""
from __future__ import annotations

import json

import click

from . import cli


@cli.command("learn")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("--country", default="KZ", show_default=True, help="ISO 3166-1 alpha-2.")
@click.option("--region", default=None, help="Only episodes in this first-level region (e.g. Mangystau).")
@click.option("--landmark", default="2011-12-16", show_default=True, help="Date of the landmark episode.")
@click.option("--boot", "n_boot", default=2000, show_default=True, help="Bootstrap resamples (of episodes).")
@click.option("--seed", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: per family, before/after/difference with intervals.")
def learn_cmd(db_url: str | None, country: str, region: str | None, landmark: str, n_boot: int, seed: int, as_json: bool) -> None:
    """Episodes and family shares before and after LANDMARK, with bootstrap intervals and plain-language caveats."""
    from ..analyse import learn
    from ..store import open_store

    store = open_store(db_url, create=False)
    try:
        frame = store.events_frame()
    finally:
        store.close()
    result = learn(frame, country=country.upper(), region=region, landmark=landmark, n_boot=n_boot, seed=seed)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    click.echo(f"{country.upper()}{' / ' + region if region else ''}: {result.n_events} asserted events, "
               f"{len(result.episodes)} episodes; landmark {landmark}")
    table = result.to_json()
    click.echo(f"{'family':14s} {'before':>22s} {'after':>22s} {'difference':>24s}")
    for fam in ("repression", "preemption", "accommodation", "rhetoric"):
        cells = [_cell(table[fam][p]) for p in ("before", "after", "difference")]  # type: ignore[index]
        click.echo(f"{fam:14s} {cells[0]:>22s} {cells[1]:>22s} {cells[2]:>24s}")
    for s in result.sentence_list():
        click.echo(f"- {s.text} [{len(s.event_keys)} events]")


def _cell(v: dict) -> str:  # type: ignore[type-arg]
    if v["estimate"] is None:
        return "n/a"
    return f"{v['estimate']:.2f} [{v['ci_low']:.2f}, {v['ci_high']:.2f}] n={v['n_episodes']}"
