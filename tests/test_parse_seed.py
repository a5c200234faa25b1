"""The seed text scrape parses to exactly the fields of issue 4 point 2 (no manifest: all from the page)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from newsclaims.cli import do_parse

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "raw" / "seed" / "000_2181ba29c1439369.txt"
CHROME_LINES = [
    "t-online - Nachrichten für Deutschland",
    "Such Icon",
    "HomePolitikAusland",
    "Nordkorea sendet Soldaten zur Unterstützung Russlands",
    "Lesedauer",
    "Wir sind t-online",
    "Mehr als 150 Journalistinnen",
    "Zum journalistischen Leitbild",
    "Player wird geladen",
    "Sehen Sie die Aufnahmen",
    "Verwendete Quellen",
    "Loading...",
    "ShoppingAnzeigen",
    "Neueste Artikel",
    "TelekomCo2",
    "(Quelle: t-online)",
]


@pytest.fixture(scope="module")
def seed_article(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("in")
    shutil.copy(SEED, root / SEED.name)
    out = tmp_path_factory.mktemp("out")
    do_parse(root, None, out, REPO / "params.yaml")
    df = pl.read_parquet(out / "articles.parquet")
    assert df.height == 1
    assert pl.read_parquet(out / "quarantine.parquet").height == 0
    return df.row(0, named=True)


def test_seed_metadata(seed_article: dict) -> None:
    a = seed_article
    assert a["outlet"] == "t-online.de"
    assert a["title"] == "Nordkoreanische Soldaten in Russland – das steckt dahinter"
    assert a["kicker"] == "Ukraine veröffentlicht Videos"
    assert a["section"] == "Politik / Ausland"
    assert a["published_at"] == datetime(2024, 10, 20, 8, 27, tzinfo=UTC)  # 10:27 Europe/Berlin (CEST)
    assert a["language"] == "de"
    assert a["reading_time_min"] == 1
    assert a["wire_credits"] == ["reuters", "dpa"]
    assert a["encoding"] == "utf-8"
    assert a["format"] == "text"


def test_seed_body_and_caption(seed_article: dict) -> None:
    text = seed_article["text"]
    assert text.startswith("Der südkoreanische Geheimdienst NIS geht davon aus, dass Nordkorea insgesamt")
    assert text.endswith("für den Fall eines Angriffs durch einen Drittstaat beinhaltet.")
    assert "Kyrylo Budanow" in text and "ab 1. November" in text
    assert text.count("\n\n") == 4  # five paragraphs: lead + four body paragraphs
    for chrome_line in CHROME_LINES:
        assert chrome_line not in text, chrome_line
    assert seed_article["captions"] == [
        "Aufnahmen sollen nordkoreanische Soldaten in russischem Trainingslager zeigen (Quelle: t-online)"
    ]


def test_seed_identity_is_stable(seed_article: dict, tmp_path: Path) -> None:
    """The same input gives the same article_id in another folder and run (ids hash content, not place)."""
    root = tmp_path / "elsewhere"
    root.mkdir()
    shutil.copy(SEED, root / SEED.name)
    do_parse(root, None, tmp_path / "out", REPO / "params.yaml")
    again = pl.read_parquet(tmp_path / "out" / "articles.parquet").row(0, named=True)
    assert again["article_id"] == seed_article["article_id"]
    assert again["content_sha256"] == seed_article["content_sha256"]
