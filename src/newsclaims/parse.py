"""parse stage: collected inputs (HTML pages, text scrapes, WARC records) -> articles and quarantine tables.

Pure core: :func:`parse_batch` turns a frame of input units (bytes plus what the manifest says) into article
and quarantine rows; :func:`finalize` links versions of one URL and syndicated copies from compact per-article
keys. The I/O helpers (:func:`iter_batches`) read files and WARC records in batches of ``batch_size`` units so
memory stays flat however large the collection; the CLI shell writes the tables.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from newsclaims import chrome, decoding, htmlpage, language, schema, scrape, syndication, warc
from newsclaims.identity import article_id, quarantine_id, registrable_domain, sha256_bytes
from newsclaims.manifest import Unit


@dataclass(frozen=True)
class Params:
    """parse section of params.yaml (values and calibration notes are in that file)."""

    batch_size: int = 200
    max_input_bytes: int = 20_000_000
    min_body_chars: int = 200
    paywall_max_chars: int = 1500
    listing_link_density: float = 0.45
    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    find_dates: bool = True
    shingle_words: int = 5
    num_perm: int = 128
    near_duplicate_threshold: float = 0.5


UNIT_SCHEMA = {
    "path": pl.String,
    "record_id": pl.String,
    "format": pl.String,
    "data": pl.Binary,
    "charset": pl.String,
    "url": pl.String,
    "outlet": pl.String,
    "published": pl.String,
    "language": pl.String,
    "synthetic": pl.Boolean,
    "fetched_at": pl.String,
}
KEY_COLUMNS = ["article_id", "url", "outlet", "published_at", "modified_at", "fetched_at", "text_hash"]


def qrow(path: str | None, record_id: str | None, url: str | None, reason: str, detail: str) -> dict:
    return {
        "quarantine_id": quarantine_id("parse", path, record_id, reason),
        "stage": "parse",
        "path": path,
        "record_id": record_id,
        "url": url,
        "reason": reason,
        "detail": detail,
    }


def sniff_format(path: str, data: bytes) -> str | None:
    """html | text | warc from the file name (a .gz page by its name without .gz), else the first bytes."""
    low = path.lower()
    if low.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return "warc"
    low = low.removesuffix(".gz")
    if low.endswith((".html", ".htm", ".xhtml", ".shtml")):
        return "html"
    if low.endswith((".txt", ".text", ".md")):
        return "text"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:512]:
        return "html"
    return "text"


# ----------------------------------------------------------------------------------------- I/O helpers


def iter_batches(root: Path, units: list[Unit], params: Params) -> Iterator[tuple[pl.DataFrame, list[dict]]]:
    """Read inputs in order (files by path, WARC records in file order), ``batch_size`` units at a time.

    Yields (units frame, quarantine rows found while reading: WARC records that are not HTML, broken WARCs).
    """
    rows: list[dict[str, Any]] = []
    qrows: list[dict] = []

    def base(u: Unit) -> dict[str, Any]:
        return {
            "path": u.path,
            "record_id": None,
            "format": u.format,
            "data": b"",
            "charset": None,
            "url": u.url,
            "outlet": u.outlet,
            "published": u.published,
            "language": u.language,
            "synthetic": u.synthetic,
            "fetched_at": u.fetched_at,
        }

    def flush() -> tuple[pl.DataFrame, list[dict]]:
        nonlocal rows, qrows
        out = (pl.DataFrame(rows, schema=UNIT_SCHEMA), qrows)
        rows, qrows = [], []
        return out

    for u in units:
        p = root / u.path
        fmt = u.format
        if (fmt or "").lower() == "warc" or warc.is_warc(p):
            n_recs = 0
            try:
                with p.open("rb") as f:
                    for rec in warc.records(f, params.max_input_bytes):
                        n_recs += 1
                        if rec.reason:
                            qrows.append(qrow(u.path, rec.record_id, rec.url, rec.reason, rec.detail))
                        else:
                            r = base(u)
                            r.update(
                                record_id=rec.record_id,
                                format="warc",
                                data=rec.payload,
                                charset=rec.charset,
                                url=rec.url or u.url,
                                fetched_at=rec.date,
                                published=None,
                            )
                            rows.append(r)
                        if len(rows) + len(qrows) >= params.batch_size:
                            yield flush()
            except (warc.ArchiveLoadFailed, OSError, EOFError, gzip.BadGzipFile, ValueError) as e:
                qrows.append(
                    qrow(
                        u.path,
                        None,
                        u.url,
                        "warc_error",
                        f"{u.path} is not a readable WARC file ({e}); re-download or re-crawl "
                        "it, or remove it from the input folder.",
                    )
                )
                continue
            if n_recs == 0:
                qrows.append(
                    qrow(
                        u.path,
                        None,
                        u.url,
                        "warc_error",
                        f"{u.path} holds no readable WARC content record (request/metadata "
                        "only, or not a WARC file); check the crawl output.",
                    )
                )
            continue
        r = base(u)
        size = p.stat().st_size
        if size > params.max_input_bytes:
            qrows.append(
                qrow(
                    u.path,
                    None,
                    u.url,
                    "too_large",
                    f"{u.path} is {size} bytes, over parse.max_input_bytes; raise it if the file "
                    "is a real article page.",
                )
            )
            continue
        if p.name.lower().endswith(".gz"):
            try:
                r["data"] = read_gzip(p, params.max_input_bytes)
            except (OSError, EOFError, gzip.BadGzipFile) as e:
                qrows.append(
                    qrow(
                        u.path,
                        None,
                        u.url,
                        "decode_error",
                        f"{u.path} is not a readable gzip file ({e}); re-download it, or save it "
                        "uncompressed.",
                    )
                )
                continue
            if len(r["data"]) > params.max_input_bytes:
                qrows.append(
                    qrow(
                        u.path,
                        None,
                        u.url,
                        "too_large",
                        f"{u.path} decompresses to over parse.max_input_bytes; raise it if the file is a "
                        "real article page.",
                    )
                )
                continue
        else:
            r["data"] = p.read_bytes()
        rows.append(r)
        if len(rows) + len(qrows) >= params.batch_size:
            yield flush()
    if rows or qrows:
        yield flush()


def read_gzip(p: Path, max_bytes: int) -> bytes:
    """A gzipped single page, read up to one byte past ``max_bytes`` (a gzip bomb stops there)."""
    with gzip.open(p, "rb") as f:
        return f.read(max_bytes + 1)


def iter_parquet(path: Path, batch_size: int) -> Iterator[pl.DataFrame]:
    """Rows of a Parquet file in frames of exactly ``batch_size`` rows (the last may be shorter).

    Reads one row group at a time. pyarrow's ``ParquetFile.iter_batches`` gives the same frames but its
    reader kept buffers alive across the whole file: peak RSS of the final step of `parse` rose ~60 MB from
    1,000 to 10,000 articles (measured with /proc/self/status VmHWM around each step); row group by row group
    it is flat. Frames are re-chunked so the written bytes do not depend on the row-group layout read.
    """
    pf = pq.ParquetFile(path)
    buf: list[pl.DataFrame] = []
    n = 0
    for i in range(pf.num_row_groups):
        df = pl.from_arrow(pf.read_row_group(i))
        assert isinstance(df, pl.DataFrame)
        buf.append(df)
        n += df.height
        while n >= batch_size:
            cat = pl.concat(buf, rechunk=True) if len(buf) > 1 else buf[0]
            yield cat.head(batch_size).rechunk()
            rest = cat.slice(batch_size)
            buf, n = ([rest] if rest.height else []), rest.height
    if n:
        yield pl.concat(buf, rechunk=True)


def use_system_arrow_pool() -> pa.MemoryPool:
    """Make pyarrow allocate from the system allocator; returns the previous pool to restore afterwards.

    pyarrow's default pool (mimalloc) kept the freed buffers of the final step of `parse` (row groups read
    back, Arrow tables written): peak RSS of that step rose from +32 MB at 1,000 to +50 MB at 10,000 text
    scrapes with live data of only ~6 MB (measured with /proc/self/status VmHWM around each step); calling
    ``release_unused()`` after every batch only halved it. With the system pool the step adds ~12 MB at
    10,000 articles, and the written bytes are the same (the pool only decides where buffers live).
    """
    prev = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    return prev


# ------------------------------------------------------------------------------------------ pure core


def _dt(s: str | None) -> datetime | None:
    return htmlpage.parse_datetime(s) if s else None


def _parse_one(u: dict[str, Any], params: Params) -> tuple[dict | None, dict | None]:
    path, rid, url = u["path"], u["record_id"], u["url"]
    data: bytes = u["data"] or b""
    if not data.strip():
        return None, qrow(
            path,
            rid,
            url,
            "empty_file",
            f"{path} is empty (0 bytes or whitespace only); re-save or re-fetch it.",
        )
    fmt = u["format"] or sniff_format(path, data)
    if fmt not in ("html", "text", "warc"):
        return None, qrow(
            path,
            rid,
            url,
            "unsupported_format",
            f"{path}: format {fmt!r} is not one of html, text, warc; fix the manifest's format column.",
        )
    try:
        dec = decoding.decode(data, u["charset"])
    except decoding.BinaryInput as e:
        return None, qrow(
            path,
            rid,
            url,
            "binary_file",
            f"{path}: {e}; only HTML, text and WARC files can be parsed (convert PDFs or "
            "images to text first, or remove the file).",
        )
    except (UnicodeDecodeError, LookupError) as e:
        return None, qrow(path, rid, url, "decode_error", f"{path}: cannot decode ({e}); save it as UTF-8.")
    is_html = fmt in ("html", "warc") or sniff_format("", data) == "html"
    row: dict[str, Any] = {}
    if is_html:
        page = htmlpage.parse(
            dec.text,
            url,
            favor_precision=params.favor_precision,
            favor_recall=params.favor_recall,
            include_tables=params.include_tables,
            find_dates=params.find_dates,
        )
        if not page.closed:
            return None, qrow(
                path,
                rid,
                url or page.url,
                "truncated_html",
                f"{path}: the HTML ends without </body> or </html> (download cut off); fetch the page again.",
            )
        n = len(page.text)
        # A listing declared in JSON-LD, or a link-heavy page without article metadata and with almost no
        # prose. og:type "website" alone proves nothing (many real article pages use it).
        link_heavy = page.link_density >= params.listing_link_density
        if (page.page_type == "listing" and (link_heavy or n < params.paywall_max_chars)) or (
            page.page_type is None and link_heavy and n < 2 * params.min_body_chars
        ):
            return None, qrow(
                path,
                rid,
                url or page.url,
                "not_article",
                f"{path}: a listing/tag page (type {page.page_type or 'unknown'}, link "
                f"density {page.link_density:.2f}), not an article; remove it or collect "
                "the articles it links to.",
            )
        pay = chrome.rules().paywall
        if n < params.paywall_max_chars and (
            page.accessible_for_free is False or (pay is not None and pay.search(page.text))
        ):
            return None, qrow(
                path,
                rid,
                url or page.url,
                "paywall",
                f"{path}: a paywall stub ({n} characters of teaser); collect the full "
                "text with a subscription or remove it.",
            )
        row.update(
            url=url or page.url,
            site_name=page.site_name,
            title=page.title,
            kicker=page.kicker,
            author=page.author,
            section=page.section,
            published_at=page.published_at,
            modified_at=page.modified_at,
            text=page.text,
            captions=page.captions,
            wire_credits=page.wire_credits,
            reading_time_min=None,
        )
        declared_lang = page.language
        meta_outlet = registrable_domain(page.url)
    else:
        # Language of the page for the chrome rules: sample the middle of the scrape, where the body is.
        mid = len(dec.text) // 3
        hint = language.detect(dec.text[mid : mid + language.DETECT_CHARS])
        s = scrape.clean(dec.text, lang=hint, outlet=u["outlet"] or registrable_domain(url))
        n = len(s.text)
        pay = chrome.rules().paywall
        if (
            n < params.paywall_max_chars
            and pay is not None
            and pay.search(dec.text)
            and n < params.min_body_chars * 2
        ):
            return None, qrow(
                path, rid, url, "paywall", f"{path}: a paywall stub ({n} characters of teaser)."
            )
        row.update(
            url=url,
            site_name=s.site_name,
            title=s.title,
            kicker=s.kicker,
            author=s.author,
            section=s.section,
            published_at=s.published_at,
            modified_at=s.modified_at,
            text=s.text,
            captions=s.captions,
            wire_credits=s.wire_credits,
            reading_time_min=s.reading_time_min,
        )
        declared_lang = None
        meta_outlet = s.header_outlet
    if len(row["text"]) < params.min_body_chars:
        return None, qrow(
            path,
            rid,
            row["url"],
            "too_short",
            f"{path}: only {len(row['text'])} characters of body after cleaning (minimum "
            f"{params.min_body_chars}); check that the file holds a whole article.",
        )
    csha = sha256_bytes(data)
    lang, lang_src = language.choose(u["language"], row["text"], declared_lang)
    row.update(
        article_id=article_id(row["url"], path, rid, csha),
        path=path,
        record_id=rid,
        format=fmt,
        outlet=(u["outlet"] or "").lower() or registrable_domain(row["url"]) or meta_outlet,
        published_at=_dt(u["published"]) or row["published_at"],
        fetched_at=_dt(u["fetched_at"]),
        language=lang,
        language_source=lang_src,
        encoding=dec.encoding,
        content_sha256=csha,
        version=1,
        syndication_group=None,
        syndication_origin=True,
        synthetic=bool(u["synthetic"]),
        text_hash=syndication.text_hash(row["text"]),
    )
    return row, None


def parse_batch(units: pl.DataFrame, params: Params) -> tuple[pl.DataFrame, pl.DataFrame, np.ndarray]:
    """Parse a batch of input units -> (articles, quarantine, MinHash signatures of the articles).

    Articles carry placeholder version/syndication columns (filled by :func:`finalize`) and a helper column
    ``text_hash``; the signatures array has one row per article, in the same order.
    """
    arts: list[dict] = []
    qs: list[dict] = []
    for u in units.iter_rows(named=True):
        a, q = _parse_one(u, params)
        if a is not None:
            arts.append(a)
        if q is not None:
            qs.append(q)
    t = schema.table("articles")
    if arts:
        df = pl.DataFrame(arts, infer_schema_length=None)
        df = t.conform(df).with_columns(df["text_hash"])
        sigs = np.stack(
            [syndication.signature(a["text"], params.shingle_words, params.num_perm) for a in arts]
        )
    else:
        df = t.empty().with_columns(pl.lit(None, pl.String).alias("text_hash"))
        sigs = np.zeros((0, params.num_perm), dtype=np.uint32)
    qdf = (
        pl.DataFrame(qs, schema=schema.table("quarantine").polars_schema)
        if qs
        else schema.table("quarantine").empty()
    )
    return df, qdf, sigs


def finalize(keys: pl.DataFrame, signatures: np.ndarray, params: Params) -> pl.DataFrame:
    """Per article: version number among snapshots of its URL, syndication group and origin."""
    from newsclaims.identity import assign_versions

    if keys.height == 0:
        return pl.DataFrame(
            schema={
                "article_id": pl.String,
                "version": pl.Int32,
                "syndication_group": pl.String,
                "syndication_origin": pl.Boolean,
            }
        )
    ver = assign_versions(keys)
    syn = syndication.groups(keys, signatures, params.near_duplicate_threshold, params.num_perm)
    return ver.join(syn, on="article_id")


class Linker:
    """What a parse run keeps across batches: the ids seen so far, and per article the compact keys and
    MinHash signature that versions and syndication are computed from once every batch is read.

    Why a class of its own: batches stream through (10^6 pages never sit in memory together), but two
    decisions need the whole corpus: an input that repeats an earlier one (same URL and bytes, so the same
    article_id) is kept once, and versions / syndicated copies link articles of different batches. The
    CLI only moves batches between files; this holds the logic, without I/O."""

    def __init__(self, params: Params) -> None:
        self.params = params
        self.seen: set[str] = set()
        self.keys: list[pl.DataFrame] = []
        self.sigs: list[np.ndarray] = []

    def add(self, arts: pl.DataFrame, sigs: np.ndarray) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(articles of the batch to keep, quarantine rows of the inputs seen before or twice in it)."""
        # ids seen in earlier batches: a set lookup per new row (never a scan of all seen ids)
        before = pl.Series([a in self.seen for a in arts["article_id"].to_list()], dtype=pl.Boolean)
        dup = before | arts["article_id"].is_duplicated()
        rows: list[dict] = []
        if dup.any():
            dup = ~(~before & arts["article_id"].is_first_distinct())
            rows = [
                qrow(r["path"], r["record_id"], r["url"], "duplicate_input",
                     f"{r['path']}: same URL and bytes as an input parsed before; it is kept once.")
                for r in arts.filter(dup).iter_rows(named=True)
            ]  # fmt: skip
            arts, sigs = arts.filter(~dup), sigs[~dup.to_numpy()]
        self.seen.update(arts["article_id"].to_list())
        self.keys.append(arts.select(KEY_COLUMNS))
        self.sigs.append(sigs)
        return arts, pl.DataFrame(rows, schema=schema.table("quarantine").polars_schema)

    def links(self) -> pl.DataFrame:
        """Version, syndication group and origin of every article added (see :func:`finalize`)."""
        keys = pl.concat(self.keys) if self.keys else pl.DataFrame(schema={c: pl.String for c in KEY_COLUMNS})
        sigs = np.concatenate(self.sigs) if self.sigs else np.zeros((0, self.params.num_perm), np.uint32)
        return finalize(keys, sigs, self.params)
