"""Alignment on real extracted claims (the demo corpus through the real pipeline) and on the seed's text."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from conftest import SEED
from newsclaims import align, api


@pytest.fixture(scope="module")
def t(demo_dataset: Path) -> dict[str, pl.DataFrame]:
    out = {n: api.load(n, demo_dataset) for n in ("articles", "claims", "sources", "propositions")}
    out["c"] = out["claims"].join(out["articles"].select("article_id", "path", "outlet"), on="article_id")
    return out


SEED_TEXT = SEED.read_text("utf-8")


@pytest.mark.parametrize(
    ("number", "sentence_start", "expected"),
    [
        ("1.500", "Nordkorea hat nach Informationen", "sent"),
        ("12.000", "Insgesamt soll sich Nordkorea", "planned"),
        ("12.000", "Der südkoreanische Geheimdienst NIS geht davon aus", "planned"),
        ("11.000", "Im Osten Russlands würden derzeit", "in_training"),
    ],
)
def test_predicate_of_seed_sentences(number: str, sentence_start: str, expected: str) -> None:
    start = SEED_TEXT.index(sentence_start)
    sentence = SEED_TEXT[start : SEED_TEXT.index(".", SEED_TEXT.index(number, start) + len(number)) + 1]
    pos = sentence.index(number)
    assert align.classify_predicate(sentence, pos, pos + len(number), "de")[0] == expected


def test_nearest_cue_separates_two_numbers_in_one_sentence() -> None:
    s = "North Korea has sent about 3,000 troops so far and will send 12,000 in total, officials said."
    a, b = s.index("3,000"), s.index("12,000")
    assert align.classify_predicate(s, a, a + 5, "en")[0] == "sent"
    assert align.classify_predicate(s, b, b + 6, "en")[0] == "planned"
    # cues of another language never fire: English "die" (casualties) is the German article
    assert align.classify_predicate("die 500 Soldaten", 4, 7, "de")[0] == "unknown"
    assert align.classify_predicate("500 soldiers die", 0, 3, "en")[0] == "casualties"


def test_back_reference_days() -> None:
    assert align.backref_days("Vergangene Woche hatte der NIS noch von 1.500 gesprochen.", "de") == 7
    assert align.backref_days("Budanow sprach zuletzt von 11.000.", "de") == 3
    assert align.backref_days("Nordkorea hat 1.500 Soldaten entsandt.", "de") == 0


def test_every_claim_is_linked_with_reason_and_score(t: dict) -> None:
    c = t["claims"]
    assert c["proposition_id"].null_count() == 0
    assert c["link_reason"].null_count() == 0
    assert c["link_score"].is_between(0, 1).all()
    p = t["propositions"]
    assert p["n_claims"].sum() == c.height
    assert set(c["proposition_id"]) == set(p["proposition_id"])


def test_person_and_organisation_are_one_source_group(t: dict) -> None:
    g = dict(align.source_groups(t["sources"]).iter_rows())
    assert g["kyrylo-budanov"] == g["defence-intelligence-of-ukraine"]
    assert g["john-kirby"] == g["white-house"]
    assert g["nis"] != g["pentagon"]


def test_value_is_not_part_of_the_key(t: dict) -> None:
    """A proposition can carry several values - the planted 1,500 / 15,000 end up together."""
    multi = (
        t["c"]
        .filter(pl.col("claim_type") == "quantity")
        .group_by("proposition_id")
        .agg(pl.col("value").drop_nulls().n_unique().alias("n"))
    )
    assert multi["n"].max() >= 2


def test_back_reference_stays_with_its_statement(t: dict) -> None:
    """ "Vergangene Woche ... noch von 1.500" (23 Oct) is linked to the 18 Oct reports, not to 3,000."""
    c = t["c"]
    back = c.filter(pl.col("path").str.contains("nachrichtenportal-20241023") & (pl.col("value") == 1500))
    first = c.filter(pl.col("path").str.contains("tagesblatt-20241018-v1") & (pl.col("value") == 1500))
    assert back.height and first.height
    assert back["proposition_id"][0] == first["proposition_id"][0]
    assert "back-reference" in back["link_reason"][0]
    news_3000 = c.filter(pl.col("path").str.contains("meridian-press") & (pl.col("value") == 3000))
    assert news_3000["proposition_id"][0] != first["proposition_id"][0]


def test_alignment_works_across_languages(t: dict) -> None:
    """The NIS's 1,500 is one proposition in German, English and French reports."""
    c = (
        t["c"]
        .filter(pl.col("value") == 1500)
        .join(t["articles"].select("article_id", "language"), on="article_id")
    )
    top = (
        c.group_by("proposition_id")
        .agg(pl.col("language").unique())
        .sort(pl.col("language").list.len(), descending=True)
    )
    assert set(top["language"][0]) >= {"de", "en", "fr"}


def test_alignment_is_deterministic_and_order_free(t: dict) -> None:
    claims = (
        t["claims"]
        .drop("proposition_id", "link_reason", "link_score")
        .with_columns(
            proposition_id=pl.lit(None, pl.String),
            link_reason=pl.lit(None, pl.String),
            link_score=pl.lit(None, pl.Float64),
        )
    )
    a = align.align(claims, t["articles"], t["sources"])
    b = align.align(claims.reverse(), t["articles"].reverse(), t["sources"].reverse())
    assert a.claims.equals(b.claims)
    assert a.propositions.equals(b.propositions)
    assert a.claims.select("claim_id", "proposition_id").equals(
        t["claims"].select("claim_id", "proposition_id")
    )


def test_window_parameter_changes_time_frames(t: dict) -> None:
    """With a window long enough to span 18-23 Oct, the NIS's 1,500 and 3,000 merge (so it matters)."""
    claims = t["claims"]
    wide = align.align(claims, t["articles"], t["sources"], align.Params(statement_window_days=10))
    w = wide.claims.join(t["articles"].select("article_id", "path"), on="article_id")
    p1 = w.filter(pl.col("path").str.contains("tagesblatt-20241018-v1") & (pl.col("value") == 1500))
    p3 = w.filter(pl.col("path").str.contains("meridian-press") & (pl.col("value") == 3000))
    assert p1["proposition_id"][0] == p3["proposition_id"][0]


def test_completed_send_in_the_seed_is_not_ambiguous() -> None:
    """ "hat ... bereits rund 1.500 Soldaten ... entsandt" reports a completed send: no other reading."""
    start = SEED_TEXT.index("Nordkorea hat nach Informationen")
    sentence = SEED_TEXT[start : SEED_TEXT.index("entsandt.", start) + len("entsandt.")]
    pos = sentence.index("1.500")
    pred, cue = align.classify_predicate(sentence, pos, pos + 5, "de")
    assert pred == "sent"
    assert align.ambiguous_alternatives(sentence, pred, cue, "de") == ()
    # the same verb without the completion words is ambiguous
    flat = "Nordkorea entsendet rund 1.500 Soldaten nach Russland."
    p = flat.index("1.500")
    pred, cue = align.classify_predicate(flat, p, p + 5, "de")
    assert (pred, cue) == ("sent", "entsendet")
    assert align.ambiguous_alternatives(flat, pred, cue, "de") == ("planned",)


def _fields(t: dict) -> pl.DataFrame:
    return align.prepare(t["claims"], t["articles"], t["sources"]).join(
        t["articles"].select("article_id", "path"), on="article_id"
    )


def test_ambiguous_cues_of_real_claims(t: dict) -> None:
    """On the extracted claims: a present-tense send is ambiguous, a perfect one (also Konjunktiv) is not."""
    f = _fields(t).filter(pl.col("claim_type") == "quantity")
    flat = f.filter(pl.col("path").str.contains("rundfunk-nord-20241019") & (pl.col("value") == 12000))
    flat = flat.filter(pl.col("predicate_cue") == "schickt")
    assert flat.height == 1, "the lead 'Nordkorea schickt 12.000 Soldaten' gave no claim"
    assert flat["_alt"].to_list() == [["planned"]]
    kirby = f.filter(pl.col("predicate_cue") == "verlegt")
    assert kirby.height >= 1 and kirby["sentence"].str.contains(r"\bhabe\b").all()
    assert kirby["_alt"].list.len().max() == 0, "'habe ... verlegt' is a completed send"
    completed = f.filter(pl.col("predicate_cue").str.to_lowercase().is_in(["bereits", "already", "déjà"]))
    assert completed.height >= 5 and completed["_alt"].list.len().max() == 0


def test_flat_send_joins_the_hedged_total_and_completed_sends_stay_sent(t: dict) -> None:
    """The outlet's flat 12,000 joins the NIS's planned total; no unambiguous claim changes predicate."""
    f = _fields(t)
    c = t["claims"].join(t["articles"].select("article_id", "path"), on="article_id")
    props = t["propositions"].select("proposition_id", prop_predicate="predicate")
    flat = c.filter(pl.col("path").str.contains("rundfunk-nord-20241019") & (pl.col("value") == 12000))
    flat = flat.filter(pl.col("source_id").is_null()).join(props, on="proposition_id")
    seed = c.filter(pl.col("path").str.starts_with("seed/") & (pl.col("value") == 12000))
    assert flat.height == 1
    assert flat["proposition_id"][0] in seed["proposition_id"].to_list()
    assert flat["prop_predicate"][0] == "planned"
    assert "ambiguous cue (sent or planned), read as planned" in flat["link_reason"][0]
    assert flat["link_score"][0] < 1
    # every claim whose cue is not ambiguous keeps the predicate the lexicon gives it
    plain = (
        f.filter(pl.col("_alt").list.len() == 0)
        .select("claim_id", "predicate")
        .join(t["claims"].select("claim_id", "proposition_id"), on="claim_id")
        .join(props, on="proposition_id")
    )
    assert plain.filter(pl.col("predicate") != pl.col("prop_predicate")).height == 0
    sent = plain.filter(pl.col("predicate") == "sent")
    assert sent.height >= 10


def test_ambiguous_cue_without_matching_value_keeps_its_reading(t: dict) -> None:
    """The same flat sentence with a value no planned proposition carries stays `sent` (value decides)."""
    c = t["claims"].join(t["articles"].select("article_id", "path"), on="article_id")
    cid = c.filter(
        pl.col("path").str.contains("rundfunk-nord-20241019")
        & (pl.col("value") == 12000)
        & pl.col("source_id").is_null()
    )["claim_id"][0]
    claims = t["claims"].with_columns(
        value=pl.when(pl.col("claim_id") == cid).then(7000.0).otherwise(pl.col("value"))
    )
    r = align.align(claims, t["articles"], t["sources"])
    row = r.claims.filter(pl.col("claim_id") == cid).join(r.propositions, on="proposition_id")
    assert row["predicate"][0] == "sent"
    assert "ambiguous" not in row["link_reason"][0]
    # and with the value it has, the rule is what moves it
    off = align.align(t["claims"], t["articles"], t["sources"], align.Params(ambiguous_link_score=0.0))
    row = off.claims.filter(pl.col("claim_id") == cid).join(off.propositions, on="proposition_id")
    assert row["predicate"][0] == "sent"
