"""``contention learn``: how the response repertoire shifted around a landmark episode, with intervals."""
from __future__ import annotations

import click

from . import cli


@cli.command("learn")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("--country", default="KZ", show_default=True, help="ISO 3166-1 alpha-2 code or a country name.")
@click.option("--region", default=None, help="Only episodes in this first-level region (e.g. Mangystau).")
@click.option("--landmark", default="2011-12-16", show_default=True, callback=lambda _c, _p, v: landmark_date(v),
              help="Date of the landmark episode (YYYY-MM-DD).")
@click.option("--boot", "n_boot", default=2000, show_default=True, type=click.IntRange(1),
              help="Bootstrap resamples (of episodes).")
@click.option("--seed", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: per family, before/after/difference with intervals.")
def learn_cmd(db_url: str | None, country: str, region: str | None, landmark: str, n_boot: int, seed: int, as_json: bool) -> None:
    """Episodes and family shares before and after LANDMARK, with bootstrap intervals and plain-language caveats."""
    from ..analyse import learn
    from ..store import open_store

    code = country_of(country)
    store = open_store(db_url, create=False)
    try:
        frame = store.events_frame()
    finally:
        store.close()
    have_events(frame, code, region)
    result = learn(frame, country=code, region=region, landmark=landmark, n_boot=n_boot, seed=seed)
    if as_json:
        click.echo(result.to_json(indent=1))
        return
    click.echo(f"{code}{' / ' + region if region else ''}: {result.n_events} asserted events, "
               f"{len(result.episodes)} episodes; landmark {landmark}")
    table = result.to_dict()
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


def landmark_date(value: str) -> str:
    """``value`` when it is a real calendar date (YYYY-MM-DD); else a usage error naming it."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value.strip()).isoformat() if len(value.strip()) == 10 else _bad(value)
    except ValueError:
        return _bad(value)


def _bad(value: str) -> str:
    raise click.BadParameter(f"{value!r} is not a date; give YYYY-MM-DD, e.g. 2011-12-16", param_hint="--landmark")


def country_of(value: str) -> str:
    """The ISO code ``--country`` means (a code or a name: KZ, kz, Kazakhstan, Russia)."""
    from ..store.filters import country_code

    try:
        return country_code(value)
    except Exception as exc:  # noqa: BLE001 - its message is the one-line reason
        raise click.BadParameter(str(exc), param_hint="--country") from exc


def have_events(frame, code: str, region: str | None) -> None:  # type: ignore[no-untyped-def]
    """Refuse, naming what there is, a country (or region) with no asserted events: the measures would be all n/a."""
    from ..errors import InputError

    frame = frame[frame["modality"].fillna("asserted") == "asserted"]
    mine = frame[frame["country"] == code]
    if region is not None:
        mine = mine[mine["admin1"] == region]
    if len(mine):
        return
    counts = frame["country"].value_counts()
    have = ", ".join(f"{k} {v}" for k, v in counts.head(8).items()) or "none"
    where = f"{code} / {region}" if region else code
    raise InputError(f"no asserted events of {where} in the store", hint=f"countries with events: {have}")
