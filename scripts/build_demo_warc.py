"""Build the demo WARC data/raw/demo/warc/crawl-2024-11.warc.gz from data/synthetic/warc-pages/.

Why this script exists: a WARC written by a live crawler carries random record ids, the current time
and gzip timestamps, so it could never be rebuilt byte for byte. The demo corpus must be
reproducible (same inputs -> same bytes, checked through dvc.lock), so every value a crawler would
invent is fixed here:

- WARC-Date values are constants (October-December 2024), one per capture;
- WARC-Record-ID is ``urn:uuid:`` + uuid5(NAMESPACE_URL, "<type>|<url>|<warc-date>"), i.e. derived
  from the record's URL (type and date added so a request, its response and a later revisit of the
  same URL get distinct ids);
- every record is its own gzip member written with ``mtime=0`` (the usual .warc.gz layout, one
  member per record, so readers can seek to any record).

The file holds a warcinfo record, request/response pairs for four HTML pages (three French, one
English), one non-HTML response (a tiny image/jpeg, which the pipeline must quarantine with reason
``non_html_record``) and one revisit record (identical-payload-digest) of an earlier page.

Usage: ``python scripts/build_demo_warc.py [--pages DIR] [--out FILE]`` (defaults relative to the
repository root). Requires warcio.
"""

from __future__ import annotations

import argparse
import gzip
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = REPO / "data" / "synthetic" / "warc-pages"
DEFAULT_OUT = REPO / "data" / "raw" / "demo" / "warc" / "crawl-2024-11.warc.gz"
WARC_FILENAME = "crawl-2024-11.warc.gz"
USER_AGENT = "newsclaims-demo-crawler/0.1 (+https://newsclaims.example/crawler)"

# A syntactically minimal JPEG (SOI, JFIF APP0 segment, EOI): enough for a reader to see an
# image/jpeg payload; it is not meant to be decoded.
TINY_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


@dataclass(frozen=True)
class Capture:
    """One fetched resource: where its body comes from and when it was captured."""

    url: str
    warc_date: str  # ISO 8601 UTC, second precision (WARC/1.0)
    content_type: str
    page: str | None = None  # file name under the pages folder; None -> TINY_JPEG
    last_modified: str | None = None  # HTTP-date for the Last-Modified header


OUEST_MATIN_RUTTE = (
    "https://ouest-matin.example/monde/ukraine/otan-mark-rutte-confirme-la-presence-de-troupes-"
    "nord-coreennes-dans-la-region-de-koursk-7e3b0a52-9552-11ef-a1c4-3f5d8b2e7c19"
)

CAPTURES: tuple[Capture, ...] = (
    Capture(
        url=OUEST_MATIN_RUTTE,
        warc_date="2024-10-28T19:45:12Z",
        content_type="text/html; charset=utf-8",
        page="ouest-matin-20241028-rutte-koursk.html",
        last_modified="Mon, 28 Oct 2024 18:20:00 GMT",
    ),
    Capture(
        url=(
            "https://lequotidien.example/international/article/2024/11/04/"
            "koursk-washington-evoque-8000-soldats-nord-coreens_6361302_3210.html"
        ),
        warc_date="2024-11-04T11:30:40Z",
        content_type="text/html; charset=utf-8",
        page="lequotidien-20241104-koursk-8000-blinken.html",
        last_modified="Mon, 04 Nov 2024 11:05:00 GMT",
    ),
    Capture(
        url="https://lequotidien.example/bucket/img/2024/11/04/b81d2e4_blinken-vignette.jpg",
        warc_date="2024-11-04T11:30:41Z",
        content_type="image/jpeg",
        page=None,
        last_modified="Mon, 04 Nov 2024 08:55:00 GMT",
    ),
    Capture(
        url="https://thecourier.example/news/world/2297021/ukraine-first-clash-north-korean-troops/",
        warc_date="2024-11-05T15:02:09Z",
        content_type="text/html; charset=UTF-8",
        page="thecourier-20241105-first-clashes.html",
        last_modified="Tue, 05 Nov 2024 14:30:00 GMT",
    ),
    Capture(
        url=(
            "https://lequotidien.example/international/article/2024/12/16/"
            "guerre-en-ukraine-washington-fait-etat-des-premieres-pertes-nord-coreennes_"
            "6372208_3210.html"
        ),
        warc_date="2024-12-16T21:48:30Z",
        content_type="text/html; charset=utf-8",
        page="lequotidien-20241216-pertes-nord-coreennes.html",
        last_modified="Mon, 16 Dec 2024 20:10:00 GMT",
    ),
)

# The Rutte page was fetched again three weeks later with an identical body: a revisit record.
REVISIT_URL = OUEST_MATIN_RUTTE
REVISIT_DATE = "2024-11-20T08:14:55Z"
WARCINFO_DATE = "2024-10-28T19:45:00Z"


def record_id(rec_type: str, url: str, warc_date: str) -> str:
    """Deterministic WARC-Record-ID derived from the URL (see module docstring)."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{rec_type}|{url}|{warc_date}')}>"


def http_date(warc_date: str) -> str:
    """RFC 7231 date for the HTTP Date header, from a fixed WARC-Date."""
    dt = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return dt.strftime("%a, %d %b %Y %H:%M:%S GMT")


def _response_headers(capture: Capture, body_len: int, date: str) -> StatusAndHeaders:
    headers = [
        ("Date", http_date(date)),
        ("Server", "nginx"),
        ("Content-Type", capture.content_type),
        ("Content-Length", str(body_len)),
    ]
    if capture.last_modified:
        headers.append(("Last-Modified", capture.last_modified))
    headers.append(("Cache-Control", "max-age=300"))
    return StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")


def _request_headers(url: str) -> StatusAndHeaders:
    host_and_path = url.split("://", 1)[1]
    host, _, path = host_and_path.partition("/")
    headers = [
        ("Host", host),
        ("User-Agent", USER_AGENT),
        ("Accept", "text/html,application/xhtml+xml,image/*;q=0.8,*/*;q=0.5"),
        ("Accept-Language", "fr,en;q=0.8"),
    ]
    return StatusAndHeaders(f"GET /{path} HTTP/1.1", headers, is_http_request=True)


def _serialise(writer_record_fn: Callable[[WARCWriter], None]) -> bytes:
    """Write one record uncompressed and gzip it as its own member with mtime 0."""
    raw = io.BytesIO()
    writer = WARCWriter(raw, gzip=False)
    writer_record_fn(writer)
    return gzip.compress(raw.getvalue(), compresslevel=9, mtime=0)


def build(pages_dir: Path) -> bytes:
    """Return the bytes of the WARC file; pure apart from reading the page files."""
    members: list[bytes] = []
    payload_digests: dict[str, tuple[str, str, str]] = {}  # url -> (digest, record id, date)

    info = (
        "software: newsclaims scripts/build_demo_warc.py (warcio)\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: Demo crawl for the newsclaims package. All pages are written for the "
        "package on fictional *.example outlets (synthetic: true).\r\n"
        f"http-header-user-agent: {USER_AGENT}\r\n"
        "robots: obey\r\n"
    ).encode()

    def write_info(writer: WARCWriter) -> None:
        rec = writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo", WARC_FILENAME, WARCINFO_DATE),
                "WARC-Date": WARCINFO_DATE,
                "WARC-Filename": WARC_FILENAME,
            },
        )
        writer.write_record(rec)

    members.append(_serialise(write_info))

    def capture_members(capture: Capture) -> None:
        body = TINY_JPEG if capture.page is None else (pages_dir / capture.page).read_bytes()
        resp_id = record_id("response", capture.url, capture.warc_date)

        def write_pair(writer: WARCWriter) -> None:
            resp = writer.create_warc_record(
                capture.url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=_response_headers(capture, len(body), capture.warc_date),
                warc_headers_dict={"WARC-Record-ID": resp_id, "WARC-Date": capture.warc_date},
            )
            payload_digests[capture.url] = (
                resp.rec_headers.get_header("WARC-Payload-Digest"),
                resp_id,
                capture.warc_date,
            )
            writer.write_record(resp)

        def write_request(writer: WARCWriter) -> None:
            req = writer.create_warc_record(
                capture.url,
                "request",
                http_headers=_request_headers(capture.url),
                warc_headers_dict={
                    "WARC-Record-ID": record_id("request", capture.url, capture.warc_date),
                    "WARC-Date": capture.warc_date,
                    "WARC-Concurrent-To": resp_id,
                },
            )
            writer.write_record(req)

        members.append(_serialise(write_pair))
        members.append(_serialise(write_request))

    revisit_written = False
    for capture in CAPTURES:
        if not revisit_written and capture.warc_date > REVISIT_DATE:
            members.append(_revisit_member(pages_dir, payload_digests))
            revisit_written = True
        capture_members(capture)
    if not revisit_written:
        members.append(_revisit_member(pages_dir, payload_digests))

    return b"".join(members)


def _revisit_member(pages_dir: Path, payload_digests: dict[str, tuple[str, str, str]]) -> bytes:
    """Revisit (identical-payload-digest) of REVISIT_URL, pointing at its earlier response."""
    digest, refers_to_id, refers_to_date = payload_digests[REVISIT_URL]
    original = next(c for c in CAPTURES if c.url == REVISIT_URL)
    assert original.page is not None
    body_len = len((pages_dir / original.page).read_bytes())

    def write_revisit(writer: WARCWriter) -> None:
        rec = writer.create_revisit_record(
            REVISIT_URL,
            digest=digest,
            refers_to_uri=REVISIT_URL,
            refers_to_date=refers_to_date,
            http_headers=_response_headers(original, body_len, REVISIT_DATE),
            warc_headers_dict={
                "WARC-Record-ID": record_id("revisit", REVISIT_URL, REVISIT_DATE),
                "WARC-Date": REVISIT_DATE,
                "WARC-Refers-To": refers_to_id,
            },
        )
        writer.write_record(rec)

    return _serialise(write_revisit)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = build(args.pages)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
