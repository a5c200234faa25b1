"""Body extraction quality floor on real pages (the shared benchmark; skipped where it is not present).

Reads the third-party pages from ``../shared/benchmarks/article-extraction`` next to the repo (never copied
into the repo) and scores the first 40 with the benchmark's metric, as benchmarks/parse_quality.py does on
all 181. Our HTML parse must stay at its floor and at least as good as plain trafilatura on the same pages.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import trafilatura
import yaml

from newsclaims import htmlpage

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "benchmarks" / "article-extraction"
FLOORS = yaml.safe_load((REPO / "tests" / "floors.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not (DATA / "ground-truth.json").is_file(), reason="benchmark data absent")


def _bench():  # the scoring code lives in the benchmark script; load it without making benchmarks a package
    spec = importlib.util.spec_from_file_location("parse_quality", REPO / "benchmarks" / "parse_quality.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_extraction_f1_floor() -> None:
    b = _bench()
    pages = b.load(DATA, 40)
    ours = b.score([b.page_pr(htmlpage.parse(h, u).text, t) for _, h, u, t in pages])
    plain = b.score([b.page_pr(trafilatura.extract(h, url=u) or "", t) for _, h, u, t in pages])
    assert ours["f1"] >= FLOORS["parse"]["extraction_f1_first40"]
    assert ours["f1"] >= plain["f1"]


def test_metric_scores_known_cases() -> None:
    b = _bench()
    assert b.page_pr("one two three four five", "one two three four five") == (1.0, 1.0)
    assert b.page_pr("", "one two three four five") == (0.0, 0.0)
    p, r = b.page_pr("One, two three four. Five six", "one two three four")
    assert r == 1.0 and p == pytest.approx(1 / 3)
