"""The release stage and citation: a bundle a data repository (Zenodo, Dataverse, OSF) accepts, and the
citation that names exactly which tables a paper used.

Everything here is derived from committed metadata (version.py, CITATION.cff, schemas/) and the processed
tables, never from the clock or the machine, so the bundle is byte-identical on every rebuild. The git commit
is printed by ``newsclaims cite`` but kept out of the bundle: the same data from a later commit must not
change the release files.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from newsclaims import schema
from newsclaims.paths import repo_root
from newsclaims.version import __version__

DATA_LICENSE = "CC-BY-4.0"
DATA_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "newsclaims: numeric claims, their sources and framing in news coverage"
CROISSANT_TYPES = {
    "string": "sc:Text",
    "int64": "sc:Integer",
    "int32": "sc:Integer",
    "float64": "sc:Float",
    "bool": "sc:Boolean",
    "date": "sc:Date",
    "datetime": "sc:DateTime",
    "list[string]": "sc:Text",
}


@dataclass(frozen=True)
class Params:
    # Tables published in the bundle, in this order.
    tables: tuple[str, ...] = (
        "articles",
        "claims",
        "source_mentions",
        "sources",
        "propositions",
        "quarantine",
    )
    # Also write each table as CSV (list columns JSON-encoded) for tools without Parquet support.
    csv: bool = True


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fingerprint(data_dir: Path, tables: tuple[str, ...] = Params.tables) -> str:
    """Content fingerprint of the processed tables: sha256 over "name sha256" lines, in table order.

    Two builds with the same fingerprint hold the same bytes, so a paper citing it names its data exactly.
    """
    lines = []
    for name in tables:
        p = Path(data_dir) / f"{name}.parquet"
        if not p.is_file():
            raise FileNotFoundError(f"{p} is missing: build the dataset first (make reproduce)")
        lines.append(f"{name} {sha256_file(p)}\n")
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def citation_meta(cff_path: Path | None = None) -> dict[str, Any]:
    """CITATION.cff as a dict (authors, date-released, ...); the version always comes from version.py."""
    root = repo_root()
    p = cff_path or (root / "CITATION.cff" if root else None)
    meta: dict[str, Any] = {}
    if p and Path(p).is_file():
        meta = yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {}
    meta["version"] = __version__
    return meta


def git_commit() -> str:
    root = repo_root()
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _authors(meta: dict[str, Any]) -> list[str]:
    out = []
    for a in meta.get("authors", []):
        if "name" in a:
            out.append(a["name"])
        else:
            out.append(f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", "))
    return out or ["newsclaims contributors"]


def citation(fmt: str, fp: str, commit: str, meta: dict[str, Any]) -> str:
    """A citation naming version, commit and fingerprint, as BibTeX, APA or CFF."""
    version = meta["version"]
    year = str(meta.get("date-released", ""))[:4] or "2026"
    authors = _authors(meta)
    url = meta.get("repository-code") or meta.get("url") or ""
    title = meta.get("title", TITLE)
    if fmt == "bibtex":
        key = "newsclaims_" + version.replace(".", "_")
        fields = [
            ("author", " and ".join("{" + a + "}" if "," not in a else a for a in authors)),
            ("title", "{" + title + "}"),
            ("year", year),
            ("version", version),
            ("howpublished", "Dataset"),
            ("note", f"Version {version}, git commit {commit}, data fingerprint sha256:{fp}"),
        ]
        if url:
            fields.append(("url", url))
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        return f"@misc{{{key},\n{body}\n}}\n"
    if fmt == "apa":
        who = ", ".join(authors)
        tail = f" {url}" if url else ""
        return (
            f"{who} ({year}). {title} (Version {version}) [Data set]. "
            f"Git commit {commit}; data fingerprint sha256:{fp}.{tail}\n"
        )
    if fmt == "cff":
        m = dict(meta)
        m["commit"] = commit
        m.setdefault("identifiers", [])
        m["identifiers"] = [i for i in m["identifiers"] if i.get("description") != "data fingerprint"]
        m["identifiers"].append({"type": "other", "value": f"sha256:{fp}", "description": "data fingerprint"})
        return yaml.safe_dump(m, sort_keys=False, allow_unicode=True)
    raise ValueError(f"unknown citation format {fmt!r}: use bibtex, apa or cff")


def _csv(df: pl.DataFrame, path: Path) -> None:
    """CSV copy: list columns as JSON arrays, datetimes as ISO 8601 UTC with Z."""
    out = df.with_columns(
        [
            pl.col(c).map_elements(lambda v: json.dumps(list(v), ensure_ascii=False), return_dtype=pl.String)
            for c, dt in df.schema.items()
            if isinstance(dt, pl.List)
        ]
        + [
            pl.col(c).dt.strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
            for c, dt in df.schema.items()
            if isinstance(dt, pl.Datetime)
        ]
    )
    out.write_csv(path)


def croissant(
    names: tuple[str, ...], files: dict[str, tuple[str, str]], meta: dict[str, Any], fp: str
) -> dict[str, Any]:
    """Croissant 1.0 JSON-LD: the bundle's Parquet files and one record set per table, from the schemas."""
    ctx = {
        "@language": "en",
        "@vocab": "https://schema.org/",
        "citeAs": "cr:citeAs",
        "column": "cr:column",
        "conformsTo": "dct:conformsTo",
        "cr": "http://mlcommons.org/croissant/",
        "rai": "http://mlcommons.org/croissant/RAI/",
        "data": {"@id": "cr:data", "@type": "@json"},
        "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
        "dct": "http://purl.org/dc/terms/",
        "equivalentProperty": "cr:equivalentProperty",
        "samplingRate": "cr:samplingRate",
        "examples": {"@id": "cr:examples", "@type": "@json"},
        "extract": "cr:extract",
        "field": "cr:field",
        "fileProperty": "cr:fileProperty",
        "fileObject": "cr:fileObject",
        "fileSet": "cr:fileSet",
        "format": "cr:format",
        "includes": "cr:includes",
        "isLiveDataset": "cr:isLiveDataset",
        "jsonPath": "cr:jsonPath",
        "key": "cr:key",
        "md5": "cr:md5",
        "parentField": "cr:parentField",
        "path": "cr:path",
        "recordSet": "cr:recordSet",
        "references": "cr:references",
        "regex": "cr:regex",
        "repeated": "cr:repeated",
        "replace": "cr:replace",
        "sc": "https://schema.org/",
        "separator": "cr:separator",
        "source": "cr:source",
        "subField": "cr:subField",
        "transform": "cr:transform",
    }
    distribution = []
    record_sets = []
    for n in names:
        fname, digest = files[n]
        fid = f"{n}-parquet"
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": fid,
                "name": fid,
                "description": f"Table {n} as Apache Parquet.",
                "contentUrl": fname,
                "encodingFormat": "application/x-parquet",
                "sha256": digest,
            }
        )
        t = schema.table(n)
        fields = []
        for c in t.columns:
            f: dict[str, Any] = {
                "@type": "cr:Field",
                "@id": f"{n}/{c.name}",
                "name": c.name,
                "description": c.description,
                "dataType": CROISSANT_TYPES[c.type],
                "source": {"fileObject": {"@id": fid}, "extract": {"column": c.name}},
            }
            if c.type.startswith("list["):
                f["repeated"] = True
            fields.append(f)
        rs: dict[str, Any] = {
            "@type": "cr:RecordSet",
            "@id": n,
            "name": n,
            "description": t.description,
            "field": fields,
        }
        if t.primary_key:
            rs["key"] = [{"@id": f"{n}/{k}"} for k in t.primary_key]
        record_sets.append(rs)
    cite = citation("bibtex", fp, "see CITATION.cff", meta).strip()
    return {
        "@context": ctx,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": "newsclaims",
        "description": meta.get("abstract", TITLE),
        "version": meta["version"],
        "license": DATA_LICENSE_URL,
        "url": meta.get("repository-code") or "https://newsclaims.example/",
        "datePublished": str(meta.get("date-released", "")),
        "citeAs": cite,
        "keywords": list(meta.get("keywords", [])),
        "creator": [{"@type": "sc:Organization", "name": a} for a in _authors(meta)],
        "distribution": distribution,
        "recordSet": record_sets,
    }


def dataset_card(meta: dict[str, Any], counts: dict[str, int], fp: str) -> str:
    """The bundle's README: what, how collected, languages, known limits, licence."""
    root = repo_root()
    tmpl_path = (root / "docs" / "dataset-card.md") if root else None
    tmpl = tmpl_path.read_text(encoding="utf-8") if tmpl_path and tmpl_path.is_file() else "# newsclaims\n"
    rows = "\n".join(f"| `{n}` | {c} |" for n, c in counts.items())
    return (
        tmpl.replace("{{version}}", meta["version"])
        .replace("{{fingerprint}}", fp)
        .replace("{{counts}}", "| table | rows |\n|---|---|\n" + rows)
        .replace("{{date}}", str(meta.get("date-released", "")))
    )


def build_bundle(data_dir: Path, out: Path, params: Params) -> dict[str, Any]:
    """Write the release bundle into ``out`` (a fresh folder) and return what was written.

    I/O lives here rather than in the CLI because the bundle *is* files: the function reads only the
    processed tables and committed metadata.
    """
    data_dir, out = Path(data_dir), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    meta = citation_meta()
    fp = fingerprint(data_dir, params.tables)
    files: dict[str, tuple[str, str]] = {}
    counts: dict[str, int] = {}
    for n in params.tables:
        src = data_dir / f"{n}.parquet"
        dst = out / f"{n}.parquet"
        dst.write_bytes(src.read_bytes())
        files[n] = (dst.name, sha256_file(dst))
        df = pl.read_parquet(dst)
        counts[n] = df.height
        if params.csv:
            _csv(df, out / f"{n}.csv")
    pkg = schema.datapackage(
        list(params.tables),
        meta["version"],
        extra={"description": meta.get("abstract", TITLE), "fingerprint": f"sha256:{fp}"},
    )
    (out / "datapackage.json").write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", "utf-8")
    cr = croissant(params.tables, files, meta, fp)
    (out / "croissant.json").write_text(json.dumps(cr, indent=2, ensure_ascii=False) + "\n", "utf-8")
    root = repo_root()
    if root and (root / "CITATION.cff").is_file():
        (out / "CITATION.cff").write_bytes((root / "CITATION.cff").read_bytes())
    if root and (root / "LICENSE-DATA.md").is_file():
        (out / "LICENSE-DATA.md").write_bytes((root / "LICENSE-DATA.md").read_bytes())
    (out / "README.md").write_text(dataset_card(meta, counts, fp), encoding="utf-8")
    sums = "".join(
        f"{sha256_file(p)}  {p.name}\n"
        for p in sorted(out.iterdir())
        if p.is_file() and p.name != "SHA256SUMS"
    )
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return {
        "fingerprint": fp,
        "version": meta["version"],
        "files": sorted(p.name for p in out.iterdir()),
    }
