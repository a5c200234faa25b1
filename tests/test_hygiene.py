"""Repository rules that keep the project honest: style, clean notebooks, the corpus's provenance, and the
one-word-per-stage convention across DVC, CLI, modules and params."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import yaml

from conftest import MANIFEST, RAW, ROOT, SEED

BIN = Path(sys.executable).parent


def test_ruff_lint_and_format() -> None:
    for args in (
        ["check", "src", "tests", "benchmarks"],
        ["format", "--check", "src", "tests", "benchmarks"],
    ):
        proc = subprocess.run([str(BIN / "ruff"), *args], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_notebooks_are_committed_without_outputs() -> None:
    nbs = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert nbs, "notebooks/ has no notebooks"
    for nb in nbs:
        assert nb.stem[:2].isdigit() and nb.stem[2] == "-", f"{nb.name}: name notebooks NN-topic"
        data = json.loads(nb.read_text(encoding="utf-8"))
        for cell in data["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [] and cell.get("execution_count") is None, nb.name


def test_every_raw_file_is_in_the_manifest_and_only_the_seed_is_real() -> None:
    rows = list(csv.DictReader(MANIFEST.open(encoding="utf-8")))
    listed = [r["path"] for r in rows]
    assert len(listed) == len(set(listed)), "a path is listed twice in the manifest"
    on_disk = sorted(p.relative_to(RAW).as_posix() for p in RAW.rglob("*") if p.is_file())
    assert sorted(listed) == on_disk
    for r in rows:
        if r["path"] == SEED.relative_to(RAW).as_posix():
            assert r["synthetic"] == "false"
            continue
        assert r["synthetic"] == "true", r["path"]
        host = urlparse(r["url"]).hostname if r["url"] else None
        if host:
            assert host.endswith(".example"), (
                f"{r['path']}: synthetic articles use reserved *.example domains"
            )
        if r["outlet"]:
            assert r["outlet"].endswith(".example"), r["path"]


def test_seed_is_byte_identical_to_the_shared_seed() -> None:
    shared = ROOT.parent / "shared" / "seeds" / SEED.name
    if shared.is_file():
        assert SEED.read_bytes() == shared.read_bytes()
    assert SEED.stat().st_size > 1000


def test_one_word_per_stage() -> None:
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"]
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    from newsclaims.cli import app

    for name, st in stages.items():
        assert name in params, f"params.yaml has no section {name!r}"
        assert name in app.commands, f"no CLI command {name!r}"
        assert (ROOT / "src" / "newsclaims" / f"{name}.py").is_file(), f"no module src/newsclaims/{name}.py"
        assert st["cmd"].split()[:2] == ["newsclaims", name], st["cmd"]


def test_no_large_files_in_git() -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        p = ROOT / rel
        if p.is_file():
            assert p.stat().st_size <= 2_000_000, f"{rel} is over 2 MB: data belongs to DVC"
