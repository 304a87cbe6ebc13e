"""The FastAPI application: routes, JSON errors (never a stack trace), a body-size guard and
security headers on every response."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware

from .. import __version__
from ..settings import SettingsError
from ..store.guard import StoreError
from .deps import RateLimit
from .jobs import Jobs
from .params import BadParameter

log = logging.getLogger("watchfloor.serve")
STATIC = Path(__file__).with_name("static")

# The dashboard's pages load only this origin's scripts and styles; nothing inline runs.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def security_headers(settings: dict) -> dict[str, str]:
    """The headers of every response; a configured basemap's origin may serve images."""
    from urllib.parse import urlsplit

    headers = dict(SECURITY_HEADERS)
    basemap = urlsplit(settings["serve"].get("basemap_url") or "")
    if basemap.scheme in ("http", "https") and basemap.hostname:
        origin = f"{basemap.scheme}://{basemap.netloc.replace('{s}.', '*.')}"
        headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(
            "img-src 'self' data:", f"img-src 'self' data: {origin}")
    return headers


class Guard(BaseHTTPMiddleware):
    """Refuse a declared body over the limit before reading it, and set the headers."""

    async def dispatch(self, request: Request, call_next):
        limit = int(request.app.state.settings["serve"]["max_body_bytes"])
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            response = _error(413, f"body over {limit} bytes" if declared.isdigit() else "bad Content-Length")
        else:
            response = await call_next(request)
        for name, value in request.app.state.headers.items():
            response.headers.setdefault(name, value)
        return response


def _dashboard(app: FastAPI) -> None:
    """The dashboard at /: our page and script, and Leaflet from its XStatic packages (nothing
    from a CDN; StaticFiles refuses paths that leave its folder)."""
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster
    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/vendor/markercluster", StaticFiles(directory=markercluster.BASE_DIR), name="markercluster")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")


def create_app(db_path: str, settings: dict) -> FastAPI:
    """The API over the store at ``db_path``. The interactive docs are off (they load scripts
    from a CDN); the OpenAPI document is at /openapi.json."""
    from .routes_events import router as events
    from .routes_map import router as outlines
    from .routes_other import router as other

    app = FastAPI(title="watchfloor", version=__version__, docs_url=None, redoc_url=None,
                  description="Political-violence events, merged across outlets, with their sources and claims.")
    app.state.db_path = db_path
    app.state.settings = settings
    app.state.write_limit = RateLimit(int(settings["serve"]["writes_per_minute"]))
    app.state.jobs = Jobs()
    app.state.headers = security_headers(settings)
    app.add_middleware(Guard)
    app.include_router(events)
    app.include_router(other)
    app.include_router(outlines)

    _dashboard(app)

    @app.get("/api/dashboard", include_in_schema=False)
    def dashboard_settings() -> dict:
        serve = settings["serve"]
        return {"basemap_url": serve.get("basemap_url") or None, "basemap_attribution": serve.get("basemap_attribution") or ""}

    @app.get("/api", include_in_schema=False)
    def index() -> dict:
        """What is here."""
        return {"watchfloor": __version__, "openapi": "/openapi.json", "dashboard": "/",
                "api": sorted(app.openapi()["paths"])}

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query")
        return _error(400, f"{where}: {first.get('msg', 'invalid')}" if where else "invalid request")

    @app.exception_handler(HTTPException)  # Starlette's: FastAPI's is a subclass, and a 404 route is Starlette's
    async def http_error(request: Request, exc: HTTPException):
        return _error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(BadParameter)
    @app.exception_handler(SettingsError)
    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: Exception):
        return _error(400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return _error(503, f"database: {exc}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, "internal error; the server log has the details")

    return app


def from_environment() -> FastAPI:
    """The app of one worker process of ``watchfloor serve --workers N``: the database and the
    config come from the environment the command set."""
    import os

    from ..settings import load_settings

    return create_app(os.environ["WATCHFLOOR_SERVE_DB"], load_settings(os.environ.get("WATCHFLOOR_CONFIG")))
