"""``contention events``: list or export stored events, filtered."""
from __future__ import annotations

import click

from ..taxonomy import EVENT_TYPES, FAMILIES, MODALITIES
from . import cli


@cli.command("events")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("--country", help="ISO 3166-1 alpha-2, e.g. KZ.")
@click.option("--region", "--admin1", "admin1", help="First-level region, e.g. Mangystau.")
@click.option("--type", "type", type=click.Choice(EVENT_TYPES), help="One event type.")
@click.option("--family", type=click.Choice(FAMILIES), help="protest or a response family.")
@click.option("--modality", type=click.Choice(MODALITIES))
@click.option("--origin", help="extracted, or imported:<dataset>.")
@click.option("--from", "--date-from", "date_from", help="Earliest date (ISO, any precision).")
@click.option("--to", "--date-to", "date_to", help="Latest date (ISO, any precision).")
@click.option("--search", "--text", "text", help="Full-text search over evidence and documents.")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True, help="Rows to print (exports write all).")
@click.option("-o", "--output", help="Export to a .csv, .jsonl or .parquet file instead of printing.")
@click.option("--layout", type=click.Choice(["taxonomy", "acled", "mm"]), default="taxonomy", show_default=True,
              help="Export layout: our columns, an ACLED-like CSV, or a Mass-Mobilization-like CSV.")
@click.option("--reviewed", is_flag=True, help="The reviewed state: corrections applied, deleted and merged events "
              "left out, reviewers' own events added (.jsonl or .csv).")
def events_cmd(db_url: str | None, output: str | None, limit: int, layout: str, reviewed: bool,
               **filters: str | None) -> None:  # the filters keep Store's names: country, admin1, type, ...
    """Show the stored events with their evidence, or export them."""
    from ..store import open_store
    from ..store.filters import Filters

    filters = {k: v for k, v in filters.items() if v is not None}
    Filters.of(filters)  # a bad filter value is refused before the database is opened
    if output and layout != "taxonomy" and not output.lower().endswith(".csv"):
        raise click.BadParameter(f"the {layout} layout is a CSV file; name it .csv (not {output})",
                                 param_hint="--output")
    store = open_store(db_url, create=False)
    try:
        if reviewed:
            _reviewed(store, output, limit, filters)
            return
        if output and layout != "taxonomy":
            from ..datasets.export import to_acled_csv, to_mm_csv

            frame = store.events_frame(**filters)
            writer = to_acled_csv if layout == "acled" else to_mm_csv
            n = writer(frame, output, episodes=store.episodes())
            click.echo(f"wrote {n} {layout.upper()}-like rows to {output}")
            return
        if output:
            n = store.export(output, **filters)
            click.echo(f"wrote {n} events to {output} (columns described in {output}.codebook.md)")
            return
        total = store.count_events(**filters)
        for ev in store.events(limit=limit, **filters):
            where = ", ".join(x for x in (ev.place, ev.admin1, ev.country) if x) or "?"
            mod = "" if ev.modality == "asserted" else f" [{ev.modality}]"
            click.echo(f"{ev.date or '????':10s} {ev.type:32s} {where:32s}{mod}  {ev.origin}")
            click.echo(f"           “{ev.evidence.text[:200]}” ({ev.doc_id})")
        click.echo(f"{min(total, limit)} of {total} events shown")
    finally:
        store.close()


def _reviewed(store, output: str | None, limit: int, filters: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    from ..review.desk import export_reviewed, reviewed_of

    if output:
        from ..store.export import description, write_codebook

        n = export_reviewed(store, output, **filters)
        write_codebook(output, {**description(filters, output.rsplit(".", 1)[-1], n),
                                "contention.reviewed": "the reviewed state: corrections applied, deleted and merged "
                                                       "events left out, reviewers' own events added"},
                       ("(Event.to_dict() keys)", "review_status"))
        click.echo(f"wrote {n} reviewed events to {output} (columns described in {output}.codebook.md)")
        return
    for i, (key, ev, status) in enumerate(reviewed_of(store, **filters)):
        if i >= limit:
            break
        click.echo(f"{ev.date or '????':10s} {ev.type:32s} {status:10s} {key}  “{ev.evidence.text[:120]}”")
