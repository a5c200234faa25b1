"""Identity of inputs and articles: registrable domains, stable ids, versions of one URL.

Ids are hashes of what the input *is* (URL or path, WARC record id, content hash), never of when or where it
was parsed, so the same input gets the same id on every machine and every run (the basis of byte-identical
outputs and of joins across dataset versions).
"""

from __future__ import annotations

import functools
import hashlib
from urllib.parse import urlsplit

import polars as pl
from publicsuffixlist import PublicSuffixList


@functools.cache
def _psl() -> PublicSuffixList:
    # The list shipped with the package (no download): reproducible on every machine with the same lock.
    return PublicSuffixList()


def host_of(url: str | None) -> str | None:
    """Lower-case host of an http(s) URL, without port and trailing dot; None when there is none."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".").lower()
    return host or None


def registrable_domain(url_or_host: str | None) -> str | None:
    """The registrable domain ("eTLD+1") of a URL or host: www.t-online.de -> t-online.de.

    Uses the Public Suffix List so that e.g. bbc.co.uk stays whole; reserved names such as *.example fall back
    to the default rule (last label is the suffix), which is what we want for the demo outlets.
    """
    if not url_or_host:
        return None
    s = url_or_host.strip()
    host = host_of(s) if "://" in s else s.split("/")[0].split(":")[0].rstrip(".").lower()
    if not host or "." not in host:
        return None
    if all(p.isdigit() for p in host.split(".")):  # an IP address has no registrable domain
        return host
    dom = _psl().privatesuffix(host)
    return dom or host


def _h(*parts: str | None) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8"))
        h.update(b"\x1f")  # unit separator: ("ab","c") and ("a","bc") hash differently
    return h.hexdigest()


def article_id(url: str | None, path: str, record_id: str | None, content_sha256: str) -> str:
    """Stable article id: "a" + 16 hex of sha256 over (url or path, record id, content sha256)."""
    return "a" + _h(url or path, record_id, content_sha256)[:16]


def quarantine_id(stage: str, path: str | None, record_id: str | None, reason: str) -> str:
    """Stable quarantine id: "q" + 16 hex of sha256 over (stage, path, record id, reason)."""
    return "q" + _h(stage, path, record_id, reason)[:16]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assign_versions(keys: pl.DataFrame) -> pl.DataFrame:
    """Version numbers for snapshots of one URL: 1, 2, ... by modification, publication, fetch time.

    ``keys`` needs article_id, url, modified_at, published_at, fetched_at. Articles without a URL are each
    their own version 1 (nothing links them). Ties are broken by article_id so the order is total.
    """
    order = keys.with_columns(
        pl.coalesce("modified_at", "published_at").alias("_t1"),
    ).sort(["url", "_t1", "fetched_at", "article_id"], nulls_last=True)
    return order.select(
        "article_id",
        pl.when(pl.col("url").is_null())
        .then(pl.lit(1))
        .otherwise(pl.int_range(1, pl.len() + 1).over("url"))
        .cast(pl.Int32)
        .alias("version"),
    )
