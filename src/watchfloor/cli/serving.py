"""Commands of the HTTP API: serve, and token (create, list, revoke) for its writes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from .base import EXIT_INPUT, Context, app, emit_json, err, fail, out, printable

token_app = typer.Typer(help="API tokens for writes: create, list, revoke.", no_args_is_help=True,
                        add_completion=False, rich_markup_mode=None)
app.add_typer(token_app, name="token")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[Optional[str], typer.Option(help="Address to listen on (default serve.host, 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option(min=1, max=65535, help="Port (default serve.port, 8000).")] = None,
    workers: Annotated[Optional[int], typer.Option(min=1, max=64, help="Server processes (default serve.workers).")] = None,
) -> None:
    """Serve the HTTP API on the same store as the command line (OpenAPI at /openapi.json)."""
    import uvicorn

    from ..serve.app import create_app

    c: Context = ctx.obj
    settings = c.settings
    with c.store():  # a bad or foreign database fails here, before the server starts
        pass
    where_host, where_port = host or settings["serve"]["host"], port or int(settings["serve"]["port"])
    if not c.quiet:
        err.print(printable(f"serving {c.db} at http://{where_host}:{where_port}/ (API under /api, "
                            "OpenAPI at /openapi.json)"), markup=False, highlight=False)
    processes = workers or int(settings["serve"]["workers"])
    if processes == 1:
        uvicorn.run(create_app(c.db, settings), host=where_host, port=where_port, log_level="warning")
        return
    # several processes each build the app from the environment (uvicorn imports it by name)
    os.environ["WATCHFLOOR_SERVE_DB"] = str(Path(c.db).resolve())
    if c.config:
        os.environ["WATCHFLOOR_CONFIG"] = str(Path(c.config).resolve())
    uvicorn.run("watchfloor.serve.app:from_environment", factory=True, workers=processes, host=where_host,
                port=where_port, log_level="warning")


@token_app.command("create")
def token_create(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Who or what the token is for.")]) -> None:
    """Create a token (replacing one of that name) and print it: it is shown only now."""
    c: Context = ctx.obj
    with c.store() as store:
        token = store.tokens.create(name)
    if c.as_json:
        emit_json({"name": name, "token": token})
    else:
        out.print(token, markup=False, highlight=False)


@token_app.command("list")
def token_list(ctx: typer.Context) -> None:
    """The tokens' names and when each was made (never the tokens)."""
    c: Context = ctx.obj
    with c.store() as store:
        rows = store.tokens.names()
    if c.as_json:
        emit_json(rows)
        return
    for r in rows:
        out.print(printable(f"{r['name']}  {r['created_at']}"), markup=False, highlight=False)


@token_app.command("revoke")
def token_revoke(ctx: typer.Context, name: Annotated[str, typer.Argument()]) -> None:
    """Revoke a token by name."""
    c: Context = ctx.obj
    with c.store() as store:
        if not store.tokens.revoke(name):
            fail(f"no token is named {name!r}", EXIT_INPUT)
