"""The demo corpus parses: every format, every planted ingestion pattern, every input exactly once."""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl
import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

from newsclaims.cli import do_parse

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
MANIFEST = REPO / "data" / "manifests" / "corpus.csv"
ANSWER_KEY = REPO / "data" / "manifests" / "answer_key.yaml"

pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason="demo corpus manifest not merged yet")


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, pl.DataFrame]:
    out = tmp_path_factory.mktemp("parse")
    do_parse(RAW, MANIFEST, out, REPO / "params.yaml")
    return pl.read_parquet(out / "articles.parquet"), pl.read_parquet(out / "quarantine.parquet")


def _patterns(kind: str) -> list[dict]:
    key = yaml.safe_load(ANSWER_KEY.read_text(encoding="utf-8"))
    return [p for p in key["patterns"] if p["kind"] == kind]


def _content_records(path: Path) -> list[str]:
    with path.open("rb") as f:
        return [
            r.rec_headers.get_header("WARC-Record-ID")
            for r in ArchiveIterator(f)
            if r.rec_type in ("response", "resource", "revisit", "conversion")
        ]


def test_every_input_exactly_once(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, q = parsed
    seen = pl.concat([arts.select("path", "record_id"), q.select("path", "record_id")])
    assert seen.filter(pl.struct("path", "record_id").is_duplicated()).height == 0
    expected: set[tuple[str, str | None]] = set()
    for p in sorted(RAW.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        rel = p.relative_to(RAW).as_posix()
        if p.name.endswith((".warc", ".warc.gz")):
            expected |= {(rel, rid) for rid in _content_records(p)}
        else:
            expected.add((rel, None))
    got = {(r["path"], r["record_id"]) for r in seen.iter_rows(named=True)}
    assert got == expected


def test_every_format_parses(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, _ = parsed
    assert set(arts["format"].unique()) == {"html", "text", "warc"}
    # manifest metadata wins: every demo article carries its outlet, URL and language
    demo = arts.filter(pl.col("path").str.starts_with("demo/"))
    assert demo["outlet"].null_count() == 0 and demo["url"].null_count() == 0
    assert demo["synthetic"].all()
    assert set(arts["language"].unique()) == {"de", "en", "fr"}
    assert (arts["text"].str.len_chars() > 400).all()
    warc_arts = arts.filter(pl.col("format") == "warc")
    assert warc_arts["url"].null_count() == 0 and warc_arts["fetched_at"].null_count() == 0


def test_planted_quarantine(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    _, q = parsed
    pats = _patterns("quarantine")
    assert len(pats) >= 5
    for p in pats:
        e = p["expect"]
        rows = q.filter(pl.col("path") == e["path"])
        if "url" in e:
            rows = rows.filter(pl.col("url") == e["url"])
        assert rows["reason"].to_list() == [e["reason"]], p["id"]


def test_revisit_record_accounted(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    _, q = parsed
    assert "revisit_record" in q["reason"].to_list()


def test_syndicated_wire_story(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, _ = parsed
    for p in _patterns("syndication"):
        e = p["expect"]
        members = arts.filter(pl.col("path").is_in(e["members"]))
        assert members.height == len(e["members"])
        groups = members["syndication_group"].unique().to_list()
        assert len(groups) == 1 and groups[0] is not None, p["id"]
        # nobody else is in the group, and the origin is the wire agency's article
        assert arts.filter(pl.col("syndication_group") == groups[0]).height == len(e["members"])
        origin = members.filter(pl.col("syndication_origin"))
        assert origin["path"].to_list() == [e["origin"]]
        assert "mpa" in origin["wire_credits"][0].to_list()


def test_no_false_syndication(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    """Independent reports of the same events (same facts, own words) are not grouped."""
    arts, _ = parsed
    planted = {m for p in _patterns("syndication") for m in p["expect"]["members"]}
    others = arts.filter(~pl.col("path").is_in(list(planted)))
    assert others["syndication_group"].null_count() == others.height
    assert others["syndication_origin"].all()


def test_update_versions(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, _ = parsed
    for p in _patterns("update"):
        e = p["expect"]
        v = arts.filter(pl.col("url") == e["url"]).sort("version")
        assert v["path"].to_list() == e["versions"]
        assert v["version"].to_list() == [1, 2]
        assert v["article_id"].n_unique() == 2
        assert v["modified_at"][1] is not None


def test_encoding_recorded(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, _ = parsed
    for p in _patterns("encoding"):
        row = arts.filter(pl.col("path") == p["expect"]["path"]).row(0, named=True)
        assert row["encoding"] == p["expect"]["encoding"]
        assert "Südkoreas" in row["text"] or "ü" in row["text"]
        assert "\ufffd" not in row["text"] and "Ã" not in row["text"]
        assert "„" in row["text"]  # cp1252 0x84 decoded as a German opening quote


def test_wire_credits_of_demo(parsed: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    arts, _ = parsed
    credits = dict(zip(arts["path"], arts["wire_credits"].to_list(), strict=True))
    assert credits["seed/000_2181ba29c1439369.txt"] == ["reuters", "dpa"]
    assert credits["demo/html/meridian-press-20241023-nis-3000-troops.html"] == ["mpa"]
    assert "afp" in credits["demo/scrape/heimatzeitung-20241021-infanteristen-ausbildung.txt"]


def test_output_is_deterministic(parsed: tuple[pl.DataFrame, pl.DataFrame], tmp_path: Path) -> None:
    arts, q = parsed
    do_parse(RAW, MANIFEST, tmp_path, REPO / "params.yaml")
    assert pl.read_parquet(tmp_path / "articles.parquet").equals(arts)
    assert pl.read_parquet(tmp_path / "quarantine.parquet").equals(q)
    assert arts["path"].to_list() == sorted(arts["path"].to_list())
    _ = gzip  # WARC files are gzip members; warcio reads them
