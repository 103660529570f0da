"""``contention extract IN.jsonl -o OUT.jsonl``: the machine interface every benchmark uses."""
from __future__ import annotations

import json
import sys

import click

from . import cli


@cli.command("extract")
@click.argument("infile", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "outfile", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Where to write one {doc_id, events} line per document (default: stdout).")
@click.option("--with-provenance", is_flag=True, help="Add offsets, rule and origin to each event.")
@click.option("--recogniser", type=click.Choice(["on", "fast", "off"]), default=None,
              help="The learned recogniser beside the rules (default on where it is installed); fast: it reads only "
                   "the sentences where a rule found an act (about 1.5x faster); off: rules only, fastest.")
def extract_cmd(infile: str, outfile: str, with_provenance: bool, recogniser: str | None) -> None:
    """Code every document of a JSONL file; print events in the taxonomy's form.

    The whole file is checked before anything is written: a bad record refuses it with one line
    naming the line, and OUT is left as it was.
    """
    if recogniser:
        from ..recognise.stage import set_mode

        set_mode(recogniser)
    from pathlib import Path

    from ..ingest.jsonl import read_jsonl
    from ..ingest.readers import check_readable
    from ..pipeline import extract_documents

    if infile == "-":
        docs = list(read_jsonl("/dev/stdin", source="<stdin>"))
    else:
        if not Path(infile).exists():
            from ..errors import InputError
            raise InputError("no such file", where=infile)
        check_readable(Path(infile))
        for _ in read_jsonl(infile):  # a first pass checks every line; the second codes them
            pass
        docs = read_jsonl(infile)  # type: ignore[assignment]
    out = sys.stdout if outfile == "-" else open(outfile, "w", encoding="utf-8")
    try:
        for res in extract_documents(docs):
            row = {"doc_id": res.doc_id,
                   "events": [e.to_dict() if with_provenance else e.to_taxonomy() for e in res.events]}
            if res.note and res.note != "no_events":
                row["note"] = res.note
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
