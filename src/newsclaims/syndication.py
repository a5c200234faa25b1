"""Syndication: exact and near-duplicate articles across outlets, grouped, with the earliest as origin.

Wire copy is republished with small edits (headline, a trimmed paragraph, a reworded sentence); counting it
once per outlet would inflate how "many" outlets report a figure. Each article gets a content hash of its
normalised text (exact copies) and a MinHash signature of word shingles (near copies); LSH (datasketch) finds
candidate pairs, the signature estimate of Jaccard similarity confirms them, and connected pairs form a group.
Only the compact signatures are kept across batches, never the texts.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib

import numpy as np
import polars as pl
from datasketch import MinHash, MinHashLSH

_TOKEN = re.compile(r"\w+", re.UNICODE)
SCHEME = "affine32"  # datasketch 2.x default: 32-bit values, so a signature is 4 bytes per permutation
SEED = 1  # fixed MinHash seed: signatures must be comparable across runs and machines


def normalise(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def text_hash(text: str) -> str:
    """sha256 of the normalised token stream: exact duplicates up to case, punctuation and spacing."""
    return hashlib.sha256(" ".join(normalise(text)).encode("utf-8")).hexdigest()


def _crc32(b: bytes) -> int:
    # CRC-32 is a stable, C-speed 32-bit hash: enough to spread shingles before the MinHash permutations
    # (sha1, datasketch's default, was a third of the parse time of text scrapes).
    return zlib.crc32(b)


@functools.cache
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_crc32)


def signature(text: str, shingle_words: int, num_perm: int) -> np.ndarray:
    """MinHash signature (uint32, ``num_perm`` values) of the text's word ``shingle_words``-grams."""
    toks = normalise(text)
    k = shingle_words
    sh = {" ".join(toks[i : i + k]).encode("utf-8") for i in range(max(1, len(toks) - k + 1))}
    m = _template(num_perm).copy()
    m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=np.uint32)


def _mh(sig: np.ndarray, num_perm: int) -> MinHash:
    t = _template(num_perm)
    return MinHash(num_perm=num_perm, seed=SEED, hashvalues=sig, permutations=t.permutations, scheme=SCHEME)


def groups(keys: pl.DataFrame, signatures: np.ndarray, threshold: float, num_perm: int) -> pl.DataFrame:
    """Syndication groups from article keys and their MinHash signatures (one row per key, same order).

    ``keys``: article_id, url, outlet, published_at, text_hash. Pairs link when the texts are identical
    (different URLs) or near-identical across outlets (estimated Jaccard >= ``threshold``); versions of
    one URL are versions, not syndication. Returns article_id, syndication_group, syndication_origin.
    """
    n = keys.height
    ids = keys["article_id"].to_list()
    urls = keys["url"].to_list()
    outlets = keys["outlet"].to_list()
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    def same_url(i: int, j: int) -> bool:
        return urls[i] is not None and urls[i] == urls[j]

    # exact duplicates
    by_hash = (
        keys.with_row_index("_i").group_by("text_hash").agg(pl.col("_i")).filter(pl.col("_i").list.len() > 1)
    )
    for members in by_hash["_i"].to_list():
        m0 = sorted(members)
        for j in m0[1:]:
            if not same_url(m0[0], j):
                union(m0[0], j)
    # near duplicates
    if n > 1:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        for i in range(n):
            lsh.insert(i, _mh(signatures[i], num_perm))
        for i in range(n):
            q = _mh(signatures[i], num_perm)
            for j in lsh.query(q):
                if j <= i or same_url(i, j) or (outlets[i] is not None and outlets[i] == outlets[j]):
                    continue
                if float(np.mean(signatures[i] == signatures[j])) >= threshold:
                    union(i, j)
    roots = [find(i) for i in range(n)]
    df = keys.select("article_id", "published_at").with_columns(pl.Series("_root", roots))
    size = df.group_by("_root").agg(pl.len().alias("_n"))
    df = df.join(size, on="_root")
    # origin: earliest publication (unknown dates last), ties by article_id
    first = (
        df.sort(["_root", "published_at", "article_id"], nulls_last=True)
        .group_by("_root", maintain_order=True)
        .agg(pl.col("article_id").first().alias("_origin"))
    )
    df = df.join(first, on="_root")
    _ = ids
    return df.select(
        "article_id",
        pl.when(pl.col("_n") > 1)
        .then(pl.lit("s") + pl.col("_origin").str.slice(1))
        .otherwise(None)
        .alias("syndication_group"),
        ((pl.col("_n") == 1) | (pl.col("article_id") == pl.col("_origin"))).alias("syndication_origin"),
    )
