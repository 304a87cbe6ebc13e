"""Events in and out of the formats analysts use: ACLED and UCDP CSV (read and written),
and CSV, JSONL, GeoJSON and Parquet (written). Row-level functions; the store keeps the events
(store/imported.py) and service.py streams the files."""

from . import acled, ucdp

READERS = {"acled": acled.read_row, "ucdp": ucdp.read_row}
WRITERS = {"acled": (acled.COLUMNS, acled.write_row), "ucdp": (ucdp.COLUMNS, ucdp.write_row)}
