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
    """Parse every input under INPUT_DIR in batches; write articles and quarantine (issue 4).

    Pass 1 parses batch by batch into a temporary Parquet file while ``parse.Linker`` keeps only compact
    keys and MinHash signatures; pass 2 joins the links (versions, syndicated copies) and streams the table.
    """
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsclaims import io, parse
    from newsclaims import manifest as mf
    from newsclaims.params import section

    params = section(parse.Params, "parse", params_path)
    if manifest is not None and not manifest.is_file():
        raise UserError(f"manifest {manifest} does not exist; pass an existing CSV or leave --manifest out")
    try:
        units, qrows = mf.plan(input_dir, manifest)
    except (ValueError, UnicodeDecodeError) as e:
        raise UserError(str(e)) from None
    log(f"parse: {len(units)} input files under {input_dir}, {len(qrows)} manifest problems")
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / ".articles.partial.parquet"
    writer: pq.ParquetWriter | None = None
    linker = parse.Linker(params)
    qschema = parse.schema.table("quarantine").polars_schema
    quarantine: list[pl.DataFrame] = [pl.DataFrame(qrows, schema=qschema)]
    collected_q = input_dir / "quarantine.parquet"
    if collected_q.is_file():  # a `collect` folder: its failed URLs belong in the dataset's quarantine
        quarantine.append(io.read_table(collected_q, "quarantine"))
    n_done = 0
    pool = parse.use_system_arrow_pool()  # mimalloc kept freed Arrow buffers: RSS grew with N
    try:
        for batch, read_q in parse.iter_batches(input_dir, units, params):
            arts, q, sg = parse.parse_batch(batch, params)
            arts, dup_q = linker.add(arts, sg)
            quarantine += [pl.DataFrame(read_q, schema=qschema), q, dup_q]
            tbl = arts.drop("text_hash").to_arrow(compat_level=pl.CompatLevel.oldest())
            if writer is None:
                writer = pq.ParquetWriter(tmp, tbl.schema)
            writer.write_table(tbl)
            n_done += batch.height
            log(f"parse: {n_done} units read, {len(linker.seen)} articles so far")
        if writer is not None:
            writer.close()
        links = linker.links()
        with io.TableWriter(out / "articles.parquet", "articles") as w:
            if writer is not None:
                for df in parse.iter_parquet(tmp, params.batch_size):
                    df = df.drop("version", "syndication_group", "syndication_origin")
                    w.write(df.join(links, on="article_id", how="left", maintain_order="left"))
        qdf = pl.concat(quarantine).sort(["path", "record_id", "reason"], nulls_last=True)
        io.write_table(qdf, out / "quarantine.parquet")
    finally:
        tmp.unlink(missing_ok=True)
        pa.set_memory_pool(pool)
    log(f"parse: wrote {w.rows} articles and {qdf.height} quarantine rows to {out}")


@app.command("parse")
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV with a path column (relative to INPUT_DIR) and optional url, outlet, published, "
    "language, synthetic, fetched_at, format.",
)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@PARAMS_OPTION
@friendly
def parse_cmd(input_dir: Path, manifest: Path | None, out: Path, params_path: Path) -> None:
    """Parse HTML pages, text scrapes and WARC files into the articles and quarantine tables."""
    do_parse(input_dir, manifest, out, params_path)


def do_collect(manifest: Path, out: Path, params_path: Path) -> None:
    """Fetch a URL list politely into content-addressed snapshots under OUT (resumable)."""
    import polars as pl

    from newsclaims import collect, io
    from newsclaims.params import section
    from newsclaims.schema import table

    params = section(collect.Params, "collect", params_path)
    try:
        qrows = collect.collect(manifest, out, params, log=log)
    except (ValueError, UnicodeDecodeError) as e:
        raise UserError(str(e)) from None
    io.write_table(pl.DataFrame(qrows, schema=table("quarantine").polars_schema), out / "quarantine.parquet")
    done = collect.read_index(out)
    ok = sum(1 for d in done.values() if d.get("status") == "ok")
    log(f"collect: {ok} URLs stored in {out}, {len(qrows)} failed (see {out / 'quarantine.parquet'}); "
        f"next: newsclaims parse {out} --manifest {out / 'manifest.csv'} --out DIR")  # fmt: skip


@app.command("collect")
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Snapshot folder (e.g. data/raw/collected); a second run resumes there.",
)
@PARAMS_OPTION
@friendly
def collect_cmd(manifest: Path, out: Path, params_path: Path) -> None:
    """Fetch the URLs of MANIFEST (CSV with a url column) politely: robots.txt, delays, retries, size cap."""
    do_collect(manifest, out, params_path)


# ============================================================ extraction: extract, evaluate (issue 5)


def do_extract(parse_dir: Path, out: Path, params_path: Path) -> None:
    """Read parse/articles.parquet in batches, extract claims, write claims, source_mentions, sources."""
    import polars as pl
    import pyarrow.parquet as pq

    from newsclaims import extract as ex
    from newsclaims import io
    from newsclaims import schema as sch
    from newsclaims.lexicon_lang import available_languages
    from newsclaims.params import section

    params = section(ex.Params, "extract", params_path)
    src = Path(parse_dir) / "articles.parquet"
    if not src.is_file():
        raise UserError(f"{src} does not exist: run `newsclaims parse INPUT --out {parse_dir}` first")
    pf = pq.ParquetFile(src)
    cols = [c for c in [*ex.ARTICLE_COLUMNS, "fetched_at"] if c in pf.schema_arrow.names]
    missing = [c for c in ex.ARTICLE_COLUMNS if c not in cols]
    if missing:
        raise UserError(f"{src} lacks columns {missing}: it is not an articles table of `newsclaims parse`")
    keys = pl.read_parquet(src, columns=["article_id", "language"])
    ids = keys["article_id"]
    langs = keys["language"].fill_null(ex.FALLBACK_LANGUAGE)
    known = langs.is_in(available_languages())  # vectorised: has_lexicon per row would be a Python call
    skipped = langs.filter(~known).value_counts().sort(["count", "language"], descending=[True, False])
    if skipped.height:
        log(
            f"extract: {skipped['count'].sum()} articles in languages without a lexicon get no claims ("
            + ", ".join(f"{r['language']} {r['count']}" for r in skipped.iter_rows(named=True))
            + "); add src/newsclaims/lexicon/lang/<code>.yaml to read them"
        )
    # Output order must not depend on batching: stream when the file is already in article_id order,
    # otherwise sort in memory (parse writes in path order; one article is ~4 KB, 10^6 fit in RAM).
    if ids.is_sorted():
        batches = (pl.from_arrow(b) for b in pf.iter_batches(batch_size=params.batch_size * 8, columns=cols))
    else:
        batches = iter([pl.read_parquet(src, columns=cols).sort("article_id")])
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sources: list[pl.DataFrame] = []
    n_art = 0
    with (
        io.TableWriter(out / "claims.parquet", "claims") as wc,
        io.TableWriter(out / "source_mentions.parquet", "source_mentions") as wm,
    ):
        for batch in batches:
            for k in range(0, batch.height, params.batch_size * 8):
                part = batch.slice(k, params.batch_size * 8)
                c, m, s = ex.extract_parallel(part, params)
                wc.write(c)
                wm.write(m)
                sources.append(s)
                n_art += part.height
                log(f"extract: {n_art} articles, {wc.rows} claims so far")
    allsrc = (
        pl.concat(sources).unique("source_id").sort("source_id") if sources else sch.table("sources").empty()
    )
    io.write_table(allsrc, out / "sources.parquet", "sources")
    io.write_table(sch.table("quarantine").empty(), out / "quarantine.parquet", "quarantine")
    log(f"extract: wrote {wc.rows} claims, {wm.rows} source mentions, {allsrc.height} sources to {out}")


@app.command("extract")
@click.argument("parse_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@PARAMS_OPTION
@friendly
def extract_cmd(parse_dir: Path, out: Path, params_path: Path) -> None:
    """Find quantity and time claims, their sources and framing, in parsed articles."""
    do_extract(parse_dir, out, params_path)


def do_evaluate(
    gold: Path, pred: Path, articles: Path | None, json_out: Path | None, errors: Path | None
) -> dict:
    """Score PRED (claims + sources, articles from --articles, PRED or PRED/../parse) against GOLD."""
    import polars as pl

    from newsclaims import evaluate as ev
    from newsclaims import io

    def find_articles() -> Path:
        cands = [articles] if articles else [pred, pred.parent / "parse", pred.parent / "interim" / "parse"]
        for c in cands:
            if c is None:
                continue
            f = c if c.suffix == ".parquet" else c / "articles.parquet"
            if f.is_file():
                return f
        raise UserError(
            f"no articles.parquet in {pred} or next to it: pass the parse output with --articles DIR"
        )

    for name in ("claims", "sources"):
        if not (pred / f"{name}.parquet").is_file():
            raise UserError(f"{pred}/{name}.parquet does not exist: run `newsclaims extract` into {pred}")
    try:
        gold_lines = ev.load_gold(gold)
    except ev.GoldError as e:
        raise UserError(str(e)) from None
    arts = pl.read_parquet(find_articles(), columns=["article_id", "path", "url", "language"])
    claims = io.read_table(pred / "claims.parquet", "claims", validate=False)
    sources = io.read_table(pred / "sources.parquet", "sources", validate=False)
    try:
        metrics, notes = ev.evaluate(gold_lines, arts, claims, sources)
    except ev.GoldError as e:
        raise UserError(str(e)) from None
    click.echo(ev.format_table(metrics))
    unmatched = [n for n in notes if "no parsed article" in n]
    for n in unmatched:
        log(f"evaluate: {n}")
    if errors:
        errors.parent.mkdir(parents=True, exist_ok=True)
        errors.write_text("\n".join(notes) + "\n", encoding="utf-8")
        log(f"evaluate: {len(notes)} disagreements written to {errors}")
    if json_out:
        io.write_json({"gold": str(gold), "extract": metrics}, json_out)
    return metrics


@app.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--pred",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="Folder with claims.parquet and sources.parquet (an extract output or data/processed).",
)
@click.option(
    "--articles",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="articles.parquet or its folder (default: PRED, then PRED/../parse).",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the metrics as JSON (for `dvc metrics`).",
)
@click.option(
    "--errors",
    type=click.Path(path_type=Path),
    default=None,
    help="Write every missed, extra and disagreeing claim to this text file.",
)
@friendly
def evaluate_cmd(
    gold: Path, pred: Path, articles: Path | None, json_out: Path | None, errors: Path | None
) -> None:
    """Precision/recall of claims and accuracy of entity, source, qualifier, hedged, date vs GOLD (JSONL)."""
    do_evaluate(gold, pred, articles, json_out, errors)


# ============================================================ consistency: align, analyze, report (issue 6)


def do_align(parse_dir: Path, extract_dir: Path, out: Path, params_path: Path) -> None:
    """Read articles, claims and sources; link claims into propositions; write claims + propositions."""
    from newsclaims import align, io, params

    p = params.section(align.Params, "align", params_path)
    need = {
        "articles": parse_dir / "articles.parquet",
        "claims": extract_dir / "claims.parquet",
        "sources": extract_dir / "sources.parquet",
    }
    for name, path in need.items():
        if not path.is_file():
            stage = "parse" if name == "articles" else "extract"
            raise UserError(f"{path} is missing: run `newsclaims {stage}` first (align needs {name})")
    articles = io.read_table(need["articles"], "articles")
    claims = io.read_table(need["claims"], "claims")
    sources = io.read_table(need["sources"], "sources")
    log(f"align: {claims.height} claims of {articles.height} articles")
    res = align.align(claims, articles, sources, p)
    out.mkdir(parents=True, exist_ok=True)
    io.write_table(res.claims, out / "claims.parquet", "claims")
    io.write_table(res.propositions, out / "propositions.parquet", "propositions")
    io.write_json(res.metrics, out / "metrics.json")
    log(
        f"align: {res.propositions.height} propositions, "
        f"{res.metrics['propositions_multi_report']} reported independently more than once"
    )


@app.command("align")
@click.option(
    "--parse",
    "parse_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
)
@click.option(
    "--extract",
    "extract_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@PARAMS_OPTION
@friendly
def align_cmd(parse_dir: Path, extract_dir: Path, out: Path, params_path: Path) -> None:
    """Link claims that state the same proposition across articles, outlets and languages."""
    do_align(parse_dir, extract_dir, out, params_path)


ANALYZE_TABLES = ("proposition_metrics", "proposition_values", "outlet_metrics", "source_metrics")


def do_analyze(
    data_dir: Path,
    out: Path,
    params_path: Path,
    metrics: Path | None,
    plots: Path | None = None,
) -> None:
    """Read the published tables, compute the consistency metrics, write tables, metrics and plot data."""
    from newsclaims import analyze, io, params

    p = params.section(analyze.Params, "analyze", params_path)
    frames = {}
    for name in ("claims", "articles", "sources", "propositions"):
        path = data_dir / f"{name}.parquet"
        if not path.is_file():
            raise UserError(
                f"{path} is missing: analyze reads the published tables; run `newsclaims validate` "
                "(or `dvc repro validate`) first"
            )
        frames[name] = io.read_table(path, name)
    res = analyze.analyze(frames["claims"], frames["articles"], frames["sources"], frames["propositions"], p)
    out.mkdir(parents=True, exist_ok=True)
    for name in ANALYZE_TABLES:
        io.write_table(getattr(res, name), out / f"{name}.parquet", name)
    if metrics:
        io.write_json(res.summary, metrics)
    if plots:
        plots.parent.mkdir(parents=True, exist_ok=True)
        res.values_by_outlet.write_csv(plots)
    log(
        f"analyze: {res.summary['propositions_compared']} propositions compared, "
        f"{res.summary['propositions_with_deviation']} with a deviating report, "
        f"{res.summary['deviating_claims']} deviating claims"
    )


@app.command("analyze")
@click.argument("data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@click.option("--metrics", type=click.Path(path_type=Path), default=None, help="Summary metrics JSON.")
@click.option(
    "--plots",
    type=click.Path(path_type=Path),
    default=None,
    help="CSV of reported values by outlet and date (for `dvc plots`).",
)
@PARAMS_OPTION
@friendly
def analyze_cmd(
    data_dir: Path, out: Path, params_path: Path, metrics: Path | None, plots: Path | None
) -> None:
    """Consistency metrics per proposition, outlet and source (docs/metrics.md defines each one)."""
    do_analyze(data_dir, out, params_path, metrics, plots)


def do_report(data_dir: Path, out: Path, notebooks_dir: Path, params_path: Path) -> None:
    """Execute every notebook headless on the dataset; write executed .ipynb, HTML and figures."""
    from newsclaims import params, report

    p = params.section(report.Params, "report", params_path)
    nbs = sorted(notebooks_dir.glob("[0-9][0-9]-*.ipynb"))
    if not nbs:
        raise UserError(f"no notebooks (NN-topic.ipynb) in {notebooks_dir}")
    if not (data_dir / "claims.parquet").is_file():
        raise UserError(f"{data_dir}/claims.parquet is missing: build the dataset first (dvc repro)")
    for nb in nbs:
        log(f"report: executing {nb.name}")
        report.run_notebook(nb, data_dir, out, p)
    log(f"report: {len(nbs)} notebooks in {out}/notebooks, figures in {out}/figures")


@app.command("report")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("data/processed"),
    show_default=True,
    help="Dataset folder (published tables).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Reports folder (notebooks/ and figures/ are written below it).",
)
@click.option(
    "--notebooks",
    "notebooks_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("notebooks"),
    show_default=True,
    help="Folder of NN-topic.ipynb notebooks.",
)
@PARAMS_OPTION
@friendly
def report_cmd(data_dir: Path, out: Path, notebooks_dir: Path, params_path: Path) -> None:
    """Execute the analysis notebooks headless into executed notebooks, HTML and figures."""
    do_report(data_dir, out, notebooks_dir, params_path)


# ================================================== foundation: validate, release, cite, docs, run (issue 2)


def _read_dir(d: Path, names: tuple[str, ...]) -> dict[str, Any]:
    from newsclaims import io

    return {
        n: io.read_table(d / f"{n}.parquet", validate=False) for n in names if (d / f"{n}.parquet").is_file()
    }


def do_validate(
    parse_dir: Path,
    extract_dir: Path,
    align_dir: Path,
    out: Path,
    params_path: Path,
    metrics: Path | None,
) -> None:
    """Assemble the six published tables from the stage folders, quarantine bad rows, validate, write."""
    import json

    from newsclaims import io, params, schema, validate
    from newsclaims.version import __version__

    p = params.section(validate.Params, "validate", params_path)
    stage: dict[str, Any] = {}
    quarantines = []
    for d, names in (
        (parse_dir, ("articles", "quarantine")),
        (extract_dir, ("claims", "source_mentions", "sources", "quarantine")),
        (align_dir, ("claims", "propositions", "quarantine")),
    ):
        for n, df in _read_dir(d, names).items():
            if n == "quarantine":
                quarantines.append(df)
            else:
                stage[n] = df  # align's claims (with proposition ids) replace extract's
    if "articles" not in stage:
        raise UserError(f"{parse_dir}/articles.parquet is missing: run `newsclaims parse` first")
    res = validate.assemble(stage, quarantines, p)
    out.mkdir(parents=True, exist_ok=True)
    for n, df in res.tables.items():
        io.write_table(df, out / f"{n}.parquet", n)
    pkg = schema.datapackage(list(validate.PUBLISHED_TABLES), __version__)
    (out / "datapackage.json").write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", "utf-8")
    if metrics:
        io.write_json(res.metrics, metrics)
    log(
        "validate: "
        + ", ".join(f"{n} {res.tables[n].height}" for n in validate.PUBLISHED_TABLES)
        + f"; {res.metrics['invalid_rows']} invalid rows quarantined"
    )
    nq = res.tables["quarantine"].height
    if p.strict and nq:
        reasons = res.metrics["quarantine_by_reason"]
        raise UserError(
            f"strict mode: {nq} quarantined inputs or rows ({reasons}); see {out}/quarantine.parquet. "
            "Fix the inputs, or set validate.strict: false in params.yaml to publish without them."
        )


@app.command("validate")
@click.argument("tables_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--parse",
    "parse_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="parse stage folder (articles, quarantine).",
)
@click.option(
    "--extract",
    "extract_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="extract stage folder (claims, source_mentions, sources, quarantine).",
)
@click.option(
    "--align",
    "align_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="align stage folder (claims with proposition ids, propositions).",
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Folder for the published tables.")
@click.option("--metrics", type=click.Path(path_type=Path), default=None, help="Validation counts JSON.")
@PARAMS_OPTION
@friendly
def validate_cmd(
    tables_dir: Path | None,
    parse_dir: Path | None,
    extract_dir: Path | None,
    align_dir: Path | None,
    out: Path | None,
    metrics: Path | None,
    params_path: Path,
) -> None:
    """Check tables against schemas/ (TABLES_DIR), or assemble and publish them from the stage folders.

    With TABLES_DIR: every schema rule and cross-table rule is checked on the tables found there; all
    failures are listed (table, row, rule) and the exit code is 1 when any rule is broken.
    """
    from newsclaims import validate

    if tables_dir is not None:
        tables = _read_dir(tables_dir, validate.PUBLISHED_TABLES)
        if not tables:
            raise UserError(f"no tables (*.parquet named after schemas/) in {tables_dir}")
        problems = validate.check_tables(tables)
        if problems:
            click.echo("\n".join(problems), err=True)
            raise click.exceptions.Exit(1)
        click.echo(f"ok: {', '.join(f'{n} ({df.height} rows)' for n, df in tables.items())} valid")
        return
    if not (parse_dir and extract_dir and align_dir and out):
        raise UserError(
            "give TABLES_DIR to check tables, or --parse, --extract, --align and --out to publish"
        )
    do_validate(parse_dir, extract_dir, align_dir, out, params_path, metrics)


@app.command("release")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("data/processed"),
    show_default=True,
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("data/release"), show_default=True)
@PARAMS_OPTION
@friendly
def release_cmd(data_dir: Path, out: Path, params_path: Path) -> None:
    """Write the release bundle: tables (Parquet, CSV), datapackage.json, croissant.json, card, SHA256SUMS."""
    from newsclaims import params, release

    info = release.build_bundle(data_dir, out, params.section(release.Params, "release", params_path))
    n = len(info["files"])
    log(f"release {info['version']}: {n} files in {out}, fingerprint {info['fingerprint'][:16]}")


@app.command("cite")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["bibtex", "apa", "cff"]),
    default="bibtex",
    show_default=True,
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=Path("data/processed"),
    show_default=True,
    help="Processed tables whose content fingerprint the citation names.",
)
@friendly
def cite_cmd(fmt: str, data_dir: Path) -> None:
    """Print a citation naming the dataset version, the git commit and the tables' content fingerprint."""
    from newsclaims import release

    fp = release.fingerprint(data_dir)
    click.echo(release.citation(fmt, fp, release.git_commit(), release.citation_meta()), nl=False)


@app.command("docs")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("docs/data-dictionary.md"),
    show_default=True,
)
@click.option("--check", is_flag=True, help="Exit 1 when the file on disk differs from the schemas.")
@friendly
def docs_cmd(out: Path, check: bool) -> None:
    """Generate the data dictionary from schemas/ (one definition per column, documented once)."""
    from newsclaims import schema

    text = schema.data_dictionary()
    if check:
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            click.echo(f"{out} is out of date: run `newsclaims docs`", err=True)
            raise click.exceptions.Exit(1)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    log(f"wrote {out}")


@app.command("run")
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the tables (Parquet); stage folders go to OUT/interim/.",
)
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV with a path column (relative to INPUT_DIR) and optional url, outlet, published, "
    "language, synthetic.",
)
@click.option(
    "--analyze/--no-analyze",
    default=True,
    show_default=True,
    help="Also compute the consistency metrics into OUT/analyze/.",
)
@PARAMS_OPTION
@friendly
def run_cmd(input_dir: Path, out: Path, manifest: Path | None, analyze: bool, params_path: Path) -> None:
    """Run parse, extract, align, validate (and analyze) on any folder of collected articles.

    Writes the same tables as the DVC pipeline (articles, claims, source_mentions, sources, propositions,
    quarantine) into OUT, validated; every input file ends up in articles or quarantine.
    """
    inter = out / "interim"
    do_parse(input_dir, manifest, inter / "parse", params_path)
    do_extract(inter / "parse", inter / "extract", params_path)
    do_align(inter / "parse", inter / "extract", inter / "align", params_path)
    do_validate(inter / "parse", inter / "extract", inter / "align", out, params_path, None)
    if analyze:
        do_analyze(out, out / "analyze", params_path, None)
    log(f"done: tables in {out}")


def main() -> None:
    app(prog_name="newsclaims")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
