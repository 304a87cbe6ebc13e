"""Merge stage: syndicated copies (neardup), reports of one incident into one event (match,
cluster), and the merged event's reconciled fields (reconcile). Pure functions over typed
records; the store hands them candidates and keeps the result."""
