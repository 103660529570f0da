"""The ``contention`` command line: thin commands, each calling one public function.

Every module in this package defines its commands on the ``cli`` group; they are loaded
on start, so a new command is a new module. Errors print as one line; exit codes:
0 ok, 1 some inputs failed, 2 usage error.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from ..errors import ContentionError
from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contention")
def cli() -> None:
    """Code protest reports into events with evidence, and measure how state responses change."""


def _load_commands() -> None:
    for mod in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if not mod.startswith("_"):
            importlib.import_module(f"{__name__}.{mod}")


def main(argv: list[str] | None = None) -> None:
    _load_commands()
    try:
        cli.main(args=argv, prog_name="contention", standalone_mode=False)
    except ContentionError as exc:
        click.echo(f"error: {exc.one_line()}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.UsageError as exc:  # one line too, with where to read more
        command = exc.ctx.command_path if exc.ctx is not None else "contention"
        click.echo(f"error: {' '.join(exc.format_message().split())} (see `{command} --help`)", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        where = getattr(exc, "filename", None)
        click.echo(f"error: {where + ': ' if where else ''}{exc.strerror or exc}", err=True)
        sys.exit(1)
