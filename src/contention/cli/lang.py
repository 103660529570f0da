"""``contention lang``: list the language packs, scaffold a new one, check one."""
from __future__ import annotations

import click

from . import cli


@cli.group("lang")
def lang_group() -> None:
    """Language packs: the data that lets contention read a language."""


@lang_group.command("list")
def lang_list() -> None:
    """Installed packs with their trigger counts."""
    from ..extract.lexicon import available_packs, load_pack

    for code in available_packs():
        p = load_pack(code)
        types = {t.type for t in p.triggers}
        click.echo(f"{code:4s} {p.name:12s} {len(p.triggers):3d} triggers covering {len(types):2d} event types")


@lang_group.command("new")
@click.argument("code")
@click.option("--name", help="The language's English name.")
def lang_new(code: str, name: str | None) -> None:
    """Scaffold a pack for CODE in your pack folder (not the installed package) with empty triggers, cues,
    actors, claims, numbers and examples to fill in; $CONTENTION_LANG_DIR chooses the folder."""
    from ..lang.scaffold import new_pack

    path = new_pack(code, name=name)
    click.echo(f"created {path}; fill in triggers.toml and examples.jsonl, then run "
               f"`contention lang check {code}` and the tests (see docs/languages.md)")


@lang_group.command("check")
@click.argument("code")
def lang_check(code: str) -> None:
    """Load a pack (reports bad TOML or regexes with the file) and run its examples."""
    import json

    from ..extract.extractor import extract_document
    from ..extract.lexicon import load_pack, pack_dir
    from ..records import Document

    pack = load_pack(code)
    path = pack_dir(code) / "examples.jsonl"
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()] if path.exists() else []
    bad = 0
    for row in rows:
        got = {(e.type, e.modality) for e in extract_document(Document("x", row["text"], lang=code, published=row.get("published"))).events}
        want = {(w["type"], w.get("modality", "asserted")) for w in row["expect"]}
        if not want <= got or (not want and got):
            bad += 1
            click.echo(f"MISS  {row['text'][:90]}\n      want {sorted(want)}\n      got  {sorted(got)}")
    click.echo(f"{pack.code}: {len(pack.triggers)} triggers, {len(rows)} examples, {bad} failing")
