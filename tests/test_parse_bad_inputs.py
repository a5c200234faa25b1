"""Generated bad inputs: one quarantine row each with its reason (or decoded right); the run goes on."""

from __future__ import annotations

import io as _io
import shutil
from pathlib import Path

import polars as pl
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsclaims.cli import UserError, do_parse

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "raw" / "seed" / "000_2181ba29c1439369.txt"
PARAMS = REPO / "params.yaml"

GERMAN = (
    "Ärger über Straßenbau\n\n"
    "Die Bürgerinnen und Bürger der Gemeinde äußerten am Dienstag ihren Unmut über die Großbaustelle an der "
    "Hauptstraße. Nach Angaben der Verwaltung dauern die Arbeiten noch bis zum Frühjahr, weil für die "
    "Brücke über den Fluss zusätzliche Prüfungen nötig geworden seien. Geschäftsleute klagen über "
    "Einbußen.\n\n"
    "Der Bürgermeister versprach, die Umleitung für Fußgänger besser auszuschildern und die Öffnungszeiten "
    "der Baustelle künftig früher bekannt zu geben. Eine Bürgerversammlung soll im März stattfinden.\n"
)
ARTICLE_HTML = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Test story | Example</title>"
    "<meta property='og:type' content='article'>"
    "<meta property='article:published_time' content='2024-10-23T06:00:00+00:00'></head><body>"
    "<article><h1>Test story</h1>"
    + "".join(
        f"<p>Paragraph {i} of a generated article that talks about harbours, ships and the weather on the "
        f"coast, long enough to count as body text for the extractor.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)


def _warc(path: Path) -> None:
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        for url, ctype, body in [
            ("https://news.example/a.html", "text/html; charset=utf-8", ARTICLE_HTML.encode()),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ]:
            hh = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=_io.BytesIO(body), http_headers=hh))
        rv = w.create_revisit_record(
            "https://news.example/a.html",
            digest="sha1:AAAA",
            refers_to_uri="https://news.example/a.html",
            refers_to_date="2024-11-01T00:00:00Z",
        )
        w.write_record(rv)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, pl.DataFrame]:
    root = tmp_path_factory.mktemp("bad")
    shutil.copy(SEED, root / "seed.txt")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "latin1.txt").write_bytes(GERMAN.encode("latin-1"))
    (root / "cp1252.txt").write_bytes(GERMAN.replace("Unmut", "„Unmut“ – ").encode("cp1252"))
    (root / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (root / "short.html").write_text(
        "<html><head><meta property='og:type' content='article'></head><body><p>Too short.</p></body></html>"
    )
    (root / "broken.warc.gz").write_bytes(b"WARC/1.0\r\nthis is not a warc record at all\r\n" * 3)
    _warc(root / "crawl.warc.gz")
    man = root / "manifest.csv"
    man.write_text(
        "path,url,outlet,published,language,synthetic,fetched_at,format,notes\n"
        "seed.txt,,,,,false,,text,\n"
        "page.html,https://www.news.example/page,,,,true,,html,\n"
        "seed.txt,,,,,false,,text,listed twice\n"
        "missing.txt,https://news.example/missing,,,de,true,,text,file not there\n"
        ",https://news.example/nopath,,,,,,,row without path\n",
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("out")
    do_parse(root, man, out, PARAMS)
    return pl.read_parquet(out / "articles.parquet"), pl.read_parquet(out / "quarantine.parquet")


def _reason(q: pl.DataFrame, path: str) -> list[str]:
    return q.filter(pl.col("path") == path)["reason"].to_list()


def test_bad_files_quarantined(result: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, q = result
    assert _reason(q, "binary.txt") == ["binary_file"]
    assert _reason(q, "missing.txt") == ["missing_file"]
    assert _reason(q, "short.html") == ["too_short"]
    assert _reason(q, "broken.warc.gz") == ["warc_error"]
    assert q.filter(pl.col("path").is_null())["reason"].to_list() == ["invalid_row"]
    # the file listed twice is parsed once and its second row is quarantined
    assert _reason(q, "seed.txt") == ["duplicate_input"]
    assert arts.filter(pl.col("path") == "seed.txt").height == 1
    assert (q["detail"].str.len_chars() > 20).all()  # every row says what is wrong and what to do


def test_warc_records_accounted(result: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, q = result
    w = arts.filter(pl.col("path") == "crawl.warc.gz")
    assert w["url"].to_list() == ["https://news.example/a.html"]
    assert w["record_id"][0].startswith("<urn:uuid:") and w["fetched_at"][0] is not None
    assert sorted(_reason(q, "crawl.warc.gz")) == ["non_html_record", "revisit_record"]


def test_single_byte_encodings_decoded(result: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, _ = result
    lat = arts.filter(pl.col("path") == "latin1.txt").row(0, named=True)
    cp = arts.filter(pl.col("path") == "cp1252.txt").row(0, named=True)
    assert lat["encoding"] == "iso-8859-1" and cp["encoding"] == "cp1252"
    assert "Bürgerinnen" in lat["text"] and "„Unmut“" in cp["text"]
    assert lat["language"] == "de" and lat["language_source"] == "detected"
    assert lat["title"] == "Ärger über Straßenbau"


def test_outlet_from_url_and_manifest_flags(result: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, _ = result
    page = arts.filter(pl.col("path") == "page.html").row(0, named=True)
    assert page["outlet"] == "news.example" and page["synthetic"] is True
    assert page["title"] == "Test story" and page["language"] == "en"
    seed = arts.filter(pl.col("path") == "seed.txt").row(0, named=True)
    assert seed["outlet"] == "t-online.de" and seed["synthetic"] is False


def test_manifest_without_path_column_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("url,outlet\nhttps://x.example/,x.example\n", encoding="utf-8")
    with pytest.raises(UserError, match="path"):
        do_parse(tmp_path, tmp_path / "m.csv", tmp_path / "out", PARAMS)
