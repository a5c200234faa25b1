"""Same inputs and params give byte-identical outputs: dvc.lock is the proof.

A scratch copy of the working tree is rebuilt from nothing with `dvc repro`; its dvc.lock must equal the
committed one (so a fresh clone reproduces the cited version), `dvc repro` must then have nothing to do, and
`dvc repro -f` must leave dvc.lock unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("repro")]


def _run(cmd: list[str], cwd: Path) -> str:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "DVC_NO_ANALYTICS": "1",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def test_fresh_rebuild_reproduces_dvc_lock_byte_for_byte(tmp_path: Path) -> None:
    listed = (
        subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    copy = tmp_path / "repo"
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, copy / rel)
    committed = (ROOT / "dvc.lock").read_bytes() if (ROOT / "dvc.lock").is_file() else None
    _run(["git", "init", "-q"], copy)
    _run(["git", "add", "-A"], copy)
    _run(["git", "commit", "-qm", "copy"], copy)
    dvc = [sys.executable, "-m", "dvc"]

    _run([*dvc, "repro"], copy)
    first = (copy / "dvc.lock").read_bytes()
    if committed is not None:
        assert first == committed, (
            "a fresh build gives a different dvc.lock than the committed one: code, params or data changed "
            "without `dvc repro` + commit, or an output is not deterministic (diff the two locks)"
        )
    status = _run([*dvc, "status"], copy)
    assert "up to date" in status, status

    _run([*dvc, "repro", "-f"], copy)
    assert (copy / "dvc.lock").read_bytes() == first, (
        "dvc repro -f changed dvc.lock: an output is not deterministic"
    )
