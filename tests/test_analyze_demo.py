"""Consistency metrics on the real demo dataset, and how they respond to removing a planted article."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import MANIFEST, RAW, ROOT, newsclaims
from newsclaims import analyze, api

MISREPORT = "demo/html/abendpost-20241019-kim-soldaten.html"


@pytest.fixture(scope="module")
def t(demo_dataset: Path) -> dict[str, pl.DataFrame]:
    out = {n: api.load(n, demo_dataset) for n in api.PUBLISHED + api.METRICS}
    out["view"] = api.claim_view(demo_dataset, ROOT / "params.yaml")
    return out


def _nis_1500(t: dict) -> dict:
    pm = t["proposition_metrics"].filter(
        (pl.col("modal_value") == 1500) & (pl.col("source_id") == "nis") & (pl.col("predicate") == "sent")
    )
    assert pm.height == 1, pm
    return pm.row(0, named=True)


def test_metric_tables_validate_against_their_schemas(demo_dataset: Path) -> None:
    for name in api.METRICS:
        df = api.load(name, demo_dataset, validate=True)
        assert df.height > 0, name


def test_agreement_share_counts_reports_not_claims(t: dict) -> None:
    pm = _nis_1500(t)
    v = t["view"].filter(pl.col("proposition_id") == pm["proposition_id"])
    dev_units = v.filter(pl.col("deviates"))["unit"].n_unique()
    # every deviating report weighs 1 (its claims share the weight), the rest agree
    assert pm["agreement_share"] == pytest.approx(1 - dev_units / pm["n_valued_reports"], abs=1e-3)
    assert "abendpost.example" in pm["deviating_outlets"]
    assert pm["relative_spread"] == pytest.approx((15000 - v["value"].min()) / 1500, abs=1e-3)


def test_tolerance_decides_whether_rounded_values_agree(t: dict) -> None:
    """ "plus de 2 900" agrees with 3,000 at 5 % tolerance and deviates at 0 %."""
    args = (t["claims"], t["articles"], t["sources"], t["propositions"])
    strict = analyze.claim_view(*args, analyze.Params(approx_tolerance=0.0))
    loose = analyze.claim_view(*args, analyze.Params(approx_tolerance=0.05))
    pick = (pl.col("value") == 2900) & (pl.col("qualifier") == "more_than")
    assert loose.filter(pick)["agrees"].all()
    assert not strict.filter(pick)["agrees"].any()


def test_syndicated_copies_share_one_report_weight(t: dict) -> None:
    syn = t["view"].filter(pl.col("unit").str.starts_with("syn:"))
    assert syn.height
    per = syn.group_by("proposition_id", "unit").agg(pl.col("w").sum())
    assert per["w"].to_list() == pytest.approx([1.0] * per.height)
    pm = t["proposition_metrics"].filter(
        pl.col("proposition_id").is_in(syn["proposition_id"].unique().to_list())
    )
    assert (pm["n_reports"] < pm["n_outlets"]).any()


def test_outlet_metrics(t: dict) -> None:
    om = {r["outlet"]: r for r in t["outlet_metrics"].iter_rows(named=True)}
    assert om["abendpost.example"]["n_deviating_claims"] >= 1
    assert om["abendpost.example"]["deviation_share"] > 0
    # every copy of the wire story depends on the wire; the agency itself does not
    assert om["newsnow.example"]["wire_dependence"] > 0
    assert om["meridian-press.example"]["wire_dependence"] == 0
    assert om["meridian-press.example"]["median_delay_hours"] == 0
    total = sum(r["n_claims"] for r in om.values())
    assert total == t["claims"].height


def test_source_metrics_account_for_every_carried_claim(t: dict) -> None:
    sm = t["source_metrics"]
    parts = sm["n_kept"] + sm["n_rounded"] + sm["n_changed"] + sm["n_vague"]
    assert (parts == sm["n_carried_claims"]).all()
    nis = sm.filter(pl.col("source_id") == "nis").row(0, named=True)
    assert nis["n_changed"] >= 1 and nis["n_kept"] >= 3
    assert sm["n_misattributed"].sum() >= 2


def test_metrics_json_and_plot_csv(demo_dataset: Path, tmp_path: Path) -> None:
    metrics = tmp_path / "reports" / "metrics" / "analyze.json"
    plots = tmp_path / "reports" / "plots" / "values_by_outlet.csv"
    newsclaims(
        "analyze",
        str(demo_dataset),
        "--out",
        str(tmp_path / "analyze"),
        "--metrics",
        str(metrics),
        "--plots",
        str(plots),
    )
    m = json.loads(metrics.read_text())
    assert m["propositions_with_deviation"] >= 1 and 0 < m["mean_agreement_share"] < 1
    rows = list(csv.DictReader(plots.open()))
    assert {"proposition", "outlet", "date", "value", "source", "agrees"} <= set(rows[0])
    # deterministic: the same tables give the same bytes
    again = tmp_path / "again"
    newsclaims("analyze", str(demo_dataset), "--out", str(again), "--metrics", str(again / "m.json"))
    for name in api.METRICS:
        a = (tmp_path / "analyze" / f"{name}.parquet").read_bytes()
        assert a == (again / f"{name}.parquet").read_bytes(), name


def test_removing_the_misreporting_article_makes_the_proposition_agree(t: dict, tmp_path: Path) -> None:
    """Drop the Abendpost's 15,000: the NIS 1,500 proposition becomes fully agreeing, nothing else breaks."""
    before = _nis_1500(t)
    assert before["fully_agreeing"] is False
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / MISREPORT).unlink()
    manifest = tmp_path / "corpus.csv"
    with MANIFEST.open(encoding="utf-8") as f, manifest.open("w", encoding="utf-8", newline="") as g:
        r = csv.DictReader(f)
        w = csv.DictWriter(g, fieldnames=r.fieldnames or [])
        w.writeheader()
        w.writerows(row for row in r if row["path"] != MISREPORT)
    out = tmp_path / "out"
    newsclaims(
        "run", str(raw), "--manifest", str(manifest), "--out", str(out), "--params", str(ROOT / "params.yaml")
    )
    after_t = {n: api.load(n, out) for n in api.PUBLISHED + api.METRICS}
    after = _nis_1500(after_t)
    assert after["proposition_id"] == before["proposition_id"], "the proposition id is stable"
    assert after["fully_agreeing"] is True and after["agreement_share"] == 1
    assert after["n_values"] == 1 and after["relative_spread"] == 0
    assert after["n_reports"] == before["n_reports"] - 1
    assert (
        "abendpost.example"
        not in after_t["outlet_metrics"].filter(pl.col("n_deviating_claims") > 0)["outlet"].to_list()
    )
    dev_before = t["proposition_metrics"]["n_deviating_claims"].sum()
    assert after_t["proposition_metrics"]["n_deviating_claims"].sum() < dev_before
