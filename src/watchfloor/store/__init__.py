"""Storage. Only this package speaks SQL."""

from .sqlite import AddResult, Store, StoreError

__all__ = ["AddResult", "Store", "StoreError"]
