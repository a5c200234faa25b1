"""Input units: a manifest CSV (or, without one, a folder listing) -> files to parse, plus quarantine rows.

A manifest is what a researcher knows about her collection (URL, outlet, date, language); it wins over
anything inferred. Problems with the manifest itself are inputs too: a row whose file is missing, a file
listed twice, a row without a path each become a quarantine row, and the run goes on. Files in the folder
that the manifest does not list are still parsed (with inferred metadata), so nothing in the input folder is
lost. Collector snapshots carry a JSON sidecar (``<sha256>.json``) whose URL and fetch time are used like a
manifest.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from newsclaims.identity import quarantine_id

COLUMNS = ("path", "url", "outlet", "published", "language", "synthetic", "fetched_at", "format", "notes")
SKIP_NAMES = {".gitkeep", ".gitignore", "README.md", "SHA256SUMS", "index.jsonl", "manifest.csv"}
SKIP_SUFFIXES = (".dvc", ".sidecar.json", ".parquet", ".part")


@dataclass(frozen=True)
class Unit:
    """One input file with what the manifest (or a sidecar) says about it."""

    path: str  # relative to the input folder, POSIX separators
    line: int | None = None  # manifest line (1 = header), None for unlisted files
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    synthetic: bool = False
    fetched_at: str | None = None
    format: str | None = None


def _q(path: str | None, line: int | None, reason: str, detail: str, url: str | None = None) -> dict:
    rid = f"manifest line {line}" if line else None
    return {
        "quarantine_id": quarantine_id("parse", path, rid, reason),
        "stage": "parse",
        "path": path,
        "record_id": rid,
        "url": url,
        "reason": reason,
        "detail": detail,
    }


def _listed_files(root: Path) -> list[str]:
    out = []
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or p.name in SKIP_NAMES:
            continue
        if p.name.endswith(SKIP_SUFFIXES):
            continue
        if p.suffix == ".json" and any(q.stem == p.stem and q != p for q in p.parent.glob(p.stem + ".*")):
            continue  # collector sidecar of a snapshot
        out.append(rel.as_posix())
    return out


def _sidecar(root: Path, rel: str) -> dict:
    p = root / rel
    side = p.with_suffix(".json") if p.suffix != ".json" else None
    if side is None or not side.is_file():
        return {}
    try:
        d = json.loads(side.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    return d if isinstance(d, dict) else {}


def _bool(s: str | None) -> bool:
    return (s or "").strip().lower() in ("true", "1", "yes", "y", "t")


def plan(root: Path, manifest: Path | None) -> tuple[list[Unit], list[dict]]:
    """Units to parse (sorted by path) and quarantine rows for manifest problems."""
    units: dict[str, Unit] = {}
    quarantine: list[dict] = []
    if manifest is not None:
        with Path(manifest).open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "path" not in reader.fieldnames:
                raise ValueError(
                    f"manifest {manifest}: no 'path' column (found {reader.fieldnames}); the first line must "
                    f"be a header with at least 'path' (optional: {', '.join(COLUMNS[1:])})"
                )
            for row in reader:
                line = reader.line_num
                rel = (row.get("path") or "").strip().replace("\\", "/").removeprefix("./")
                g = {k: ((row.get(k) or "").strip() or None) for k in COLUMNS}
                if not rel:
                    quarantine.append(
                        _q(
                            None,
                            line,
                            "invalid_row",
                            f"manifest {manifest.name} line {line} has no path; add the file's "
                            "path relative to the input folder.",
                            g["url"],
                        )
                    )
                    continue
                if rel in units:
                    quarantine.append(
                        _q(
                            rel,
                            line,
                            "duplicate_input",
                            f"{rel} is listed again on manifest line {line} (first on line "
                            f"{units[rel].line}); it is parsed once. Remove the extra row.",
                            g["url"],
                        )
                    )
                    continue
                if not (root / rel).is_file():
                    quarantine.append(
                        _q(
                            rel,
                            line,
                            "missing_file",
                            f"manifest line {line} lists {rel}, which is not in {root}; add the "
                            "file or remove the row.",
                            g["url"],
                        )
                    )
                    units[rel] = Unit(rel, line)  # remember it so a repeat is reported as duplicate
                    continue
                units[rel] = Unit(
                    path=rel,
                    line=line,
                    url=g["url"],
                    outlet=g["outlet"],
                    published=g["published"],
                    language=g["language"],
                    synthetic=_bool(g["synthetic"]),
                    fetched_at=g["fetched_at"],
                    format=(g["format"] or "").lower() or None,
                )
    missing = {q["path"] for q in quarantine if q["reason"] == "missing_file"}
    listed = {u for u in units if u not in missing}
    out = [units[u] for u in sorted(listed)]
    for rel in _listed_files(root):
        if rel in units:
            continue
        side = _sidecar(root, rel)
        out.append(
            Unit(
                path=rel,
                url=side.get("final_url") or side.get("url"),
                fetched_at=side.get("fetched_at"),
            )
        )
    out.sort(key=lambda u: u.path)
    return out, quarantine
