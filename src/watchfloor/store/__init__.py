"""Storage. Only this package speaks SQL."""

from .sqlite import AddResult, DatabaseFailure, Store, StoreError

__all__ = ["AddResult", "DatabaseFailure", "Store", "StoreError"]
