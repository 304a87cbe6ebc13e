"""Storage. Only this package speaks SQL."""

from .guard import DatabaseFailure, StoreError
from .core import AddResult, Store

__all__ = ["AddResult", "DatabaseFailure", "Store", "StoreError"]
