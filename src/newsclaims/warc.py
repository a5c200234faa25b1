"""WARC / WARC.gz files (warcio): every HTML response record becomes an input unit for parsing.

A crawler's WARC holds many records per file; each response record is its own article snapshot, with the
record's target URI and capture date (WARC-Date) as URL and fetch time. Records that are not articles are
accounted for, not lost: non-HTML responses and revisits become quarantine rows. Request, warcinfo and
metadata records describe the crawl itself (not captured content) and are counted in the log only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

CONTENT_RECORDS = {"response", "resource", "conversion"}
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Record:
    """One content record: either an HTML payload to parse or a reason it is not one."""

    record_id: str
    url: str | None
    date: str | None  # WARC-Date, ISO 8601 UTC
    content_type: str | None
    charset: str | None
    payload: bytes | None
    reason: str | None  # None = parse it; else a quarantine reason code
    detail: str = ""


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def _ctype(headers_value: str | None) -> tuple[str | None, str | None]:
    if not headers_value:
        return None, None
    parts = [p.strip() for p in headers_value.split(";")]
    ct = parts[0].lower() or None
    cs = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:] if p.lower().startswith("charset=")), None)
    return ct, cs


def records(stream: BinaryIO, max_bytes: int) -> Iterator[Record]:
    """Content records of a WARC stream in file order. Raises ArchiveLoadFailed for a broken file."""
    for rec in ArchiveIterator(stream, arc2warc=True):
        rtype = rec.rec_type
        h = rec.rec_headers
        rid = h.get_header("WARC-Record-ID") or ""
        url = h.get_header("WARC-Target-URI")
        date = h.get_header("WARC-Date")
        if rtype == "revisit":
            yield Record(
                rid,
                url,
                date,
                None,
                None,
                None,
                "revisit_record",
                "WARC revisit record (the crawler saw unchanged content; the payload is in the "
                "record it refers to): nothing to parse.",
            )
            continue
        if rtype not in CONTENT_RECORDS:
            continue
        if rec.http_headers is not None:
            ct, cs = _ctype(rec.http_headers.get_header("Content-Type"))
            status = rec.http_headers.get_statuscode()
        else:
            ct, cs = _ctype(h.get_header("Content-Type"))
            status = None
        if status and not str(status).startswith("2"):
            yield Record(
                rid,
                url,
                date,
                ct,
                cs,
                None,
                "non_html_record",
                f"HTTP status {status} (redirect or error page), not an article.",
            )
            continue
        if not ct or not ct.startswith(HTML_TYPES):
            yield Record(
                rid,
                url,
                date,
                ct,
                cs,
                None,
                "non_html_record",
                f"content type {ct or 'unknown'} is not HTML; only HTML pages are parsed.",
            )
            continue
        payload = rec.content_stream().read(max_bytes + 1)
        if len(payload) > max_bytes:
            yield Record(
                rid,
                url,
                date,
                ct,
                cs,
                None,
                "too_large",
                f"payload over {max_bytes} bytes; raise parse.max_input_bytes to parse it.",
            )
            continue
        yield Record(rid, url, date, ct, cs, payload, None)


__all__ = ["ArchiveLoadFailed", "Record", "is_warc", "records"]
