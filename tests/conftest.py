"""Shared fixtures: the real demo corpus run through the real pipeline, once per test session.

Tests check behaviour on real inputs (the seed, the demo corpus, generated bad inputs); the pipeline output
they share is built by the same `newsclaims run` command a researcher uses, in a scratch folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
MANIFEST = ROOT / "data" / "manifests" / "corpus.csv"
SEED = RAW / "seed" / "000_2181ba29c1439369.txt"


def newsclaims(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user would."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
    proc = subprocess.run(
        [sys.executable, "-m", "newsclaims", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"newsclaims {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}"
        )
    return proc


@pytest.fixture(scope="session")
def demo_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`newsclaims run data/raw --manifest data/manifests/corpus.csv --out OUT`, shared by xdist workers."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker has its own basetemp inside this session's folder: share the parent.
    # Without xdist the basetemp is this session's own folder (its parent is shared by all sessions).
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared / "demo-dataset"
    with FileLock(str(shared / "demo-dataset.lock")):
        done = out / ".done"
        if not done.is_file():
            newsclaims(
                "run",
                str(RAW),
                "--manifest",
                str(MANIFEST),
                "--out",
                str(out),
                "--params",
                str(ROOT / "params.yaml"),
            )
            done.write_text(json.dumps({"ok": True}))
    return out
