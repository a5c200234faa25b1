"""Syndication: exact and near-duplicate articles across outlets, grouped, with the earliest as origin.

Wire copy is republished with small edits (headline, a trimmed paragraph, a reworded sentence); counting it
once per outlet would inflate how "many" outlets report a figure. Each article gets a content hash of its
normalised text (exact copies) and a MinHash signature of word shingles (near copies); LSH banding finds
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
from datasketch import MinHash
from datasketch.lsh import _optimal_param

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


def _star_pairs(df: pl.DataFrame, key: str) -> pl.DataFrame:
    """Pairs (first member, other member) of every bucket with more than one member."""
    return (
        df.group_by(key)
        .agg(pl.col("_i").sort())
        .filter(pl.col("_i").list.len() > 1)
        .select(pl.col("_i").list.first().alias("i"), pl.col("_i").list.slice(1).alias("j"))
        .explode("j", empty_as_null=False)
    )


def candidate_pairs(signatures: np.ndarray, threshold: float, num_perm: int) -> pl.DataFrame:
    """LSH banding, vectorised: articles sharing one band of their signature are candidate pairs.

    The band layout (b bands of r rows) is datasketch's optimum for ``threshold``. Each band is hashed to one
    64-bit key per article with numpy and bucketed with polars, one band at a time, so memory is a few bytes
    per article (datasketch's MinHashLSH keeps Python objects per article: ~9 KB each, too much for 10^6).
    """
    b, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
    n = signatures.shape[0]
    idx = np.arange(n, dtype=np.int64)
    mult = np.array(
        [(0x9E3779B97F4A7C15 ^ (k * 0xBF58476D1CE4E5B9)) & 0xFFFFFFFFFFFFFFFF | 1 for k in range(r)],
        dtype=np.uint64,
    )
    out = []
    for band in range(b):
        chunk = signatures[:, band * r : (band + 1) * r].astype(np.uint64)
        with np.errstate(over="ignore"):
            h = (chunk * mult).sum(axis=1, dtype=np.uint64)
        out.append(_star_pairs(pl.DataFrame({"_i": idx, "_k": h}), "_k"))
    if not out:
        return pl.DataFrame(schema={"i": pl.Int64, "j": pl.Int64})
    return pl.concat(out).unique(maintain_order=True)


def groups(keys: pl.DataFrame, signatures: np.ndarray, threshold: float, num_perm: int) -> pl.DataFrame:
    """Syndication groups from article keys and their MinHash signatures (one row per key, same order).

    ``keys``: article_id, url, outlet, published_at, text_hash. Pairs link when the texts are identical
    (different URLs) or near-identical across outlets (estimated Jaccard >= ``threshold``); versions of
    one URL are versions, not syndication. Returns article_id, syndication_group, syndication_origin.
    """
    n = keys.height
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

    codes = keys.with_row_index("_i").select(
        pl.col("_i").cast(pl.Int64),
        "text_hash",
        pl.col("url").cast(pl.Categorical).to_physical().cast(pl.Int64).fill_null(-1).alias("_u"),
        pl.col("outlet").cast(pl.Categorical).to_physical().cast(pl.Int64).fill_null(-1).alias("_o"),
    )
    u = codes["_u"].to_numpy()
    o = codes["_o"].to_numpy()
    exact = _star_pairs(codes, "text_hash")
    near = candidate_pairs(signatures, threshold, num_perm) if n > 1 else exact.clear()
    for frame, need_other_outlet in ((exact, False), (near, True)):
        if frame.height == 0:
            continue
        i = frame["i"].to_numpy()
        j = frame["j"].to_numpy()
        keep = ~((u[i] >= 0) & (u[i] == u[j]))  # snapshots of one URL are versions, not copies
        if need_other_outlet:
            keep &= ~((o[i] >= 0) & (o[i] == o[j]))
            sim = np.empty(len(i))
            for s0 in range(0, len(i), 65536):  # chunked: never a (pairs x num_perm) array at once
                sl = slice(s0, s0 + 65536)
                sim[sl] = (signatures[i[sl]] == signatures[j[sl]]).mean(axis=1)
            keep &= sim >= threshold
        for a, c in zip(i[keep].tolist(), j[keep].tolist(), strict=True):
            union(a, c)
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
    return df.select(
        "article_id",
        pl.when(pl.col("_n") > 1)
        .then(pl.lit("s") + pl.col("_origin").str.slice(1))
        .otherwise(None)
        .alias("syndication_group"),
        ((pl.col("_n") == 1) | (pl.col("article_id") == pl.col("_origin"))).alias("syndication_origin"),
    )
