"""The I/O shell: read, validate and write tables. Stage cores never touch files; the CLI calls these.

Every table goes through :func:`write_table` (or :class:`TableWriter` for streamed batches): conformed to the
contract's column order and types, validated with pandera, then written as Parquet with fixed settings so the
same frame gives the same bytes on every machine (the basis of ``dvc.lock`` reproducibility).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from newsclaims import schema

# Fixed writer settings: changing any of them changes every output file's bytes (and so dvc.lock).
PARQUET_COMPRESSION = "zstd"
PARQUET_COMPRESSION_LEVEL = 3
ROW_GROUP_SIZE = 65_536


def _arrow(df: pl.DataFrame) -> pa.Table:
    return df.to_arrow(compat_level=pl.CompatLevel.oldest())


class TableWriter:
    """Append validated batches to one Parquet file, so a stage can stream 10^6 articles in bounded memory."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = Path(path)
        self.name = name
        self.rows = 0
        self._writer: pq.ParquetWriter | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, df: pl.DataFrame) -> None:
        t = schema.table(self.name)
        df = schema.validate(t.conform(df), self.name)
        tbl = _arrow(df)
        if self._writer is None:
            self._writer = pq.ParquetWriter(
                self.path,
                tbl.schema,
                compression=PARQUET_COMPRESSION,
                compression_level=PARQUET_COMPRESSION_LEVEL,
                write_statistics=True,
            )
        if tbl.num_rows:
            self._writer.write_table(tbl, row_group_size=ROW_GROUP_SIZE)
        self.rows += tbl.num_rows

    def close(self) -> int:
        if self._writer is None:  # nothing written: still leave a valid, empty table
            self.write(schema.table(self.name).empty())
        assert self._writer is not None
        self._writer.close()
        return self.rows

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_table(df: pl.DataFrame, path: Path, name: str | None = None) -> int:
    """Conform, validate and write one table; ``name`` defaults to the file stem. Returns the row count."""
    path = Path(path)
    with TableWriter(path, name or path.stem) as w:
        w.write(df)
    return w.rows


def read_table(path: Path, name: str | None = None, validate: bool = True) -> pl.DataFrame:
    """Read a table written by the pipeline; validates against its schema unless told not to."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"table file {path} does not exist: run the stage that writes it first")
    df = pl.read_parquet(path)
    n = name or path.stem
    if validate:
        df = schema.validate(schema.table(n).conform(df), n)
    return df


def write_json(obj: Any, path: Path) -> None:
    """Deterministic JSON (sorted keys, fixed indent, trailing newline) for metrics and metadata."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
