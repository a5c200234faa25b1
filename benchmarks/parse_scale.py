"""Scale: articles per second and peak memory of `newsclaims parse` as the collection grows.

Generates N realistic pages per format (HTML pages with navigation, JSON-LD and footer; text scrapes with
page chrome like the seed; WARC files of HTML response records plus request records), about 5% of them
republished copies so that syndication has work to do, then runs the real parse shell (``do_parse``) in a
fresh child process per (format, N) and prints articles/s and the child's peak RSS. Memory must stay flat as
N grows: parse streams in batches and keeps only compact keys and MinHash signatures.

Run: ``.venv/bin/python benchmarks/parse_scale.py [--sizes 1000,2000,5000,10000] [--formats html,text,warc]``
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "the",
    "government",
    "said",
    "on",
    "monday",
    "that",
    "officials",
    "would",
    "review",
    "troops",
    "ships",
    "border",
    "talks",
    "ministry",
    "report",
    "city",
    "council",
    "budget",
    "harbour",
    "police",
    "election",
    "voters",
    "weather",
    "storm",
    "coast",
    "minister",
    "agency",
    "spokesman",
    "according",
    "to",
    "figures",
    "released",
    "by",
    "statistics",
    "office",
    "increase",
    "decrease",
    "percent",
    "million",
    "thousand",
    "region",
    "capital",
    "parliament",
    "committee",
    "hearing",
    "lawmakers",
    "opposition",
    "party",
    "leader",
    "president",
    "week",
    "month",
    "year",
    "company",
    "workers",
    "union",
    "strike",
    "prices",
    "energy",
    "gas",
    "market",
    "analysts",
    "expect",
    "growth",
    "inflation",
    "bank",
    "rate",
]


def sentence(rng: random.Random) -> str:
    n = rng.randint(12, 28)
    w = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.4:
        w.insert(rng.randrange(n), f"{rng.randint(2, 20000):,}")
    return " ".join(w).capitalize() + "."


def body(rng: random.Random) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(5, 9))]


def html_page(i: int, paras: list[str], rng: random.Random) -> str:
    title = f"Story {i}: " + " ".join(rng.choice(WORDS) for _ in range(6))
    nav = "".join(f"<li><a href='/s{k}/'>Section {k}</a></li>" for k in range(12))
    related = "".join(
        f"<li><a href='/a{rng.randint(0, 10**6)}'>{sentence(rng)[:60]}</a></li>" for _ in range(8)
    )
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"2024-10-{1 + i % 28:02d}T08:{i % 60:02d}:00+02:00",
            "author": {"@type": "Person", "name": "A. Reporter"},
        }
    )
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | Gen News</title>"
        f"<meta property='og:type' content='article'><meta property='og:site_name' content='Gen News'>"
        f"<script type='application/ld+json'>{ld}</script></head><body><header><nav><ul>{nav}</ul></nav>"
        f"</header><main><article><h1>{title}</h1><p class='byline'>By A. Reporter</p>"
        f"<figure><img src='/i/{i}.jpg'><figcaption>Picture {i} of the harbour. Photo: Agency</figcaption>"
        f"</figure>{ps}</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        f"<footer><p>© 2024 Gen News</p><a href='/privacy'>Privacy</a></footer></body></html>"
    )


def text_scrape(i: int, paras: list[str], rng: random.Random) -> str:
    chrome = [
        "Gen News - the news as it happens",
        "Gen News - the news as it happens",
        "Search IconMenu Icon",
        "",
        "HomeWorldEurope",
        "",
        "WORLD",
        f"Story {i}: " + " ".join(rng.choice(WORDS) for _ in range(6)),
        "",
        f"{1 + i % 28} October 2024, 08:{i % 60:02d} BST | 3 min read",
        "",
        "Advertisement",
        "",
    ]
    tail = [
        "",
        "Sources: Reuters, AFP",
        "Loading...",
        "Loading...",
        "",
        "You might also like",
        "Loading...",
        "About usContact usPrivacy",
    ]
    return "\n".join(chrome + [p + "\n" for p in paras] + tail)


def write_corpus(root: Path, fmt: str, n: int, seed: int = 0) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    prev: list[list[str]] = []
    warc_f = None
    writer = None
    for i in range(n):
        if prev and rng.random() < 0.05:  # a republished copy with a trimmed last paragraph
            paras = rng.choice(prev)[:-1]
        else:
            paras = body(rng)
            if len(prev) < 50:
                prev.append(paras)
        if fmt == "html":
            (root / f"p{i:06d}.html").write_text(html_page(i, paras, rng), encoding="utf-8")
        elif fmt == "text":
            (root / f"p{i:06d}.txt").write_text(text_scrape(i, paras, rng), encoding="utf-8")
        else:
            if i % 500 == 0:
                if warc_f:
                    warc_f.close()
                warc_f = (root / f"crawl-{i // 500:04d}.warc.gz").open("wb")
                writer = WARCWriter(warc_f, gzip=True)
            url = f"https://gen-{i % 7}.example/a/{i}.html"
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)
            hh = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(html_page(i, paras, rng).encode("utf-8"))
            writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=hh))
    if warc_f:
        warc_f.close()


def child(in_dir: str, out_dir: str) -> None:
    from newsclaims.cli import do_parse

    t0 = time.perf_counter()
    do_parse(Path(in_dir), None, Path(out_dir), Path("params.yaml"))
    dt = time.perf_counter() - t0
    # Peak RSS of parse itself, taken before anything else runs: loading the whole output table here (as
    # this script once did with pl.read_parquet) added ~50 MB at N=10,000 and was most of the "growth".
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    import pyarrow.parquet as pq

    n = pq.ParquetFile(Path(out_dir) / "articles.parquet").metadata.num_rows  # footer only, no data
    print(json.dumps({"articles": n, "seconds": dt, "peak_rss_mb": rss_mb}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    ap.add_argument("--formats", default="html,text,warc")
    ap.add_argument("--child", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    print(
        f"{'format':6s} {'N':>6s} {'articles':>8s} {'seconds':>8s} {'articles/s':>10s} {'peak RSS MB':>11s}"
    )
    for fmt in a.formats.split(","):
        for n in (int(x) for x in a.sizes.split(",")):
            with tempfile.TemporaryDirectory() as tmp:
                write_corpus(Path(tmp) / "in", fmt, n)
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", str(Path(tmp) / "in"), str(Path(tmp) / "out")],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                print(
                    f"{fmt:6s} {n:6d} {r['articles']:8d} {r['seconds']:8.1f} "
                    f"{r['articles'] / r['seconds']:10.1f} {r['peak_rss_mb']:11.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
