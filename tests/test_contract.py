"""The data contract: schemas build, generated docs agree, and broken rows are really caught and named."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
import yaml

from conftest import ROOT, newsclaims
from newsclaims import schema, validate

TABLES = ["articles", "claims", "source_mentions", "sources", "propositions", "quarantine"]


def test_every_published_table_has_a_schema_with_described_columns() -> None:
    for name in TABLES:
        t = schema.table(name)
        assert t.columns, name
        for c in t.columns:
            assert len(c.description) > 10, f"{name}.{c.name} needs a description"
        # an empty frame of the contract's shape is valid
        schema.validate(t.empty(), name)


def test_minimum_column_contract_of_issue_2() -> None:
    need = {
        "articles": "article_id path url outlet title published_at language text wire_credits "
        "syndication_group",
        "claims": "claim_id article_id claim_type value value_high qualifier entity entity_text source_id "
        "cue hedged claim_date sentence char_start char_end",
        "sources": "source_id name source_type country wikidata_qid aliases",
    }
    for name, cols in need.items():
        assert set(cols.split()) <= set(schema.table(name).column_names), name
    assert schema.table("articles").polars_schema["published_at"] == pl.Datetime("us", "UTC")
    assert schema.table("articles").polars_schema["wire_credits"] == pl.List(pl.String)


def test_data_dictionary_and_datapackage_come_from_the_schemas() -> None:
    doc = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert doc == schema.data_dictionary(), "docs/data-dictionary.md is stale: run `newsclaims docs`"
    pkg = schema.datapackage(TABLES, "0.0.0")
    by_name = {r["name"]: r for r in pkg["resources"]}
    for name in TABLES:
        fields = [f["name"] for f in by_name[name]["schema"]["fields"]]
        assert fields == schema.table(name).column_names
    claims_fk = by_name["claims"]["schema"]["foreignKeys"]
    assert {
        "fields": ["article_id"],
        "reference": {"resource": "articles", "fields": ["article_id"]},
    } in claims_fk


def test_schema_yaml_files_declare_only_known_types_and_checks() -> None:
    for p in sorted((ROOT / "schemas").glob("*.yaml")):
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
        assert raw["name"] == p.stem
        schema.pandera_schema(raw["name"])  # raises on an unknown type or check


def test_published_tables_pass_every_rule(demo_dataset: Path) -> None:
    proc = newsclaims("validate", str(demo_dataset))
    assert "ok:" in proc.stdout


@pytest.fixture()
def corrupted(demo_dataset: Path, tmp_path: Path) -> Path:
    for n in TABLES:
        shutil.copy(demo_dataset / f"{n}.parquet", tmp_path / f"{n}.parquet")
    claims = pl.read_parquet(tmp_path / "claims.parquet")
    assert claims.height >= 2, "the demo corpus must give claims"
    claims = (
        claims.with_row_index("_i")
        .with_columns(
            article_id=pl.when(pl.col("_i") == 0).then(pl.lit("a0000000000000000")).otherwise("article_id"),
            char_start=pl.when(pl.col("_i") == 1).then(pl.lit(-5, pl.Int64)).otherwise("char_start"),
        )
        .drop("_i")
    )
    claims.write_parquet(tmp_path / "claims.parquet")
    arts = pl.read_parquet(tmp_path / "articles.parquet").with_row_index("_i")
    arts = arts.with_columns(
        language=pl.when(pl.col("_i") == 2).then(pl.lit("xx")).otherwise("language")
    ).drop("_i")
    arts.write_parquet(tmp_path / "articles.parquet")
    return tmp_path


def test_corrupted_rows_fail_validation_naming_table_row_and_rule(corrupted: Path) -> None:
    proc = newsclaims("validate", str(corrupted), check=False)
    assert proc.returncode == 1, proc.stderr
    err = proc.stderr
    assert "table 'articles'" in err and "'language'" in err and "iso639_1" in err and "row 2" in err
    assert "'xx'" in err
    assert "table 'claims'" in err and "'char_start'" in err and "row 1" in err and "-5" in err
    assert "claims: 1 value(s) of ['article_id'] not found in articles" in err
    assert "Traceback" not in err


def test_validate_stage_moves_bad_rows_to_quarantine_and_strict_fails(
    demo_dataset: Path, tmp_path: Path
) -> None:
    inter = demo_dataset / "interim"
    for d in ("parse", "extract", "align"):
        shutil.copytree(inter / d, tmp_path / d)
    claims = pl.read_parquet(tmp_path / "align" / "claims.parquet")
    victim = claims["claim_id"][0]
    claims.with_columns(
        char_start=pl.when(pl.col("claim_id") == victim).then(pl.lit(-1, pl.Int64)).otherwise("char_start")
    ).write_parquet(tmp_path / "align" / "claims.parquet")
    args = [
        "validate",
        "--parse",
        str(tmp_path / "parse"),
        "--extract",
        str(tmp_path / "extract"),
        "--align",
        str(tmp_path / "align"),
        "--out",
        str(tmp_path / "out"),
    ]
    newsclaims(*args)
    q = pl.read_parquet(tmp_path / "out" / "quarantine.parquet")
    row = q.filter(pl.col("record_id") == victim)
    assert row.height == 1 and row["reason"][0] == "invalid_row" and row["stage"][0] == "validate"
    assert "char_start" in row["detail"][0]
    published = pl.read_parquet(tmp_path / "out" / "claims.parquet")
    assert victim not in published["claim_id"].to_list()
    assert published.height == claims.height - 1

    strict = tmp_path / "strict.yaml"
    strict.write_text("validate:\n  strict: true\n")
    proc = newsclaims(*args, "--params", str(strict), check=False)
    assert proc.returncode == 2
    assert "strict mode" in proc.stderr and "Traceback" not in proc.stderr


def test_quarantine_ids_are_stable() -> None:
    a = validate.quarantine_id("parse", "demo/bad/empty.txt", None, "empty_file")
    b = validate.quarantine_id("parse", "demo/bad/empty.txt", None, "empty_file")
    c = validate.quarantine_id("parse", "demo/bad/empty.txt", None, "binary_file")
    assert a == b != c and a.startswith("q") and len(a) == 17
