"""The notebooks run headless on the demo dataset, and the report stage's outputs are byte-identical."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, newsclaims
from newsclaims import figures, report

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_three_notebooks_committed_thin_and_without_outputs() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names[:3] == ["01-corpus", "02-claim-consistency", "03-sourcing"]
    for p in NOTEBOOKS:
        nb = nbformat.read(p, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{p.name} has outputs"
        assert any("parameters" in c.metadata.get("tags", []) for c in code), f"{p.name}: no parameters"
        # thin: no function or class definitions, no direct file reads
        src = "\n".join(c.source for c in code)
        assert "def " not in src and "class " not in src and "read_parquet" not in src, p.name


def test_figure_files_are_deterministic(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.set_title("t")
    a = figures.save(fig, "x", tmp_path / "a")
    b = figures.save(fig, "x", tmp_path / "b")
    plt.close(fig)
    for p, q in zip(a, b, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name
    svg = a[1].read_text()
    assert "<dc:date>" not in svg


@pytest.mark.slow
def test_every_notebook_runs_headless_on_the_demo_dataset(demo_dataset: Path, tmp_path: Path) -> None:
    """`newsclaims report` executes every notebook; any cell error fails the command and this test."""
    out = tmp_path / "reports"
    t0 = time.perf_counter()
    newsclaims("report", "--data", str(demo_dataset), "--out", str(out))
    elapsed = time.perf_counter() - t0
    for p in NOTEBOOKS:
        executed = out / "notebooks" / p.name
        nb = json.loads(executed.read_text("utf-8"))
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
        assert not [o for o in outputs if o["output_type"] == "error"], p.name
        assert all(c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code")
        assert "execution" not in json.dumps([c["metadata"] for c in nb["cells"]]), "timestamps left"
        assert (out / "notebooks" / f"{p.stem}.html").stat().st_size > 10_000
    figs = sorted(f.name for f in (out / "figures").iterdir())
    assert "02-troop-values-over-time.png" in figs and "02-troop-values-over-time.svg" in figs
    assert len([f for f in figs if f.endswith(".png")]) == len([f for f in figs if f.endswith(".svg")]) >= 8
    print(f"notebooks executed in {elapsed:.1f} s")


@pytest.mark.slow
def test_report_outputs_are_byte_identical_on_rerun(demo_dataset: Path, tmp_path: Path) -> None:
    nb = ROOT / "notebooks" / "02-claim-consistency.ipynb"
    out = tmp_path / "reports"

    def run() -> dict[str, bytes]:
        report.run_notebook(nb, demo_dataset, out, cwd=ROOT)
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first, second = run(), run()
    assert first.keys() == second.keys()
    changed = [k for k in first if first[k] != second[k]]
    assert not changed, f"not deterministic: {changed}"
