"""The dev gold set (data/gold/*.jsonl, annotated by docs/annotation.md) scored on the real pipeline output.

`newsclaims run` parses and extracts data/raw with the corpus manifest (shared fixture); `newsclaims evaluate`
scores it. The floors live in tests/floors.yaml and only rise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, newsclaims

FLOORS = yaml.safe_load((ROOT / "tests" / "floors.yaml").read_text(encoding="utf-8"))["extract"]
GOLD = ROOT / "data" / "gold"


@pytest.fixture(scope="module")
def metrics(demo_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("eval") / "extract.json"
    proc = newsclaims("evaluate", str(GOLD), "--pred", str(demo_dataset), "--json", str(out))
    assert "precision" not in proc.stderr  # the table goes to stdout
    assert proc.stdout.splitlines()[0].split()[:2] == ["scope", "articles"]
    return json.loads(out.read_text(encoding="utf-8"))["extract"]


def _seed_line() -> dict:
    """The dev gold line of the seed (a fresh copy: tests change it)."""
    return next(
        json.loads(line)
        for line in (GOLD / "dev-de.jsonl").read_text().splitlines()
        if line.strip() and json.loads(line)["article"].startswith("seed/")
    )


def test_every_gold_article_is_found(metrics: dict) -> None:
    n_lines = sum(1 for f in GOLD.glob("*.jsonl") for line in f.read_text().splitlines() if line.strip())
    assert metrics["all"]["articles"] == n_lines
    assert {"de", "en", "fr"} <= set(metrics)


def test_dev_gold_claim_precision_and_recall(metrics: dict) -> None:
    m = metrics["all"]
    assert m["precision"] >= FLOORS["dev_claim_precision"], m
    assert m["recall"] >= FLOORS["dev_claim_recall"], m


def test_dev_gold_source_and_hedged_accuracy(metrics: dict) -> None:
    m = metrics["all"]
    assert m["source_accuracy"] >= FLOORS["dev_source_accuracy"], m
    assert m["hedged_accuracy"] >= FLOORS["dev_hedged_accuracy"], m
    assert m["entity_accuracy"] >= FLOORS["dev_entity_accuracy"], m
    assert m["claim_date_accuracy"] >= FLOORS["dev_claim_date_accuracy"], m


def test_evaluate_rejects_malformed_gold(tmp_path: Path, demo_dataset: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": "x.txt"}\n{not json\n', encoding="utf-8")
    proc = newsclaims("evaluate", str(bad), "--pred", str(demo_dataset), check=False)
    assert proc.returncode == 2 and "bad.jsonl:1" in proc.stderr


def test_gold_sources_resolve_through_aliases(tmp_path: Path, demo_dataset: Path) -> None:
    """Gold written by others with any alias of a source scores the same as with the canonical name."""
    seed_line = _seed_line()
    for c in seed_line["claims"]:
        c["source"] = {
            "National Intelligence Service": "südkoreanischer Geheimdienst",
            "Kyrylo Budanov": "Budanow",
        }.get(c["source"], c["source"])
    g = tmp_path / "alias.jsonl"
    g.write_text(json.dumps(seed_line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "m.json"
    newsclaims("evaluate", str(g), "--pred", str(demo_dataset), "--json", str(out))
    m = json.loads(out.read_text())["extract"]["all"]
    assert m["gold_claims"] == 5 and m["matched"] == 5 and m["source_accuracy"] == 1.0


@pytest.mark.parametrize(
    "variant",
    [
        lambda line: {"article": line["url"]},  # the URL where the path goes, no url field
        lambda line: {"url": line["url"].replace("https://www.", "http://") + "?utm_source=x#top"},
        lambda line: {"article": "corpus/" + line["article"], "url": line["url"] + "/"},
    ],
)
def test_gold_articles_are_found_by_url_variants(tmp_path: Path, demo_dataset: Path, variant) -> None:
    """Gold by others names the seed by its URL as a browser shows it, or by a path under another root."""
    seed_line = _seed_line()
    line = {**{k: v for k, v in seed_line.items() if k not in ("article", "url")}, **variant(seed_line)}
    g = tmp_path / "variant.jsonl"
    g.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "m.json"
    newsclaims("evaluate", str(g), "--pred", str(demo_dataset), "--json", str(out))
    m = json.loads(out.read_text())["extract"]["all"]
    assert m["matched"] == m["gold_claims"] == 5


def test_gold_by_others_with_month_dates_and_bad_values(tmp_path: Path, demo_dataset: Path) -> None:
    """A time claim dated "2024-11" scores like "2024-11-01"; a value written as text is a clear error."""
    seed_line = _seed_line()
    for c in seed_line["claims"]:
        if c["claim_type"] == "time":
            c["claim_date"] = c["claim_date"][:7]
    g = tmp_path / "month.jsonl"
    g.write_text(json.dumps(seed_line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "m.json"
    newsclaims("evaluate", str(g), "--pred", str(demo_dataset), "--json", str(out))
    m = json.loads(out.read_text())["extract"]["all"]
    assert m["matched"] == m["gold_claims"] == 5  # "2024-11" is read as 2024-11-01, the seed's date
    seed_line["claims"][0]["value"] = "12.000"
    g.write_text(json.dumps(seed_line, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = newsclaims("evaluate", str(g), "--pred", str(demo_dataset), check=False)
    assert proc.returncode != 0 and "value must be a number" in proc.stderr
