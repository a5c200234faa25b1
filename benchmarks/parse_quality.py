"""Body extraction quality and speed on real pages: our HTML parse vs plain ``trafilatura.extract``.

Data: ``../shared/benchmarks/article-extraction`` (181 real pages with hand-checked bodies; its README gives
the metric). Metric: per page, lower-case word tokens (punctuation dropped), multisets of 4-token shingles,
TP/FP/FN by multiset intersection; precision and recall per page (an empty prediction scores precision 0
when the truth is not empty), averaged over pages; F1 = 2PR/(P+R) of the averages; bootstrap standard
deviation over pages. Both extractors run on the same decoded pages in the same process, one after the other,
so the speed ratio is fair.

Run: ``.venv/bin/python benchmarks/parse_quality.py [--data DIR] [--repeat 1] [--limit N]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsclaims import htmlpage
from newsclaims.decoding import decode
from newsclaims.params import section
from newsclaims.parse import Params

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "article-extraction"
_TOK = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    toks = _TOK.findall((text or "").lower())
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_pr(pred: str, truth: str) -> tuple[float, float]:
    p, t = shingles(pred), shingles(truth)
    tp = sum((p & t).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    prec = tp / (tp + fp) if tp + fp else (1.0 if not t else 0.0)
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(prs: list[tuple[float, float]], boot: int = 1000, seed: int = 0) -> dict[str, float]:
    n = len(prs)
    P = sum(p for p, _ in prs) / n
    R = sum(r for _, r in prs) / n
    rng = random.Random(seed)
    fs = []
    for _ in range(boot):
        s = [prs[rng.randrange(n)] for _ in range(n)]
        fs.append(f1(sum(p for p, _ in s) / n, sum(r for _, r in s) / n))
    mean = sum(fs) / boot
    sd = (sum((x - mean) ** 2 for x in fs) / (boot - 1)) ** 0.5
    return {"precision": P, "recall": R, "f1": f1(P, R), "f1_sd": sd}


def load(data: Path, limit: int | None) -> list[tuple[str, str, str | None, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth)[:limit]:
        raw = gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes())
        pages.append((pid, decode(raw).text, truth[pid].get("url"), truth[pid].get("articleBody") or ""))
    return pages


def run(name: str, fn: Callable[[str, str | None], str], pages: list, repeat: int) -> tuple[dict, list[str]]:
    outs: list[str] = []
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        outs = [fn(html, url) or "" for _, html, url, _ in pages]
        best = min(best, time.perf_counter() - t0)
    res = score([page_pr(o, t) for o, (_, _, _, t) in zip(outs, pages, strict=True)])
    res["pages_per_s"] = len(pages) / best
    res["name"] = name
    return res, outs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=1, help="timing runs per extractor (best is reported)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    a = ap.parse_args()
    params = section(Params, "parse", a.params)
    pages = load(a.data, a.limit)

    def ours(html: str, url: str | None) -> str:
        # Exactly what `newsclaims parse` keeps as the body of an HTML page (dates are not needed here).
        return htmlpage.parse(
            html,
            url,
            favor_precision=params.favor_precision,
            favor_recall=params.favor_recall,
            include_tables=params.include_tables,
            find_dates=params.find_dates,
        ).text

    def plain(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url) or ""

    # warm-up (imports, caches) outside the timed runs
    ours(pages[0][1], pages[0][2])
    plain(pages[0][1], pages[0][2])
    r_plain, _ = run("trafilatura.extract", plain, pages, a.repeat)
    r_ours, _ = run("newsclaims parse (HTML)", ours, pages, a.repeat)
    print(f"pages: {len(pages)} from {a.data}")
    print(f"{'extractor':28s} {'precision':>9s} {'recall':>7s} {'F1':>7s} {'(sd)':>7s} {'pages/s':>8s}")
    for r in (r_ours, r_plain):
        print(
            f"{r['name']:28s} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:7.3f} "
            f"{r['f1_sd']:7.3f} {r['pages_per_s']:8.1f}"
        )
    print(
        f"F1 difference (ours - plain): {r_ours['f1'] - r_plain['f1']:+.3f}; "
        f"throughput ratio: {r_ours['pages_per_s'] / r_plain['pages_per_s']:.2f}"
    )


if __name__ == "__main__":
    main()
