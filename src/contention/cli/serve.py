"""``contention serve`` (the dashboard) and ``contention user add`` (a reviewer account)."""
from __future__ import annotations

import click

from . import cli


@cli.command("serve")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; reading is open on it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--secure-cookies", is_flag=True, default=None,
              help="Mark cookies Secure (HTTPS only): for a dashboard behind an HTTPS proxy. Also $CONTENTION_SECURE_COOKIES=1.")
def serve_cmd(db_url: str | None, host: str, port: int, secure_cookies: bool | None) -> None:
    """Browse, search and review the stored events in a web browser (works offline)."""
    try:
        import uvicorn

        from ..serve import create_app
    except ImportError as exc:  # the "web" extra
        raise click.ClickException(f"the dashboard needs the web extra: pip install 'contention[web]' ({exc})")
    app = create_app(db_url, secure_cookies=secure_cookies or None)
    from ..serve.app import warm_in_background

    warm_in_background()
    click.echo(f"contention dashboard on http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group("user")
def user_group() -> None:
    """Reviewer accounts (reading needs none; editing does)."""


@user_group.command("add")
@click.argument("name")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.password_option(help="Asked for when not given (typed twice).")
def user_add(name: str, db_url: str | None, password: str) -> None:
    """Create reviewer NAME (or set a new password, which ends its sessions); stored salted and hashed (scrypt)."""
    from ..review import hash_password
    from ..store import open_store

    if len(password) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="password")
    with open_store(db_url, create=False) as store:
        store.add_user(name, hash_password(password))
    click.echo(f"reviewer {name} can sign in")


@user_group.command("list")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
def user_list(db_url: str | None) -> None:
    """Every reviewer, when it was created and how many sessions it has open."""
    from ..store import open_store

    with open_store(db_url, create=False) as store:
        rows = store.users()
    for row in rows:
        click.echo(f"{row['name']:24s} created {row['created']}  {row['sessions']} open sessions")
    if not rows:
        click.echo("no reviewers (add one with `contention user add NAME`)")


@user_group.command("remove")
@click.argument("name")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
def user_remove(name: str, db_url: str | None) -> None:
    """Remove reviewer NAME and sign it out everywhere at once (its audit entries stay)."""
    from ..errors import InputError
    from ..store import open_store

    with open_store(db_url, create=False) as store:
        if not store.remove_user(name):
            raise InputError(f"no reviewer {name!r}", hint="see `contention user list`")
    click.echo(f"reviewer {name} removed; its sessions are ended")
