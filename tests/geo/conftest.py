"""Keep the gazetteer's on-disk cache of the test session in a temporary folder."""

from __future__ import annotations

import os
import tempfile

import pytest


@pytest.fixture(scope="session", autouse=True)
def _geo_cache_dir() -> object:
    old = os.environ.get("WATCHFLOOR_GEO_CACHE")
    with tempfile.TemporaryDirectory(prefix="wf-geo-cache-") as d:
        os.environ["WATCHFLOOR_GEO_CACHE"] = d
        yield d
        if old is None:
            os.environ.pop("WATCHFLOOR_GEO_CACHE", None)
        else:
            os.environ["WATCHFLOOR_GEO_CACHE"] = old
