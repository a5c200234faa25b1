"""Issue 5 "Done when" on the seed: parse the real t-online scrape, extract, and check every claim exactly."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from newsclaims import schema
from newsclaims.cli import do_parse
from newsclaims.extract import Params, extract

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "raw" / "seed" / "000_2181ba29c1439369.txt"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("in")
    shutil.copy(SEED, root / SEED.name)
    out = tmp_path_factory.mktemp("parse")
    do_parse(root, None, out, REPO / "params.yaml")
    articles = pl.read_parquet(out / "articles.parquet")
    claims, mentions, sources = extract(articles, Params())
    return {"articles": articles, "claims": claims, "mentions": mentions, "sources": sources}


def _q(claims: pl.DataFrame) -> list[dict]:
    return claims.filter(pl.col("claim_type") == "quantity").sort("field", "char_start").to_dicts()


def test_seed_has_exactly_five_claims(seed: dict) -> None:
    c = seed["claims"]
    assert c.filter(pl.col("claim_type") == "quantity").height == 4
    assert c.filter(pl.col("claim_type") == "time").height == 1


def test_seed_nis_total_estimate_attributed(seed: dict) -> None:
    c = _q(seed["claims"])[0]
    assert (c["value"], c["qualifier"], c["entity"], c["source_id"]) == (12000.0, "approx", "soldiers", "nis")
    assert (c["cue"], c["epistemic"], c["hedged"]) == ("geht davon aus", "attributed", False)
    assert c["number_text"] == "rund 12.000"


def test_seed_nis_already_sent_attributed(seed: dict) -> None:
    c = _q(seed["claims"])[1]
    assert (c["value"], c["qualifier"], c["entity"], c["source_id"]) == (1500.0, "approx", "soldiers", "nis")
    assert c["cue"] == "nach Informationen des"
    assert (c["epistemic"], c["hedged"], c["speech"]) == ("attributed", False, "none")


def test_seed_nis_total_hedged_with_soll(seed: dict) -> None:
    c = _q(seed["claims"])[2]
    assert (c["value"], c["qualifier"], c["entity"], c["source_id"]) == (12000.0, "approx", "soldiers", "nis")
    assert (c["hedged"], c["hedge_cue"], c["epistemic"]) == (True, "soll", "hedged")
    assert c["sentence"].startswith("Insgesamt soll sich Nordkorea")


def test_seed_budanov_infantry_indirect_speech(seed: dict) -> None:
    c = _q(seed["claims"])[3]
    assert (c["value"], c["qualifier"], c["entity"]) == (11000.0, "exact", "infantry")
    assert c["entity_text"] == "nordkoreanische Infanteristen"
    assert (c["source_id"], c["epistemic"], c["speech"], c["hedged"]) == (
        "kyrylo-budanov",
        "attributed",
        "indirect",
        False,
    )


def test_seed_time_claim_ready_from_1_november(seed: dict) -> None:
    t = seed["claims"].filter(pl.col("claim_type") == "time").row(0, named=True)
    assert t["claim_date"] == dt.date(2024, 11, 1)
    assert (t["date_granularity"], t["entity"], t["source_id"]) == ("day", "deployment", "kyrylo-budanov")
    assert t["value"] is None and t["hedged"] is False
    assert t["sentence"].startswith("Er rechne damit")


def test_seed_furniture_and_staff_counts_are_not_claims(seed: dict) -> None:
    texts = " ".join(seed["claims"]["sentence"].to_list())
    assert "Journalistinnen" not in texts and "Lesedauer" not in texts
    assert not (seed["claims"]["value"] == 150).any()
    assert not (seed["claims"]["value"] == 1).any()


def test_seed_wire_credits_are_not_claim_sources(seed: dict) -> None:
    assert set(seed["articles"]["wire_credits"][0]) >= {"reuters", "dpa"}
    assert not seed["claims"]["source_id"].is_in(["reuters", "dpa"]).any()
    assert not seed["mentions"]["source_id"].is_in(["reuters", "dpa"]).any()


def test_seed_source_mentions(seed: dict) -> None:
    m = seed["mentions"]
    by = {sid: set(g["text"].to_list()) for (sid,), g in m.group_by("source_id")}
    assert {"nis", "government-of-ukraine", "kyrylo-budanov"} <= set(by)
    assert any("Geheimdienst" in t for t in by["nis"])
    assert "ukrainischen Behörden" in by["government-of-ukraine"]
    assert "Staatsführung in Kiew" in by["government-of-ukraine"]
    assert {"Kyrylo Budanow", "Er"} <= by["kyrylo-budanov"]
    assert "pronoun" in m.filter(pl.col("text") == "Er")["mention_type"].to_list()
    s = {r["source_id"]: r for r in seed["sources"].to_dicts()}
    assert s["kyrylo-budanov"]["parent_source_id"] == "defence-intelligence-of-ukraine"
    assert s["defence-intelligence-of-ukraine"]["name"] == "Defence Intelligence of Ukraine"
    assert s["nis"]["name"] == "National Intelligence Service" and s["nis"]["country"] == "KR"


def test_seed_tables_meet_the_contract(seed: dict) -> None:
    c = schema.validate(schema.table("claims").conform(seed["claims"]), "claims")
    m = schema.validate(schema.table("source_mentions").conform(seed["mentions"]), "source_mentions")
    s = schema.validate(schema.table("sources").conform(seed["sources"]), "sources")
    arts = schema.table("articles").conform(seed["articles"])
    assert schema.check_relations({"articles": arts, "claims": c, "source_mentions": m, "sources": s}) == []
    text = seed["articles"]["text"][0]
    for r in c.to_dicts():
        assert text[r["sentence_start"] : r["sentence_end"]] == r["sentence"]
        assert r["sentence_start"] <= r["char_start"] < r["char_end"] <= r["sentence_end"]


def test_seed_output_is_deterministic(seed: dict) -> None:
    again = extract(seed["articles"], Params())
    assert again[0].equals(seed["claims"]) and again[1].equals(seed["mentions"])
    assert again[2].equals(seed["sources"])
