"""No input is lost silently: every input file (every WARC record) is in `articles` or `quarantine`, once."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import polars as pl

from conftest import MANIFEST, RAW, newsclaims


def _accounted(out: Path) -> pl.DataFrame:
    arts = pl.read_parquet(out / "articles.parquet").select(
        "path", "record_id", pl.lit("articles").alias("t")
    )
    q = (
        pl.read_parquet(out / "quarantine.parquet")
        .filter(pl.col("stage").is_in(["parse", "collect"]))
        .select("path", "record_id", pl.lit("quarantine").alias("t"))
    )
    return pl.concat([arts, q])


def test_every_demo_input_is_accounted_for_exactly_once(demo_dataset: Path) -> None:
    acc = _accounted(demo_dataset)
    files = {p.relative_to(RAW).as_posix() for p in RAW.rglob("*") if p.is_file()}
    assert set(acc["path"].drop_nulls().to_list()) == files
    non_warc = acc.filter(~pl.col("path").str.contains(r"\.warc(\.gz)?$"))
    dup = non_warc.group_by("path").len().filter(pl.col("len") > 1)
    assert dup.height == 0, dup
    warc = acc.filter(pl.col("path").str.contains(r"\.warc(\.gz)?$"))
    assert warc.height >= 5, "the demo WARC holds at least 5 pages"
    assert warc.filter(pl.col("record_id").is_null()).height == 0
    assert warc.group_by("path", "record_id").len()["len"].max() == 1


def test_a_messy_folder_without_manifest_loses_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "seed" / "000_2181ba29c1439369.txt", src / "seed.txt")
    (src / "empty.html").write_bytes(b"")
    (src / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (src / "latin1.txt").write_bytes(
        "Berlin (dpa) - Nach Angaben des Geheimdienstes sollen rund 3.000 Soldaten in Russland sein. "
        "Die Regierung äußerte sich zunächst nicht zu dem Bericht über die Truppen.\n".encode("latin-1")
        * 3
    )
    (src / "sub").mkdir()
    (src / "sub" / "teaser.txt").write_text("Nordkorea\n", encoding="utf-8")
    out = tmp_path / "out"
    newsclaims("run", str(src), "--out", str(out), "--no-analyze")
    acc = _accounted(out)
    assert sorted(acc["path"].to_list()) == [
        "binary.bin",
        "empty.html",
        "latin1.txt",
        "seed.txt",
        "sub/teaser.txt",
    ]


def test_manifest_rows_for_missing_or_twice_listed_files_are_quarantined(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "seed" / "000_2181ba29c1439369.txt", src / "seed.txt")
    rows = list(csv.DictReader(MANIFEST.open(encoding="utf-8")))
    seed_row = next(r for r in rows if r["path"].startswith("seed/"))
    man = tmp_path / "m.csv"
    with man.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(seed_row))
        w.writeheader()
        w.writerow({**seed_row, "path": "seed.txt"})
        w.writerow({**seed_row, "path": "seed.txt"})
        w.writerow({**seed_row, "path": "gone.txt"})
    out = tmp_path / "out"
    newsclaims("run", str(src), "--manifest", str(man), "--out", str(out), "--no-analyze")
    arts = pl.read_parquet(out / "articles.parquet")
    q = pl.read_parquet(out / "quarantine.parquet")
    assert arts["path"].to_list() == ["seed.txt"]
    reasons = dict(q.select("path", "reason").iter_rows())
    assert reasons.get("gone.txt") == "missing_file"
    assert q.filter((pl.col("path") == "seed.txt") & (pl.col("reason") == "duplicate_input")).height == 1


def test_an_input_repeated_in_a_later_batch_is_kept_once() -> None:
    """parse.Linker carries the ids of earlier batches: the demo corpus parsed twice keeps each article
    once, quarantines every repeat as duplicate_input, and links each article once."""
    from newsclaims import manifest as mf
    from newsclaims import parse

    params = parse.Params()
    units, _q = mf.plan(RAW, MANIFEST)
    linker = parse.Linker(params)
    kept: list[list[pl.DataFrame]] = [[], []]
    dups: list[list[pl.DataFrame]] = [[], []]
    for rnd in (0, 1):
        for batch, _read_q in parse.iter_batches(RAW, units, params):
            arts, _q2, sigs = parse.parse_batch(batch, params)
            a, d = linker.add(arts, sigs)
            kept[rnd].append(a)
            dups[rnd].append(d)
    first = pl.concat(kept[0])["article_id"]
    assert first.len() > 30 and first.is_unique().all()
    assert pl.concat(kept[1]).height == 0
    again = pl.concat(dups[1])
    assert again.height == first.len() and set(again["reason"]) == {"duplicate_input"}
    assert sorted(linker.links()["article_id"]) == sorted(first)
