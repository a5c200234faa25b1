"""Gzip-compressed single pages (``page.html.gz``, ``scrape.txt.gz``) parse like their uncompressed copies."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import polars as pl

from newsclaims.cli import do_parse

REPO = Path(__file__).resolve().parents[1]
PARAMS = REPO / "params.yaml"
PAGE = REPO / "data" / "raw" / "demo" / "html" / "dailyherald-20241023-nis-3000-troops.html"
SCRAPE = REPO / "data" / "raw" / "demo" / "scrape" / "newsnow-20241023-nis-3000-troops.txt"


def test_gzipped_pages_parse_as_their_plain_copies(tmp_path: Path) -> None:
    plain, packed = tmp_path / "plain", tmp_path / "packed"
    plain.mkdir()
    packed.mkdir()
    for src in (PAGE, SCRAPE):
        shutil.copy(src, plain / src.name)
        (packed / (src.name + ".gz")).write_bytes(gzip.compress(src.read_bytes()))
    (packed / "broken.html.gz").write_bytes(b"\x1f\x8bnot really gzip")
    do_parse(plain, None, tmp_path / "out-plain", PARAMS)
    do_parse(packed, None, tmp_path / "out-packed", PARAMS)
    a = pl.read_parquet(tmp_path / "out-plain" / "articles.parquet").sort("path")
    b = pl.read_parquet(tmp_path / "out-packed" / "articles.parquet").sort("path")
    assert b["path"].to_list() == [p + ".gz" for p in a["path"].to_list()]
    for col in ("text", "language", "published_at", "title"):
        assert b[col].to_list() == a[col].to_list(), col
    q = pl.read_parquet(tmp_path / "out-packed" / "quarantine.parquet")
    assert q.select("path", "reason").rows() == [("broken.html.gz", "decode_error")]
