"""Expanding a SOURCE spec (file, folder, glob, "-", URL) into the inputs to read."""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from watchfloor.models import IngestError

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


@dataclass(frozen=True)
class Item:
    """One input to read: kind is "file", "url" or "stdin"."""

    kind: str
    location: str


def _matches(name: str, patterns: list[str]) -> bool:
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, p.lower()) for p in patterns)


def walk_folder(folder: str, patterns: list[str]) -> Iterator[Item | IngestError]:
    """Files under ``folder`` matching ``patterns``, sorted; hidden entries are skipped."""
    problems: list[OSError] = []
    found = 0
    for root, dirs, files in os.walk(folder, onerror=problems.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _matches(name, patterns):
                found += 1
                yield Item("file", os.path.join(root, name))
    for exc in problems:
        yield IngestError(str(exc.filename or folder), (exc.strerror or str(exc)).lower())
    if not found and not problems:
        yield IngestError(folder, f"no files matching {', '.join(patterns)} in folder")


def expand(spec: str, settings: dict) -> Iterator[Item | IngestError]:
    """The Items one SOURCE spec names, or an IngestError saying why it names none."""
    patterns = list(settings["ingest"]["folder_patterns"])
    if spec == "-":
        yield Item("stdin", "stdin")
        return
    if not spec.strip():
        yield IngestError(repr(spec), "empty source name")
        return
    scheme = _SCHEME.match(spec)
    if scheme and not os.path.lexists(spec):
        name = scheme.group(1).lower()
        if name in ("http", "https"):
            yield Item("url", spec.strip())
        else:
            yield IngestError(spec, f"refused: {name}: is not fetched (only http and https)")
        return
    if os.path.isdir(spec):
        yield from walk_folder(spec, patterns)
        return
    if os.path.lexists(spec):
        yield Item("file", spec)
        return
    if glob.has_magic(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield IngestError(spec, "glob matched no files")
        for match in matches:
            if os.path.isdir(match):
                yield from walk_folder(match, patterns)
            else:
                yield Item("file", match)
        return
    yield IngestError(spec, "no such file or directory")
