"""A small API for notebooks and researchers: load the published and metric tables by name.

``newsclaims.load("claims")`` is all a notebook needs; the path logic (published tables in
``data/processed/``, metric tables in ``data/processed/analyze/``, relative paths that also work from
``notebooks/``) lives here once instead of in every notebook.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from newsclaims.paths import repo_root

PUBLISHED = ("articles", "claims", "source_mentions", "sources", "propositions", "quarantine")
METRICS = ("proposition_metrics", "proposition_values", "outlet_metrics", "source_metrics")


def resolve(path: str | Path) -> Path:
    """A relative path as given, else relative to the checkout root (so notebooks run from notebooks/)."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    root = repo_root()
    if root is not None and (root / p).exists():
        return root / p
    return p


def load(table: str, data_dir: str | Path = "data/processed", validate: bool = False) -> pl.DataFrame:
    """Load one table by name: a published table or a metric table (``proposition_metrics``, ...).

    ``validate=True`` checks it against its schema (the pipeline already did when writing it).
    """
    if table not in PUBLISHED + METRICS:
        raise ValueError(f"unknown table {table!r}; tables: {', '.join(PUBLISHED + METRICS)}")
    base = resolve(data_dir)
    path = base / "analyze" / f"{table}.parquet" if table in METRICS else base / f"{table}.parquet"
    if not path.is_file():
        stage = "analyze" if table in METRICS else "validate"
        raise FileNotFoundError(f"{path} does not exist: build it with `dvc repro {stage}`")
    if not validate:  # plain read: notebooks start faster without the validation stack (pandera)
        return pl.read_parquet(path)
    from newsclaims import io

    return io.read_table(path, table, validate=True)


def claim_view(data_dir: str | Path = "data/processed", params_path: str | Path = "params.yaml"):
    """Claims joined with outlet, report time, proposition, modal value and agreement (analyze.claim_view),
    with the tolerances of params.yaml ``analyze:`` when the file is there."""
    from newsclaims import analyze, params

    p = params.section(analyze.Params, "analyze", resolve(params_path))
    return analyze.claim_view(
        load("claims", data_dir),
        load("articles", data_dir),
        load("sources", data_dir),
        load("propositions", data_dir),
        p,
    )
