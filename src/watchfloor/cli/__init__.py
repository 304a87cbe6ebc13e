"""The ``watchfloor`` command line: a thin layer over service, store and extract. Each module
registers its commands on the one app (cli/base.py)."""

from . import reading, querying, analysis, watching, serving, exchange, evaluation  # noqa: F401, I001  (registers the commands, in help order)
from .base import app

__all__ = ["app"]
