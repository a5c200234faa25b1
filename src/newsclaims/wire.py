"""Wire credits: news-agency credits in bylines, source lists and sign-offs -> canonical agency ids.

Analysis counts a wire story once, so "Verwendete Quellen: Reuters, dpa", "(AFP)", "dpa/moko" and
"/fkr/DP/mis" must all become the same ids. The agencies and their spellings live in
``lexicon/agencies.csv`` (one row per agency: aliases usable anywhere a credit stands, sign-off aliases only
in slash sign-offs such as "/fkr/DP/mis", where two-letter codes are unambiguous). Only credit-bearing
strings are searched, never the whole body: an agency named in a sentence ("Reuters reported") is a source
mention, not a credit.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from pathlib import Path

from newsclaims.paths import lexicon_dir

# A sign-off: one short line of slash-separated initials/agency codes, optionally in parentheses:
# "(AFP)", "dpa/moko", "(dpa/moko)", "/fkr/DP/mis", "AFP/Reuters".
SIGNOFF = re.compile(r"^\(?/?[A-Za-z][A-Za-z\-]{0,11}(?:\s*/\s*[A-Za-z][A-Za-z\-]{0,11}){0,6}/?\)?\.?$")
# A body dateline credit: "Seoul/Kiew (AFP) –", "SEOUL (MPA) -", "Kiew (dpa) —".
DATELINE_CREDIT = re.compile(r"^[^()\n]{1,60}\((?P<credit>[^()]{1,40})\)\s*[–—-]")


@functools.cache
def _agencies(path: str) -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    anywhere: dict[str, str] = {}
    signoff: dict[str, str] = {}
    with Path(path).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            aid = row["id"].strip()
            for a in (row.get("aliases") or "").split("|"):
                if a.strip():
                    anywhere[a.strip()] = aid
            for a in (row.get("signoff_aliases") or "").split("|"):
                if a.strip():
                    signoff[a.strip()] = aid
    # Longest alias first so "Meridian Press Agency" wins over "Meridian Press"; word boundaries keep "AP"
    # out of "APA" and "Apple"; case-sensitive because "AP"/"ap" and "dpa"/"DPA" are credit conventions.
    alts = sorted(anywhere, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")
    return anywhere, signoff, rx


def agencies_file() -> Path:
    return lexicon_dir() / "agencies.csv"


def credits_in(texts: Iterable[str | None], path: Path | None = None) -> list[str]:
    """Canonical agency ids credited in ``texts`` (credit lines, bylines), in order of first appearance."""
    anywhere, _, rx = _agencies(str(path or agencies_file()))
    out: list[str] = []
    for t in texts:
        if not t:
            continue
        for m in rx.finditer(t):
            aid = anywhere[m.group(1)]
            if aid not in out:
                out.append(aid)
    return out


def is_signoff(line: str) -> bool:
    """True for a sign-off line that names at least one agency ("dpa/moko", "(AFP)", "/fkr/DP/mis")."""
    s = line.strip()
    return bool(s) and len(s) <= 40 and SIGNOFF.match(s) is not None and bool(signoff_credits(s))


def signoff_credits(line: str, path: Path | None = None) -> list[str]:
    """Agency ids in a sign-off: each slash token is looked up (any alias or sign-off-only alias)."""
    anywhere, signoff, _ = _agencies(str(path or agencies_file()))
    out: list[str] = []
    for tok in re.split(r"[/()\s.]+", line.strip()):
        aid = anywhere.get(tok) or signoff.get(tok)
        if aid and aid not in out:
            out.append(aid)
    return out


def dateline_credits(first_paragraph: str | None) -> list[str]:
    """Agency ids in a body dateline such as "Seoul/Kiew (AFP) –"."""
    if not first_paragraph:
        return []
    m = DATELINE_CREDIT.match(first_paragraph.strip())
    return credits_in([m.group("credit")]) if m else []


def merge(*lists: Iterable[str]) -> list[str]:
    out: list[str] = []
    for lst in lists:
        for x in lst:
            if x not in out:
                out.append(x)
    return out
