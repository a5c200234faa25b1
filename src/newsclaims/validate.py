"""The validate stage: assemble the published tables from the stage outputs and hold them to the contract.

Row-level failures do not vanish and do not stop the build by themselves: each failing row moves to
``quarantine`` (stage ``validate``, reason ``invalid_row``, the rule in ``detail``), the rest is published.
``params.yaml`` ``validate.strict`` turns any quarantine row into a failed build (for releases of real
corpora). A table that breaks its contract as a whole (a missing column, a wrong type) is a bug upstream and
fails at once with the table and the rule named.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from newsclaims import schema

PUBLISHED_TABLES = (
    "articles",
    "claims",
    "source_mentions",
    "sources",
    "propositions",
    "quarantine",
)

# Which key identifies a row of each table in a quarantine record.
ROW_KEY = {
    "articles": "article_id",
    "claims": "claim_id",
    "source_mentions": "mention_id",
    "sources": "source_id",
    "propositions": "proposition_id",
}


@dataclass(frozen=True)
class Params:
    # Fail when any input or row was quarantined (release of a real corpus); false keeps going and reports.
    strict: bool = False


@dataclass(frozen=True)
class Result:
    tables: dict[str, pl.DataFrame]
    metrics: dict[str, object]


def quarantine_id(stage: str, path: str | None, record_id: str | None, reason: str) -> str:
    h = hashlib.sha256(f"{stage}\x1f{path or ''}\x1f{record_id or ''}\x1f{reason}".encode()).hexdigest()
    return "q" + h[:16]


def quarantine_rows(rows: list[dict[str, str | None]]) -> pl.DataFrame:
    """Build quarantine rows (stage, path, record_id, url, reason, detail) with their stable ids."""
    if not rows:
        return schema.table("quarantine").empty()
    df = pl.DataFrame(
        [
            {
                "quarantine_id": quarantine_id(
                    r["stage"] or "", r.get("path"), r.get("record_id"), r["reason"] or ""
                ),
                "stage": r["stage"],
                "path": r.get("path"),
                "record_id": r.get("record_id"),
                "url": r.get("url"),
                "reason": r["reason"],
                "detail": r.get("detail") or "",
            }
            for r in rows
        ],
        schema=schema.table("quarantine").polars_schema,
    )
    return df


def _row_failures(df: pl.DataFrame, name: str) -> tuple[pl.DataFrame, list[dict[str, str | None]]]:
    """Split a table into rows that pass its schema and quarantine records for the rows that fail."""
    t = schema.table(name)
    df = t.conform(df).with_row_index("_row")
    try:
        schema.pandera_schema(name).validate(df.drop("_row"), lazy=True)
        return df.drop("_row"), []
    except pa.errors.SchemaErrors as e:
        fc = e.failure_cases
    bad_idx: dict[int, list[str]] = {}
    whole_table: list[str] = []
    for r in fc.to_dicts():
        idx = r.get("index")
        rule = f"{r.get('column') or '(table)'}: {r.get('check')}"
        if idx is None:
            whole_table.append(f"{rule} ({r.get('failure_case')!r})")
        else:
            bad_idx.setdefault(int(idx), []).append(f"{rule} = {r.get('failure_case')!r}")
    if whole_table:
        raise schema.ContractError(
            f"table {name!r} breaks its schema as a whole (schemas/{name}.yaml): " + "; ".join(whole_table)
        )
    key = ROW_KEY.get(name)
    bad = df.filter(pl.col("_row").is_in(list(bad_idx)))
    recs = [
        {
            "stage": "validate",
            "path": None,
            "record_id": row.get(key) if key else None,
            "url": None,
            "reason": "invalid_row",
            "detail": f"{name} row {row['_row']} breaks schemas/{name}.yaml: "
            + "; ".join(bad_idx[row["_row"]]),
        }
        for row in bad.to_dicts()
    ]
    return df.filter(~pl.col("_row").is_in(list(bad_idx))).drop("_row"), recs


def _orphans(
    tables: dict[str, pl.DataFrame],
) -> tuple[dict[str, pl.DataFrame], list[dict[str, str | None]]]:
    """Drop rows whose foreign keys do not resolve (claims of a missing article, ...), quarantining them."""
    recs: list[dict[str, str | None]] = []
    changed = True
    while changed:  # dropping an article orphans its claims: repeat until stable (at most a few rounds)
        changed = False
        for name, df in tables.items():
            t = schema.table(name)
            for fk in t.foreign_keys:
                ref = fk["reference"]
                if ref["table"] not in tables:
                    continue
                (col,), (rcol,) = fk["fields"], ref["fields"]
                parent = tables[ref["table"]][rcol].unique()
                bad_mask = pl.col(col).is_not_null() & ~pl.col(col).is_in(parent.implode())
                bad = df.filter(bad_mask)
                if bad.height:
                    key = ROW_KEY[name]
                    recs += [
                        {
                            "stage": "validate",
                            "path": None,
                            "record_id": k,
                            "url": None,
                            "reason": "invalid_row",
                            "detail": f"{name}.{col} = {v!r} not found in {ref['table']}.{rcol}",
                        }
                        for k, v in bad.select(key, col).iter_rows()
                    ]
                    tables[name] = df.filter(~bad_mask)
                    df = tables[name]
                    changed = True
    return tables, recs


def assemble(
    stage_tables: dict[str, pl.DataFrame], quarantines: list[pl.DataFrame], params: Params
) -> Result:
    """Pure core of the stage: row checks, key checks, quarantine merge, and the validation metrics."""
    recs: list[dict[str, str | None]] = []
    tables: dict[str, pl.DataFrame] = {}
    for name in PUBLISHED_TABLES:
        if name == "quarantine":
            continue
        df = stage_tables.get(name, schema.table(name).empty())
        df, bad = _row_failures(df, name)
        recs += bad
        tables[name] = df
    tables, orphan_recs = _orphans(tables)
    recs += orphan_recs
    q = pl.concat(
        [schema.table("quarantine").conform(x) for x in quarantines] + [quarantine_rows(recs)],
        how="vertical",
    )
    tables["quarantine"] = q.unique("quarantine_id", keep="first").sort(
        "stage", "path", "record_id", "reason", nulls_last=True
    )
    tables["articles"] = tables["articles"].sort("article_id")
    for name, key in ROW_KEY.items():
        tables[name] = tables[name].sort(key)
    problems = schema.check_relations(tables)
    if problems:
        raise schema.ContractError("cross-table rules broken:\n  - " + "\n  - ".join(problems))
    for name, df in tables.items():
        schema.validate(df, name)
    metrics: dict[str, object] = {f"rows_{n}": tables[n].height for n in PUBLISHED_TABLES}
    metrics["quarantine_by_reason"] = {
        r: c for r, c in tables["quarantine"].group_by("reason").len().sort("reason").iter_rows()
    }
    metrics["quarantine_by_stage"] = {
        r: c for r, c in tables["quarantine"].group_by("stage").len().sort("stage").iter_rows()
    }
    metrics["invalid_rows"] = len(recs)
    metrics["strict"] = params.strict
    return Result(tables=tables, metrics=metrics)


def check_tables(tables: dict[str, pl.DataFrame]) -> list[str]:
    """Check already published tables: every schema rule and every cross-table rule, all failures at once."""
    problems: list[str] = []
    for name, df in tables.items():
        try:
            schema.validate(df, name)
        except schema.ContractError as e:
            problems.append(str(e))
    problems += schema.check_relations(tables)
    return problems
