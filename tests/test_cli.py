"""The command line speaks plain words: every stage is listed, bad input never ends in a traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import RAW, newsclaims

STAGES = ["parse", "collect", "extract", "align", "validate", "analyze", "evaluate", "report", "release"]


def test_help_lists_every_command() -> None:
    out = newsclaims("--help").stdout
    for cmd in [*STAGES, "run", "cite", "docs"]:
        assert f"  {cmd} " in out, cmd


def test_missing_input_folder_is_a_plain_error(tmp_path: Path) -> None:
    proc = newsclaims("run", str(tmp_path / "nope"), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_params_key_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "params.yaml"
    bad.write_text("validate:\n  strickt: true\n")
    proc = newsclaims(
        "run", str(RAW / "seed"), "--out", str(tmp_path / "out"), "--params", str(bad), check=False
    )
    assert proc.returncode == 2
    assert "strickt" in proc.stderr and "Traceback" not in proc.stderr


def test_validate_without_arguments_says_what_to_give() -> None:
    proc = newsclaims("validate", check=False)
    assert proc.returncode == 2 and "TABLES_DIR" in proc.stderr
