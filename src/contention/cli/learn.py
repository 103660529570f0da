"""``contention learn``: how the response repertoire shifted around a landmark episode, with intervals."""
from __future__ import annotations

import json

import click

from . import cli

MEASURE_ROWS = ("repression", "preemption", "accommodation", "rhetoric", "preemptive")
EPISODE_ROWS = {"no_response": "no coded response", "any_repression": "any repression",
                "any_accommodation": "any accommodation", "any_preemptive": "any preemptive"}


@cli.command("learn")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("--country", default="KZ", show_default=True, help="ISO 3166-1 alpha-2 (or a country name).")
@click.option("--region", default=None, help="Only episodes in this first-level region (e.g. Mangystau).")
@click.option("--landmark", default=None,
              help="Date of the landmark episode, or several separated by commas "
                   "(default: the country's best-known one from analyse/data/landmarks.toml).")
@click.option("--origin", default=None,
              help="Only events of these origins, comma-separated (e.g. imported:mm, extracted); "
                   "imported:mm includes imported:mm/notes.")
@click.option("--from", "date_from", default=None, help="Only episodes starting on or after this date.")
@click.option("--to", "date_to", default=None, help="Only episodes starting on or before this date.")
@click.option("--window", "window_years", type=float, default=None,
              help="Only episodes within this many years either side of the landmark.")
@click.option("--boot", "n_boot", default=2000, show_default=True, type=click.IntRange(1),
              help="Bootstrap resamples of episodes (for the comparison columns).")
@click.option("--seed", default=0, show_default=True)
@click.option("--method", type=click.Choice(["score", "bootstrap", "bca"]), default="score", show_default=True,
              help="Interval method (see docs/analysis.md#before-and-after).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (a list for several landmarks).")
@click.option("--table", "table_path", default=None, type=click.Path(dir_okay=False),
              help="Also write every estimate with its interval to this .csv or .json file.")
def learn_cmd(db_url: str | None, country: str, region: str | None, landmark: str | None, origin: str | None,
              date_from: str | None, date_to: str | None, window_years: float | None, n_boot: int, seed: int,
              method: str, as_json: bool, table_path: str | None) -> None:
    """Episodes and response shares before and after LANDMARK, with intervals, coverage, sources,
    placebo dates, pre-trend and plain-language caveats."""
    import pandas as pd

    from ..analyse import learn
    from ..analyse.request import check_request
    from ..errors import ConfigError
    from ..store import open_store

    store = open_store(db_url, create=False)
    try:
        frame = store.events_frame()
    finally:
        store.close()
    req = check_request(frame, country=country, landmark=landmark, origin=origin, date_from=date_from,
                        date_to=date_to, window_years=window_years)
    results = [learn(frame, country=req.country, region=region, landmark=mark.date, landmark_name=mark.name,
                     n_boot=n_boot, seed=seed, origin=req.origin, date_from=date_from, date_to=date_to,
                     window_years=window_years, method=method) for mark in req.landmarks]
    if table_path:
        table = pd.concat([r.estimates_table() for r in results], ignore_index=True)
        if table_path.endswith(".json"):
            with open(table_path, "w", encoding="utf-8") as fh:
                json.dump(json.loads(table.to_json(orient="records")), fh, ensure_ascii=False, indent=1)
        elif table_path.endswith(".csv"):
            table.to_csv(table_path, index=False)
        else:
            raise ConfigError(f"--table {table_path}: expected a .csv or .json file name")
    if as_json:
        out = [r.to_dict() for r in results]
        click.echo(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=1, allow_nan=False))
        return
    for result in results:
        _print(result)


def _print(result) -> None:  # type: ignore[no-untyped-def]
    where = result.country + (f" / {result.region}" if result.region else "")
    origin = ",".join(result.origin) if result.origin else "all origins"
    window = result.window
    span = f"; episodes {window[0] or '...'} to {window[1] or '...'}" if any(window) else ""
    name = f" ({result.landmark_name})" if result.landmark_name else ""
    click.echo(f"{where}: {result.n_events} asserted events ({origin}), {len(result.episodes)} episodes; "
               f"landmark {result.landmark}{name}{span}")
    table = result.to_dict()
    click.echo("share of responses, mean over episodes with responses:")
    click.echo(f"  {'measure':14s} {'before':>22s} {'after':>22s} {'difference':>24s}")
    for fam in MEASURE_ROWS:
        if fam in table:
            cells = [_cell(table[fam][p]) for p in ("before", "after", "difference")]
            click.echo(f"  {fam:14s} {cells[0]:>22s} {cells[1]:>22s} {cells[2]:>24s}")
    episodes = table["episodes"]
    if episodes:
        click.echo("share of all episodes with protests:")
        for key, label in EPISODE_ROWS.items():
            row = episodes[key]
            cells = [_count_cell(row["before"]), _count_cell(row["after"]), _cell(row["difference"], n=False)]
            click.echo(f"  {label:18s} {cells[0]:>18s} {cells[1]:>22s} {cells[2]:>24s}")
    for s in result.sentence_list():
        mark = "!" if s.topic.startswith("warning") else "-"
        click.echo(f"{mark} {s.text} [{len(s.event_keys)} events]")
    m = result.methods
    interval = m.get("interval", {})
    click.echo(f"methods: {interval.get('method')}, level {interval.get('level')}; bootstrap draws "
               f"{interval.get('bootstrap_draws')}, seed {interval.get('seed')}; taxonomy {m.get('taxonomy_version')}; "
               f"episode rules: {_rules(m.get('episode_rules', {}))}")


def _rules(rules: dict) -> str:  # type: ignore[type-arg]
    keys = ("place_level", "gap_days", "window_days", "aftermath_days", "lead_days", "spanning")
    return ", ".join(f"{k}={rules[k]}" for k in keys if k in rules)


def _cell(v: dict, *, n: bool = True) -> str:  # type: ignore[type-arg]
    if v.get("estimate") is None:
        return "n/a"
    low = "n/a" if v.get("ci_low") is None else f"{v['ci_low']:.2f}"
    high = "n/a" if v.get("ci_high") is None else f"{v['ci_high']:.2f}"
    return f"{v['estimate']:.2f} [{low}, {high}]" + (f" n={v['n_episodes']}" if n else "")


def _count_cell(v: dict) -> str:  # type: ignore[type-arg]
    if not v.get("n_episodes"):
        return "n/a"
    return f"{v['count']}/{v['n_episodes']} {v['estimate']:.2f} [{v['ci_low']:.2f}, {v['ci_high']:.2f}]"
