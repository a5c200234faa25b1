"""Citation and release: what a paper cites names exactly the tables it used, and the bundle is complete."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest

from conftest import ROOT, newsclaims
from newsclaims.version import __version__


def test_cite_bibtex_names_version_commit_and_fingerprint(demo_dataset: Path) -> None:
    out = newsclaims("cite", "--data", str(demo_dataset)).stdout
    assert out.startswith("@misc{newsclaims_" + __version__.replace(".", "_"))
    assert f"version = {{{__version__}}}" in out
    fp = re.search(r"fingerprint sha256:([0-9a-f]{64})", out)
    assert fp, out
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    assert commit.strip() in out
    apa = newsclaims("cite", "--format", "apa", "--data", str(demo_dataset)).stdout
    assert f"(Version {__version__})" in apa and fp.group(1) in apa
    cff = newsclaims("cite", "--format", "cff", "--data", str(demo_dataset)).stdout
    assert f"sha256:{fp.group(1)}" in cff


def test_fingerprint_changes_when_a_table_changes(demo_dataset: Path, tmp_path: Path) -> None:
    for p in demo_dataset.glob("*.parquet"):
        shutil.copy(p, tmp_path / p.name)
    before = newsclaims("cite", "--data", str(tmp_path)).stdout
    arts = pl.read_parquet(tmp_path / "articles.parquet")
    arts.head(arts.height - 1).write_parquet(tmp_path / "articles.parquet")
    after = newsclaims("cite", "--data", str(tmp_path)).stdout
    fp = lambda s: re.search(r"sha256:([0-9a-f]{64})", s).group(1)  # noqa: E731
    assert fp(before) != fp(after)


def test_cite_without_data_is_a_plain_error(tmp_path: Path) -> None:
    proc = newsclaims("cite", "--data", str(tmp_path / "nope"), check=False)
    assert proc.returncode == 2 and "make reproduce" in proc.stderr and "Traceback" not in proc.stderr


def test_citation_cff_is_valid_and_carries_the_package_version() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f"version: {__version__}\n" in text, "CITATION.cff version must equal src/newsclaims/version.py"
    tool = ROOT / ".tools" / "cff" / "bin" / "cffconvert"
    if not tool.is_file():
        if os.environ.get("CI"):
            pytest.fail("cffconvert missing: `make test` installs it into .tools/cff")
        pytest.skip("cffconvert not installed (make .tools/cff/bin/cffconvert)")
    proc = subprocess.run(
        [str(tool), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_release_bundle_is_complete_checksummed_and_croissant_valid(
    demo_dataset: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    newsclaims("release", "--data", str(demo_dataset), "--out", str(bundle))
    names = {p.name for p in bundle.iterdir()}
    tables = ["articles", "claims", "source_mentions", "sources", "propositions", "quarantine"]
    for t in tables:
        assert f"{t}.parquet" in names and f"{t}.csv" in names
    assert {
        "datapackage.json",
        "croissant.json",
        "CITATION.cff",
        "README.md",
        "SHA256SUMS",
        "LICENSE-DATA.md",
    } <= names
    sums = dict(reversed(line.split("  ")) for line in (bundle / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == names - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == digest, name
    card = (bundle / "README.md").read_text()
    assert "{{" not in card and "synthetic" in card.lower() and __version__ in card
    # CSV copies hold the same rows as the Parquet tables
    for t in tables:
        assert (
            pl.read_csv(bundle / f"{t}.csv", infer_schema=False).height
            == pl.read_parquet(bundle / f"{t}.parquet").height
        )
    import mlcroissant as mlc

    ds = mlc.Dataset(jsonld=str(bundle / "croissant.json"))
    assert [rs.name for rs in ds.metadata.record_sets] == tables
    n_sources = sum(1 for _ in ds.records("sources"))
    assert n_sources == pl.read_parquet(bundle / "sources.parquet").height > 0


def test_release_is_byte_identical_when_rebuilt(demo_dataset: Path, tmp_path: Path) -> None:
    newsclaims("release", "--data", str(demo_dataset), "--out", str(tmp_path / "a"))
    newsclaims("release", "--data", str(demo_dataset), "--out", str(tmp_path / "b"))
    assert (tmp_path / "a" / "SHA256SUMS").read_bytes() == (tmp_path / "b" / "SHA256SUMS").read_bytes()
