"""Claim extraction on real English news pages (generalisation beyond the demo story).

The gold (data/gold/real/bench-{dev,test,test2}.jsonl, hand-annotated by docs/annotation.md; see its README)
covers 36 pages of the shared article-extraction benchmark
(``../shared/benchmarks/article-extraction/html``, next to the repo, never copied into it). Only those pages
are copied to a scratch folder and run through `newsclaims run` as gzipped pages; `newsclaims evaluate`
scores each split. Skipped where the benchmark is absent. The floors (tests/floors.yaml, ``extract_real``)
only rise.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, newsclaims

BENCH = ROOT.parent / "shared" / "benchmarks" / "article-extraction" / "html"
GOLD = ROOT / "data" / "gold" / "real"
FLOORS = yaml.safe_load((ROOT / "tests" / "floors.yaml").read_text(encoding="utf-8"))["extract_real"]
SPLITS = ("dev", "test", "test2", "test3", "test4")


def _gold(split: str) -> list[dict]:
    lines = (GOLD / f"bench-{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BENCH.is_dir():
        pytest.skip(f"benchmark pages absent ({BENCH}); the real-page gold cannot be scored here")
    pages = tmp_path_factory.mktemp("real-pages")
    for split in SPLITS:
        for g in _gold(split):
            src = BENCH / g["article"]
            if not src.is_file():
                pytest.skip(f"benchmark page {src.name} absent")
            shutil.copy(src, pages / src.name)
    out = tmp_path_factory.mktemp("real-run")
    newsclaims("run", str(pages), "--out", str(out))
    return out


@pytest.fixture(scope="module")
def metrics(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    res = {}
    for split in SPLITS:
        js = tmp_path_factory.mktemp("real-eval") / f"{split}.json"
        newsclaims("evaluate", str(GOLD / f"bench-{split}.jsonl"), "--pred", str(run_dir), "--json", str(js))
        res[split] = json.loads(js.read_text(encoding="utf-8"))["extract"]["all"]
    return res


@pytest.mark.parametrize("split", SPLITS)
def test_every_real_gold_page_is_parsed(metrics: dict[str, dict], split: str) -> None:
    assert metrics[split]["articles"] == len(_gold(split))
    assert metrics[split]["gold_claims"] == sum(len(g["claims"]) for g in _gold(split))


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("metric", ["precision", "recall", "source_accuracy", "hedged_accuracy"])
def test_real_pages_at_their_floors(metrics: dict[str, dict], split: str, metric: str) -> None:
    key = f"real_{split}_{'claim_' if metric in ('precision', 'recall') else ''}{metric}"
    assert metrics[split][metric] >= FLOORS[key], (key, metrics[split])
