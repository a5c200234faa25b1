"""The planted answer key of the demo corpus, checked against the computed tables (not the notebooks).

Walks data/manifests/answer_key.yaml and checks each consistency pattern in the tables that
`newsclaims run` builds from the real demo corpus: the misreport is in the same proposition as the correct
reports and deviates from the modal value; the misattributed value appears under different sources in one
proposition's per-value table; the flat statement is asserted where others hedge; the syndicated story counts
once; the rounded variants agree. The parse tests cover quarantine, update and encoding; they are checked
here too, in the published tables.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from conftest import ROOT

KEY = ROOT / "data" / "manifests" / "answer_key.yaml"


def _patterns() -> list[dict]:
    return yaml.safe_load(KEY.read_text("utf-8"))["patterns"]


PATTERNS = _patterns()


def _by_kind(kind: str) -> list[dict]:
    return [p for p in PATTERNS if p["kind"] == kind]


def test_answer_key_has_every_consistency_pattern() -> None:
    kinds = {p["kind"] for p in PATTERNS}
    assert {"misreport", "misattribution", "asserted_vs_hedged", "syndication", "rounding"} <= kinds


@pytest.fixture(scope="module")
def tables(demo_dataset: Path) -> dict[str, pl.DataFrame]:
    from newsclaims import api

    out = {n: api.load(n, demo_dataset) for n in api.PUBLISHED + api.METRICS}
    out["view"] = api.claim_view(demo_dataset, ROOT / "params.yaml")
    return out


def _article(t: dict[str, pl.DataFrame], path: str, url: str | None = None) -> str:
    a = t["articles"].filter(pl.col("path") == path)
    if url:
        a = a.filter(pl.col("url") == url)
    assert a.height == 1, f"{path} ({url}): expected one parsed article, found {a.height}"
    return a["article_id"][0]


def _source_id(t: dict[str, pl.DataFrame], name: str) -> str:
    s = t["sources"].filter(pl.col("name") == name)
    assert s.height == 1, f"source {name!r} not in the sources table"
    return s["source_id"][0]


def _claims_with_value(t: dict[str, pl.DataFrame], path: str, value: float) -> pl.DataFrame:
    aid = _article(t, path)
    return t["view"].filter(
        (pl.col("article_id") == aid)
        & (pl.col("claim_type") == "quantity")
        & (pl.col("value") == float(value))
    )


def _modal_proposition(claims: pl.DataFrame) -> str:
    top = claims.group_by("proposition_id").len().sort(["len", "proposition_id"], descending=[True, False])
    return top["proposition_id"][0]


@pytest.mark.parametrize("pat", _by_kind("misreport"), ids=lambda p: p["id"])
def test_misreport_deviates_in_the_same_proposition(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    agreeing = pl.concat([_claims_with_value(tables, p, e["correct_value"]) for p in e["agreeing"]])
    missing = [p for p in e["agreeing"] if _claims_with_value(tables, p, e["correct_value"]).height == 0]
    assert not missing, f"no {e['correct_value']} claim extracted in {missing}"
    pid = _modal_proposition(agreeing)
    in_prop = {
        p
        for p in e["agreeing"]
        if _claims_with_value(tables, p, e["correct_value"])["proposition_id"].to_list().count(pid)
    }
    assert len(in_prop) >= len(e["agreeing"]) - 1, (
        f"agreeing reports split over propositions: only {sorted(in_prop)} in {pid}"
    )
    pm = tables["proposition_metrics"].filter(pl.col("proposition_id") == pid).row(0, named=True)
    assert pm["modal_value"] == e["correct_value"]
    assert pm["source_id"] == _source_id(tables, e["source"])
    for dev in e["deviating"]:
        c = _claims_with_value(tables, dev["article"], dev["value"])
        assert c.height >= 1, f"deviating value {dev['value']} not extracted from {dev['article']}"
        c = c.filter(pl.col("proposition_id") == pid)
        assert c.height >= 1, (
            f"{dev['article']}: {dev['value']} is not in the proposition of the correct reports"
        )
        assert not c["agrees"].any(), "the misreported value is counted as agreeing"
        assert c["outlet"][0] in pm["deviating_outlets"]
    assert pm["agreement_share"] < 1 and pm["fully_agreeing"] is False


@pytest.mark.parametrize("pat", _by_kind("misattribution"), ids=lambda p: p["id"])
def test_misattribution_shows_the_value_under_different_sources(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    found = {}
    for path in e["sources"]:
        c = _claims_with_value(tables, path, e["value"])
        assert c.height >= 1, f"{path}: no {e['value']} claim extracted"
        found[path] = c
    # each article carries the value under the source the key names (a person or their organisation)
    groups = dict(tables["view"].select("source_id", "source_group").unique().drop_nulls().iter_rows())
    wrong = []
    for path, name in e["sources"].items():
        want = _source_id(tables, name)
        got = set(found[path]["source_id"].drop_nulls().to_list())
        if want not in got:
            wrong.append((path, name, sorted(got)))
    assert len(wrong) <= 1, f"sources not as planted: {wrong}"
    named_groups = {groups.get(_source_id(tables, n), _source_id(tables, n)) for n in e["sources"].values()}
    assert len(named_groups) >= 2
    # one proposition holds the value under several source groups; its per-value row shows them
    allc = pl.concat(found.values())
    pid = _modal_proposition(allc)
    pv = tables["proposition_values"].filter(
        (pl.col("proposition_id") == pid) & (pl.col("v") == float(e["value"]))
    )
    assert pv.height == 1
    shown = {groups.get(s, s) for s in pv["source_ids"][0]}
    misattributed = {
        groups.get(_source_id(tables, n), _source_id(tables, n)) for n in e["sources"].values()
    } - {tables["view"].filter(pl.col("proposition_id") == pid)["prop_source_group"][0]}
    assert misattributed, "the key names no source besides the proposition's own"
    assert misattributed <= shown, f"per-value table of {pid} shows {shown}, misses {misattributed - shown}"
    pm = tables["proposition_metrics"].filter(pl.col("proposition_id") == pid).row(0, named=True)
    assert pm["attribution_agreement"] < 1
    view = tables["view"].filter(pl.col("proposition_id") == pid)
    assert view["misattributed"].sum() >= len(misattributed)


@pytest.mark.parametrize("pat", _by_kind("asserted_vs_hedged"), ids=lambda p: p["id"])
def test_asserted_vs_hedged_in_one_proposition(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    asserted = pl.concat([_claims_with_value(tables, p, e["value"]) for p in e["asserted"]])
    assert asserted.height > 0, "the flat statement gave no claim (is the lead paragraph parsed?)"
    hedged = pl.concat([_claims_with_value(tables, p, e["value"]) for p in e["hedged"]])
    assert (asserted["epistemic"] == "asserted").any(), asserted.select("sentence", "epistemic")
    n_hedged = sum(_claims_with_value(tables, p, e["value"])["hedged"].any() for p in e["hedged"])
    assert n_hedged >= len(e["hedged"]) - 1, "the hedging outlets' claims are not marked hedged"
    pid = _modal_proposition(hedged)
    assert pid in asserted["proposition_id"].to_list(), "the flat statement is not linked to the hedged ones"
    pm = tables["proposition_metrics"].filter(pl.col("proposition_id") == pid).row(0, named=True)
    assert asserted["outlet"][0] in pm["asserted_outlets"]
    assert 0 < pm["hedged_share"] < 1


@pytest.mark.parametrize("pat", _by_kind("syndication"), ids=lambda p: p["id"])
def test_syndicated_story_counts_once(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    arts = tables["articles"].filter(pl.col("path").is_in(e["members"]))
    assert arts.height == len(e["members"])
    assert arts["syndication_group"].n_unique() == 1 and arts["syndication_group"][0] is not None
    origin = arts.filter(pl.col("syndication_origin"))
    assert origin["path"].to_list() == [e["origin"]]
    claims = tables["view"].filter(pl.col("article_id").is_in(arts["article_id"].to_list()))
    assert claims["unit"].n_unique() == 1, "copies of one wire story count as several reports"
    # in every proposition the story feeds, the copies stay visible but count as one report
    members = set(arts["outlet"].to_list())
    props = tables["proposition_metrics"].filter(
        pl.col("proposition_id").is_in(claims["proposition_id"].unique().to_list())
    )
    main = props.sort("n_claims", descending=True).row(0, named=True)
    assert main["n_outlets"] >= len(members), "syndicated copies are not visible"
    outlets_in_main = tables["view"].filter(pl.col("proposition_id") == main["proposition_id"])
    others = outlets_in_main.filter(~pl.col("article_id").is_in(arts["article_id"].to_list()))
    assert main["n_reports"] == 1 + others["unit"].n_unique()


@pytest.mark.parametrize("pat", _by_kind("rounding"), ids=lambda p: p["id"])
def test_rounded_variants_agree(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    rows = []
    for c in e["claims"]:
        got = _claims_with_value(tables, c["article"], c["value"]).filter(
            pl.col("qualifier") == c["qualifier"]
        )
        assert got.height >= 1, f"{c['article']}: no {c['qualifier']} {c['value']} claim"
        rows.append(got)
    pid = _modal_proposition(pl.concat(rows))
    split = [c["article"] for c, r in zip(e["claims"], rows, strict=True) if pid not in r["proposition_id"]]
    assert not split, f"rounded variants of one statement are split: {split} not in {pid}"
    df = pl.concat([r.filter(pl.col("proposition_id") == pid).head(1) for r in rows])
    assert df["agrees"].all(), df.select("outlet", "value", "qualifier", "agrees")
    pm = tables["proposition_metrics"].filter(pl.col("proposition_id") == df["proposition_id"][0])
    assert pm["n_values"][0] >= 2, "expected differently rounded values in one proposition"
    assert not set(df["outlet"].to_list()) & set(pm["deviating_outlets"][0])


@pytest.mark.parametrize("pat", _by_kind("update"), ids=lambda p: p["id"])
def test_update_changes_the_number_between_versions(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    v = tables["articles"].filter(pl.col("url") == e["url"]).sort("version")
    assert v["path"].to_list() == e["versions"] and v["version"].to_list() == [1, 2]
    assert _claims_with_value(tables, e["versions"][0], e["old_value"]).height
    assert _claims_with_value(tables, e["versions"][1], e["new_value"]).height


@pytest.mark.parametrize("pat", _by_kind("translation"), ids=lambda p: p["id"])
def test_translation_aligns_across_languages(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    orig, trans = _article(tables, e["original"]), _article(tables, e["translation"])
    q = tables["view"].filter(pl.col("claim_type") == "quantity")
    po = set(q.filter(pl.col("article_id") == orig).select("proposition_id", "value").iter_rows())
    pt = set(q.filter(pl.col("article_id") == trans).select("proposition_id", "value").iter_rows())
    assert po and pt
    shared = po & pt
    assert len(shared) >= 0.6 * min(len(po), len(pt)), (
        f"German original and English translation share only {len(shared)} of {len(po)}/{len(pt)} "
        "(proposition, value) pairs"
    )


@pytest.mark.parametrize("pat", _by_kind("quarantine"), ids=lambda p: p["id"])
def test_quarantined_with_reason(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    q = tables["quarantine"].filter(pl.col("path") == e["path"])
    if e.get("url"):
        q = q.filter(pl.col("url") == e["url"])
    assert q["reason"].to_list() == [e["reason"]]


@pytest.mark.parametrize("pat", _by_kind("encoding") + _by_kind("no_claims"), ids=lambda p: p["id"])
def test_encoding_and_no_claims(tables: dict, pat: dict) -> None:
    e = pat["expect"]
    aid = _article(tables, e["path"])
    if pat["kind"] == "encoding":
        a = tables["articles"].filter(pl.col("article_id") == aid)
        assert a["encoding"][0].replace("-", "").lower() in {e["encoding"].replace("-", ""), "windows1252"}
    else:
        assert tables["claims"].filter(pl.col("article_id") == aid).height == 0
