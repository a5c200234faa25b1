"""Command line: the thin I/O shell around the stage cores.

One command per pipeline stage (the same word as the DVC stage, the module and the ``params.yaml`` section).
Commands read inputs, call the pure stage functions, validate and write. Bad input never ends in a bare
traceback: :class:`UserError` and contract errors are printed as plain words with what to do, exit code 2.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newsclaims.version import __version__

PARAMS_OPTION = click.option(
    "--params",
    "params_path",
    type=click.Path(path_type=Path),
    default=Path("params.yaml"),
    show_default=True,
    help="Parameters file (its stage section is used; defaults apply where it is silent or missing).",
)


class UserError(click.ClickException):
    """An error the user can fix (bad input, missing file): printed without a traceback, exit code 2."""

    exit_code = 2


def friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures (missing files, contract violations, bad params) into plain messages."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from newsclaims.schema import ContractError

        try:
            return fn(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ContractError as e:
            raise UserError(str(e)) from None
        except FileNotFoundError as e:
            raise UserError(f"{e}") from None
        except ValueError as e:
            raise UserError(f"{e}") from None

    return wrapper


def log(msg: str) -> None:
    """Progress goes to stderr so stdout stays clean for data (cite, evaluate tables)."""
    click.echo(f"[newsclaims {time.strftime('%H:%M:%S')}] {msg}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsclaims")
def app() -> None:
    """newsclaims: numeric and dated claims in news articles, their sources and framing.

    Pipeline stages (run all with `dvc repro`, or `newsclaims run` on any folder):
    parse -> extract -> align -> validate -> analyze -> evaluate -> report -> release.
    """


# Convention: each stage has a plain shell function ``do_<stage>(...)`` (reads, calls the pure core,
# validates, writes) and a click command that only parses arguments and calls it. ``run`` chains the
# ``do_*`` functions. Stage folders: parse/ (articles, quarantine), extract/ (claims, source_mentions,
# sources, quarantine), align/ (claims with proposition_id, propositions), processed/ (the six published
# tables + datapackage.json), processed/analyze/ (metric tables).


# ====================================================================== ingestion: parse, collect (issue 4)


def do_parse(input_dir: Path, manifest: Path | None, out: Path, params_path: Path) -> None:
    raise UserError("parse is not built yet")


@app.command("parse")
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="CSV with a path column (relative to INPUT_DIR) and optional url, outlet, published, "
                   "language, synthetic, fetched_at, format.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@PARAMS_OPTION
@friendly
def parse_cmd(input_dir: Path, manifest: Path | None, out: Path, params_path: Path) -> None:
    """Parse HTML pages, text scrapes and WARC files into the articles and quarantine tables."""
    do_parse(input_dir, manifest, out, params_path)


# ============================================================ extraction: extract, evaluate (issue 5)


def do_extract(parse_dir: Path, out: Path, params_path: Path) -> None:
    raise UserError("extract is not built yet")


@app.command("extract")
@click.argument("parse_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@PARAMS_OPTION
@friendly
def extract_cmd(parse_dir: Path, out: Path, params_path: Path) -> None:
    """Find quantity and time claims, their sources and framing, in parsed articles."""
    do_extract(parse_dir, out, params_path)


# ============================================================ consistency: align, analyze, report (issue 6)


def do_align(parse_dir: Path, extract_dir: Path, out: Path, params_path: Path) -> None:
    raise UserError("align is not built yet")


@app.command("align")
@click.option("--parse", "parse_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              required=True)
@click.option("--extract", "extract_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@PARAMS_OPTION
@friendly
def align_cmd(parse_dir: Path, extract_dir: Path, out: Path, params_path: Path) -> None:
    """Link claims that state the same proposition across articles, outlets and languages."""
    do_align(parse_dir, extract_dir, out, params_path)


def do_analyze(data_dir: Path, out: Path, params_path: Path, metrics: Path | None) -> None:
    raise UserError("analyze is not built yet")


@app.command("analyze")
@click.argument("data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@click.option("--metrics", type=click.Path(path_type=Path), default=None, help="Summary metrics JSON.")
@PARAMS_OPTION
@friendly
def analyze_cmd(data_dir: Path, out: Path, params_path: Path, metrics: Path | None) -> None:
    """Consistency metrics per proposition, outlet and source."""
    do_analyze(data_dir, out, params_path, metrics)


# ================================================== foundation: validate, release, cite, docs, run (issue 2)


def main() -> None:
    app(prog_name="newsclaims")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
