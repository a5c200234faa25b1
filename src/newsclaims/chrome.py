"""Page-chrome rules as data: load ``lexicon/chrome/*.yaml`` into compiled, merged rule sets.

Rules are reviewable YAML (generic + one file per language + one per outlet) so that a new outlet or language
is a new file, not new code. Lists from all files that apply are concatenated; scalars (time zone) are taken
from the most specific file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsclaims.paths import lexicon_dir

_LIST_KEYS = (
    "drop_lines",
    "end_of_body",
    "sources_headers",
    "sources_inline",
    "player_placeholders",
    "credit_lines",
    "caption_patterns",
    "player_references",
    "bylines",
    "reading_time",
    "datelines",
    "modified_markers",
    "paywall_phrases",
)


def _rx(patterns: list[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


@dataclass(frozen=True)
class Block:
    start: re.Pattern[str]
    end: re.Pattern[str]
    max_lines: int


@dataclass(frozen=True)
class Rules:
    drop_lines: tuple[re.Pattern[str], ...]
    end_of_body: tuple[re.Pattern[str], ...]
    sources_headers: tuple[re.Pattern[str], ...]
    sources_inline: tuple[re.Pattern[str], ...]
    player_placeholders: tuple[re.Pattern[str], ...]
    credit_lines: tuple[re.Pattern[str], ...]
    caption_patterns: tuple[re.Pattern[str], ...]
    player_references: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]
    reading_time: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    modified_marker: re.Pattern[str] | None
    paywall: re.Pattern[str] | None
    drop_blocks: tuple[Block, ...]
    breadcrumb_roots: frozenset[str]
    months: dict[str, int]
    tz_abbreviations: dict[str, float]
    timezone: str


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.is_file() else {}


def chrome_dir() -> Path:
    return lexicon_dir() / "chrome"


@functools.cache
def languages() -> tuple[str, ...]:
    """Languages that have a rules file (the scrape cleaner applies all of them when unsure)."""
    return tuple(sorted(p.stem for p in chrome_dir().glob("*.yaml") if p.stem != "generic"))


@functools.cache
def outlet_files() -> dict[str, dict]:
    """Per-outlet rule files by registrable domain (file name without .yaml)."""
    return {p.stem: _read(p) for p in sorted((chrome_dir() / "outlets").glob("*.yaml"))}


def outlet_by_name(name: str | None) -> str | None:
    """Registrable domain of an outlet whose rules file lists ``name`` among its ``names``."""
    if not name:
        return None
    low = name.strip().lower()
    for dom, data in outlet_files().items():
        if any(low == str(n).lower() for n in data.get("names") or ()):
            return dom
    return None


@functools.cache
def rules(langs: tuple[str, ...] = (), outlet: str | None = None) -> Rules:
    """Merged rules for the given languages (all known when empty) and outlet."""
    files = [_read(chrome_dir() / "generic.yaml")]
    files += [_read(chrome_dir() / f"{lg}.yaml") for lg in (langs or languages())]
    if outlet and outlet in outlet_files():
        files.append(outlet_files()[outlet])
    merged: dict[str, list] = {k: [] for k in _LIST_KEYS}
    roots: set[str] = set()
    months: dict[str, int] = {}
    tzab: dict[str, float] = {}
    blocks: list[Block] = []
    tz = "UTC"
    for d in files:
        for k in _LIST_KEYS:
            merged[k] += list(d.get(k) or ())
        roots |= {str(r).lower() for r in d.get("breadcrumb_roots") or ()}
        months.update({str(k).lower(): int(v) for k, v in (d.get("months") or {}).items()})
        tzab.update({str(k): float(v) for k, v in (d.get("tz_abbreviations") or {}).items()})
        for b in d.get("drop_blocks") or ():
            blocks.append(
                Block(re.compile(b["start"], re.I), re.compile(b["end"], re.I), int(b.get("max_lines", 10)))
            )
    if len(langs) == 1:  # several candidate languages: no guess at the time zone beyond generic
        tz = str(_read(chrome_dir() / f"{langs[0]}.yaml").get("timezone") or tz)
    if outlet and outlet in outlet_files() and outlet_files()[outlet].get("timezone"):
        tz = str(outlet_files()[outlet]["timezone"])
    mods = merged["modified_markers"]
    pay = merged["paywall_phrases"]
    return Rules(
        drop_lines=_rx(merged["drop_lines"]),
        end_of_body=_rx(merged["end_of_body"]),
        sources_headers=_rx(merged["sources_headers"]),
        sources_inline=_rx(merged["sources_inline"]),
        player_placeholders=_rx(merged["player_placeholders"]),
        credit_lines=_rx(merged["credit_lines"]),
        caption_patterns=_rx(merged["caption_patterns"]),
        player_references=_rx(merged["player_references"]),
        bylines=_rx(merged["bylines"], 0),  # bylines need the capital letter of the name
        reading_time=_rx(merged["reading_time"]),
        datelines=_rx(merged["datelines"]),
        modified_marker=re.compile("|".join(f"(?:{m})" for m in mods), re.I) if mods else None,
        paywall=re.compile("|".join(f"(?:{p})" for p in pay), re.I) if pay else None,
        drop_blocks=tuple(blocks),
        breadcrumb_roots=frozenset(roots),
        months=months,
        tz_abbreviations=tzab,
        timezone=tz,
    )
