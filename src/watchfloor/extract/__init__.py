"""Extraction: events, places, statistics and claims from one article's text."""

from .pipeline import EXTRACTOR_VERSION, Extractor, get_extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor", "get_extractor"]
