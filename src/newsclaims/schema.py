"""The data contract: table definitions in ``schemas/*.yaml`` turned into pandera schemas and metadata.

Each column is described once, in YAML, so that validation, the Frictionless ``datapackage.json`` and the data
dictionary can never disagree (the PUDL approach). This module only reads those files; it knows no column.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandera.polars as pa
import polars as pl
import yaml

from newsclaims.paths import schema_dir

TYPE_MAP: dict[str, pl.DataType | type[pl.DataType]] = {
    "string": pl.String,
    "int64": pl.Int64,
    "int32": pl.Int32,
    "float64": pl.Float64,
    "bool": pl.Boolean,
    "date": pl.Date,
    "datetime": pl.Datetime("us", "UTC"),
    "list[string]": pl.List(pl.String),
}

# Frictionless Table Schema field types for the datapackage.
FRICTIONLESS_TYPE = {
    "string": "string",
    "int64": "integer",
    "int32": "integer",
    "float64": "number",
    "bool": "boolean",
    "date": "date",
    "datetime": "datetime",
    "list[string]": "array",
}


class ContractError(ValueError):
    """A table broke the data contract; the message names the table, rows and rules."""


@dataclass(frozen=True)
class ColumnDef:
    name: str
    type: str
    description: str
    nullable: bool = False
    unique: bool = False
    checks: dict[str, Any] = field(default_factory=dict)

    @property
    def dtype(self) -> pl.DataType:
        dt = TYPE_MAP[self.type]
        return dt() if isinstance(dt, type) else dt


@dataclass(frozen=True)
class TableDef:
    name: str
    title: str
    description: str
    columns: tuple[ColumnDef, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[dict[str, Any], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def polars_schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    def empty(self) -> pl.DataFrame:
        """An empty frame of the right shape, so a stage with nothing to say still writes a valid table."""
        return pl.DataFrame(schema=self.polars_schema)

    def conform(self, df: pl.DataFrame) -> pl.DataFrame:
        """Select and order the contract's columns and cast to the contract's types.

        Stages may compute helper columns; only the contract's columns are written, in the contract's order,
        so that files are byte-identical however a stage built the frame. A missing column is an error.
        """
        missing = [c for c in self.column_names if c not in df.columns]
        if missing:
            raise ContractError(f"table {self.name!r}: missing columns {missing}")
        return df.select([pl.col(c.name).cast(c.dtype, strict=False) for c in self.columns])


@functools.cache
def iso639_1() -> frozenset[str]:
    lines = (schema_dir() / "iso639-1.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _load(path: Path) -> TableDef:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cols = tuple(
        ColumnDef(
            name=c["name"],
            type=c["type"],
            description=" ".join(str(c.get("description", "")).split()),
            nullable=bool(c.get("nullable", False)),
            unique=bool(c.get("unique", False)),
            checks=dict(c.get("checks") or {}),
        )
        for c in raw["columns"]
    )
    for c in cols:
        if c.type not in TYPE_MAP:
            raise ContractError(f"{path.name}: column {c.name!r} has unknown type {c.type!r}")
    return TableDef(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        description=" ".join(str(raw.get("description", "")).split()),
        columns=cols,
        primary_key=tuple(raw.get("primary_key") or ()),
        foreign_keys=tuple(raw.get("foreign_keys") or ()),
    )


@functools.cache
def tables() -> dict[str, TableDef]:
    """All table definitions, by name, in file-name order."""
    out = {}
    for p in sorted(schema_dir().glob("*.yaml")):
        t = _load(p)
        out[t.name] = t
    return out


def table(name: str) -> TableDef:
    try:
        return tables()[name]
    except KeyError:
        raise ContractError(f"no schema for table {name!r} in {schema_dir()}") from None


def _checks(col: ColumnDef) -> list[pa.Check]:
    out: list[pa.Check] = []
    for kind, arg in col.checks.items():
        if kind == "ge":
            out.append(pa.Check.ge(arg))
        elif kind == "gt":
            out.append(pa.Check.gt(arg))
        elif kind == "le":
            out.append(pa.Check.le(arg))
        elif kind == "lt":
            out.append(pa.Check.lt(arg))
        elif kind == "isin":
            out.append(pa.Check.isin(list(arg)))
        elif kind == "str_matches":
            out.append(pa.Check.str_matches(arg))
        elif kind == "str_length":
            out.append(pa.Check.str_length(arg.get("min"), arg.get("max")))
        elif kind == "iso639_1" and arg:
            out.append(pa.Check.isin(sorted(iso639_1()), name="iso639_1"))
        else:
            raise ContractError(f"column {col.name!r}: unknown check {kind!r}")
    return out


@functools.cache
def pandera_schema(name: str) -> pa.DataFrameSchema:
    t = table(name)
    return pa.DataFrameSchema(
        {
            c.name: pa.Column(
                c.dtype,
                checks=_checks(c),
                nullable=c.nullable,
                unique=c.unique,
                description=c.description,
            )
            for c in t.columns
        },
        name=t.name,
        strict=True,
        ordered=True,
        unique=list(t.primary_key) if len(t.primary_key) > 1 else None,
    )


def validate(df: pl.DataFrame, name: str) -> pl.DataFrame:
    """Validate an eager frame against its table schema, reporting every failure at once.

    ``lazy=True`` collects all failures instead of stopping at the first; on an eager frame pandera runs the
    value checks too (on a LazyFrame it would check only names and types).
    """
    try:
        return pandera_schema(name).validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        raise ContractError(_summarise(name, e)) from None
    except pa.errors.SchemaError as e:  # pragma: no cover - lazy=True raises SchemaErrors
        raise ContractError(f"table {name!r}: {e}") from None


def _rule(name: str, column: str | None, check: str | None, check_number: object) -> str:
    """Name the broken rule as schemas/<table>.yaml states it (pandera's own text lists whole enums)."""
    t = table(name)
    col = next((c for c in t.columns if c.name == column), None)
    if col is not None and isinstance(check_number, int) and check and "(" in check:
        kinds = list(col.checks.items())
        if 0 <= check_number < len(kinds):
            kind, arg = kinds[check_number]
            if kind == "isin":
                return f"isin {list(arg)[:8]}{' ...' if len(arg) > 8 else ''}"
            return kind if arg is True else f"{kind} {arg}"
    return str(check)


def _summarise(name: str, err: pa.errors.SchemaErrors, limit: int = 20) -> str:
    """Plain-words report: table, column, rule, and the failing rows (index and value)."""
    lines = [f"table {name!r} breaks its schema (schemas/{name}.yaml):"]
    fc = err.failure_cases
    try:
        rows = fc.to_dicts() if hasattr(fc, "to_dicts") else fc.to_dict("records")
    except Exception:  # pragma: no cover - defensive: fall back to pandera's own text
        return "\n".join([*lines, str(err)])
    for r in rows[:limit]:
        col = r.get("column")
        rule = _rule(name, col, r.get("check"), r.get("check_number"))
        idx = r.get("index")
        where = f"row {idx}" if idx is not None else "the column"
        lines.append(f"  - column {col or '(table)'!r}, rule {rule}: {where} has {r.get('failure_case')!r}")
    if len(rows) > limit:
        lines.append(f"  ... and {len(rows) - limit} more failures")
    return "\n".join(lines)


def check_relations(frames: dict[str, pl.DataFrame]) -> list[str]:
    """Cross-table rules: primary keys unique, foreign keys resolve, offsets inside the text they point into.

    Returns a list of plain-words violations (empty when the tables agree); tables absent from ``frames`` are
    skipped, so the same function checks one stage's output or the whole dataset.
    """
    problems: list[str] = []
    for name, df in frames.items():
        t = table(name)
        if t.primary_key:
            dup = df.group_by(list(t.primary_key)).len().filter(pl.col("len") > 1)
            if dup.height:
                problems.append(
                    f"{name}: primary key {list(t.primary_key)} not unique, e.g. {dup.row(0, named=True)}"
                )
        for fk in t.foreign_keys:
            ref = fk["reference"]
            if ref["table"] not in frames:
                continue
            cols, rcols = list(fk["fields"]), list(ref["fields"])
            child = df.select(cols).drop_nulls().unique()
            parent = frames[ref["table"]].select(rcols).unique()
            orphans = child.join(parent, left_on=cols, right_on=rcols, how="anti")
            if orphans.height:
                problems.append(
                    f"{name}: {orphans.height} value(s) of {cols} not found in "
                    f"{ref['table']}.{rcols}, e.g. {orphans.row(0, named=True)}"
                )
    if "articles" in frames:
        problems.extend(_offset_problems(frames))
    return problems


def _field_text() -> pl.Expr:
    """The string a row's offsets point into: the article text, or caption N for field "caption:N".

    Article columns come in renamed (``_atext``, ``_acaptions``): source_mentions has its own ``text``.
    """
    cap = pl.col("field").str.strip_prefix("caption:").cast(pl.Int64, strict=False)
    return (
        pl.when(pl.col("field") == "text")
        .then(pl.col("_atext"))
        .otherwise(pl.col("_acaptions").list.get(cap, null_on_oob=True))
    )


def _offset_problems(frames: dict[str, pl.DataFrame]) -> list[str]:
    out: list[str] = []
    arts = frames["articles"].select("article_id", _atext="text", _acaptions="captions")
    for name, key in (("claims", "claim_id"), ("source_mentions", "mention_id")):
        if name not in frames or frames[name].height == 0:
            continue
        df = frames[name].join(arts, on="article_id", how="inner").with_columns(_f=_field_text())
        df = df.with_columns(_n=pl.col("_f").str.len_chars())
        bad = df.filter(
            pl.col("_n").is_null()
            | (pl.col("char_start") < 0)
            | (pl.col("char_end") <= pl.col("char_start"))
            | (pl.col("char_end") > pl.col("_n"))
        )
        if bad.height:
            r = bad.row(0, named=True)
            out.append(
                f"{name}: {bad.height} row(s) with offsets outside their field, e.g. {key}={r[key]} "
                f"field={r['field']} [{r['char_start']}, {r['char_end']}) of {r['_n']} characters"
            )
        if name == "claims":
            mism = df.filter(
                pl.col("_f").str.slice(pl.col("sentence_start"), pl.col("sentence").str.len_chars())
                != pl.col("sentence")
            )
            if mism.height:
                out.append(
                    f"claims: {mism.height} row(s) whose sentence does not stand at sentence_start in the "
                    f"article, e.g. claim_id={mism['claim_id'][0]}"
                )
    return out


def datapackage(
    names: list[str],
    version: str,
    resources_path: str = "{name}.parquet",
    extra: dict | None = None,
) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the given tables, generated from the same YAML."""
    resources = []
    for n in names:
        t = table(n)
        fields = []
        for c in t.columns:
            f: dict[str, Any] = {
                "name": c.name,
                "type": FRICTIONLESS_TYPE[c.type],
                "description": c.description,
            }
            cons: dict[str, Any] = {}
            if not c.nullable:
                cons["required"] = True
            if c.unique:
                cons["unique"] = True
            for k, v in c.checks.items():
                if k == "isin":
                    cons["enum"] = list(v)
                elif k == "ge":
                    cons["minimum"] = v
                elif k == "le":
                    cons["maximum"] = v
                elif k == "str_matches":
                    cons["pattern"] = v
            if cons:
                f["constraints"] = cons
            fields.append(f)
        schema: dict[str, Any] = {"fields": fields}
        if t.primary_key:
            schema["primaryKey"] = list(t.primary_key)
        if t.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": list(fk["fields"]),
                    "reference": {
                        "resource": "" if fk["reference"]["table"] == n else fk["reference"]["table"],
                        "fields": list(fk["reference"]["fields"]),
                    },
                }
                for fk in t.foreign_keys
            ]
        resources.append(
            {
                "name": t.name,
                "title": t.title,
                "description": t.description,
                "path": resources_path.format(name=t.name),
                "format": resources_path.rsplit(".", 1)[-1],
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    pkg: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "newsclaims",
        "title": "newsclaims: claims, sources and framing in news coverage",
        "version": version,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (tables and demo corpus)",
            }
        ],
        "resources": resources,
    }
    if extra:
        pkg.update(extra)
    return pkg


def data_dictionary(names: list[str] | None = None) -> str:
    """Markdown data dictionary generated from the schemas (docs/data-dictionary.md)."""
    names = names or list(tables())
    out = [
        "# Data dictionary",
        "",
        "Generated by `newsclaims docs` from `schemas/*.yaml`; do not edit by hand.",
        "",
    ]
    for n in names:
        t = table(n)
        out += [f"## `{t.name}`: {t.title}", "", t.description, ""]
        if t.primary_key:
            out.append(f"Primary key: `{', '.join(t.primary_key)}`.")
        for fk in t.foreign_keys:
            ref = fk["reference"]
            out.append(
                f"Foreign key: `{', '.join(fk['fields'])}` -> `{ref['table']}.{', '.join(ref['fields'])}`."
            )
        out += ["", "| column | type | null | description | checks |", "|---|---|---|---|---|"]
        for c in t.columns:
            checks = "; ".join(f"{k}: {v}" for k, v in c.checks.items()).replace("|", "\\|")
            desc = c.description.replace("|", "\\|")
            null = "yes" if c.nullable else "no"
            uniq = " (unique)" if c.unique else ""
            out.append(f"| `{c.name}` | {c.type}{uniq} | {null} | {desc} | {checks} |")
        out.append("")
    return "\n".join(out)
