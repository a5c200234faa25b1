"""The report stage: execute the notebooks headless on a dataset into executed notebooks and HTML.

Notebooks are the researcher's first view, so the pipeline runs them on every build and the tests run them
on the demo dataset: a notebook that breaks fails the build. Like every other output, the reports must be
byte-identical for the same inputs (``dvc.lock`` records them): no execution timestamps (nbclient's
``record_timing=False`` plus stripping what a kernel may still add), fixed cell ids, figures rendered by
:mod:`newsclaims.figures` with fixed SVG hash salt and no dates.

The dataset path is a parameter: a cell tagged ``parameters`` holds the defaults and a cell tagged
``injected-parameters`` is inserted after it (the papermill convention, without papermill).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

INJECTED_TAG = "injected-parameters"
PARAMETERS_TAG = "parameters"
# Cell/notebook metadata keys that carry wall-clock time or machine state.
VOLATILE_CELL_META = ("execution", "collapsed", "scrolled", "papermill", "ExecuteTime")
VOLATILE_NB_META = ("papermill", "widgets", "varInspector")


@dataclass(frozen=True)
class Params:
    """Report settings (params.yaml ``report:``)."""

    kernel: str = "python3"
    cell_timeout: int = 300


def parameter_source(values: dict[str, Any]) -> str:
    """Python source of the injected parameter cell (repr keeps strings quoted and deterministic)."""
    lines = ["# Parameters injected by `newsclaims report`"]
    lines += [f"{k} = {v!r}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


def inject_parameters(nb: nbformat.NotebookNode, values: dict[str, Any]) -> nbformat.NotebookNode:
    """Insert (or replace) the injected-parameters cell after the cell tagged ``parameters``."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    idx = next(
        (i for i, c in enumerate(nb.cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])),
        -1,
    )
    cell = nbformat.v4.new_code_cell(parameter_source(values))
    cell.metadata["tags"] = [INJECTED_TAG]
    cell.id = INJECTED_TAG
    nb.cells.insert(idx + 1, cell)
    return nb


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove timestamps and machine state from notebook and cell metadata."""
    for k in VOLATILE_NB_META:
        nb.metadata.pop(k, None)
    for c in nb.cells:
        for k in VOLATILE_CELL_META:
            c.metadata.pop(k, None)
    return nb


def clear_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The committed form of a notebook: no outputs, no execution counts (tests check it)."""
    nb = copy.deepcopy(nb)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
    return strip_volatile(nb)


def execute(nb: nbformat.NotebookNode, cwd: Path, params: Params | None = None) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel; raises nbclient's CellExecutionError naming the failing cell."""
    from nbclient import NotebookClient

    p = params or Params()
    client = NotebookClient(
        nb,
        timeout=p.cell_timeout,
        kernel_name=p.kernel,
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
        allow_errors=False,
    )
    client.execute()
    return strip_volatile(nb)


def to_html(nb: nbformat.NotebookNode) -> str:
    """Static HTML of an executed notebook (nbconvert's lab template, no external requests needed)."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    return body


def run_notebook(
    path: Path, data_dir: Path, out: Path, params: Params | None = None, cwd: Path | None = None
) -> tuple[Path, Path]:
    """Execute one notebook on ``data_dir``; write ``out/notebooks/<name>.ipynb`` and ``.html``.

    Paths are injected as given (relative paths keep the outputs identical across checkouts); figures go to
    ``out/figures``. Returns the two written paths.
    """
    nb = nbformat.read(path, as_version=4)
    nb = inject_parameters(nb, {"DATA": str(data_dir), "FIGURES": str(Path(out) / "figures")})
    nb = execute(nb, Path(cwd or Path.cwd()), params)
    dest = Path(out) / "notebooks"
    dest.mkdir(parents=True, exist_ok=True)
    ipynb = dest / path.name
    html = dest / (path.stem + ".html")
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    ipynb.write_text(text, encoding="utf-8")
    html.write_text(to_html(nb), encoding="utf-8")
    return ipynb, html
