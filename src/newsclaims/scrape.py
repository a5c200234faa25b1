"""Text-scrape cleaner: a page copied as text (the seed's kind) -> headline, dateline, body, captions.

A text scrape is the page read top to bottom: masthead, navigation, breadcrumb, kicker and headline, byline
and dateline, players and captions, body, source list, then related links and footer. The cleaner finds that
structure with a few generic signals (the dateline, paragraph shapes, camel-joined navigation lines) and the
pattern files in ``lexicon/chrome/`` (generic, per language, per outlet) for the chrome itself. An outlet
without its own file still gets the generic and language rules; an outlet file only adds what they miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from newsclaims import chrome, wire
from newsclaims.chrome import Rules

# How far into the page the dateline may stand (lines). Calibrated on the seed and demo scrapes (dateline at
# lines 10-20) with room for long navigation blocks.
HEADER_MAX_LINES = 60
# A dateline line is short; longer lines are prose that merely contains a date.
DATELINE_MAX_CHARS = 160
# A caption is one short paragraph; longer lines after a player are body text.
CAPTION_MAX_CHARS = 400
# Prose: a body-like line (used when no dateline is found to decide where the header ends).
PROSE_MIN_CHARS = 120

_CAMEL = re.compile(r"(?<=[a-zäöüßéèàçêûôî0-9])(?=[A-ZÄÖÜÉÈÀ])")
_SENT_END = re.compile(r"[.!?…:»«“”\"')]\s*$")
_NAME = re.compile(r"^[A-ZÄÖÜÉ][\w'’.\-]+(?:\s+[A-ZÄÖÜÉ][\w'’.\-]+){1,3}$")


@dataclass
class Scrape:
    site_name: str | None = None
    header_outlet: str | None = None
    title: str | None = None
    kicker: str | None = None
    author: str | None = None
    section: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    reading_time_min: int | None = None
    text: str = ""
    captions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    wire_credits: list[str] = field(default_factory=list)


def _any(rxs: tuple[re.Pattern[str], ...], s: str) -> re.Match[str] | None:
    for r in rxs:
        m = r.search(s)
        if m:
            return m
    return None


def _camel_parts(line: str) -> list[str]:
    return [p.strip() for p in _CAMEL.split(line) if p.strip()]


def _is_joined_nav(line: str) -> bool:
    """Navigation copied as text loses its separators: "HomePolitikAusland", "Top StoriesUKWorld"."""
    if _SENT_END.search(line) or len(line) > 160:
        return False
    return len(_CAMEL.findall(line)) >= 2 or any(sep in line for sep in (" > ", " › ", " » "))


def _section(line: str, r: Rules) -> str | None:
    parts = re.split(r"\s+[>›»/]\s+", line) if re.search(r"\s[>›»/]\s", line) else _camel_parts(line)
    if parts and parts[0].lower() in r.breadcrumb_roots:
        parts = parts[1:]
    return " / ".join(parts) or None


def _to_utc(d: dict[str, str | None], r: Rules) -> datetime | None:
    try:
        year = int(d["year"] or 0)
        month = int(d["month"]) if d.get("month") else r.months.get((d.get("monthname") or "").lower())
        day = int(d["day"] or 0)
        if not month:
            return None
        hour = int(d.get("hour") or 0)
        minute = int(d.get("minute") or 0)
        ampm = (d.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        naive = datetime(year, month, day, hour, minute)
    except (ValueError, TypeError, KeyError):
        return None
    tz = d.get("tz")
    if tz and tz.upper() in r.tz_abbreviations:
        aware = naive.replace(tzinfo=timezone(timedelta(hours=r.tz_abbreviations[tz.upper()])))
    else:
        aware = naive.replace(tzinfo=ZoneInfo(r.timezone))
    return aware.astimezone(UTC)


def _dates(line: str, r: Rules) -> tuple[datetime | None, datetime | None]:
    """(published, modified) from a dateline; the part after a modified marker is the update time."""
    pub_part, mod_part = line, None
    if r.modified_marker is not None:
        m = r.modified_marker.search(line)
        if m:
            pub_part, mod_part = line[: m.start()], line[m.end() :]

    def first(s: str) -> datetime | None:
        best: tuple[int, datetime] | None = None
        for rx in r.datelines:
            for m in rx.finditer(s):
                dt = _to_utc(m.groupdict(), r)
                if dt is not None and (best is None or m.start() < best[0]):
                    best = (m.start(), dt)
                    break
        return best[1] if best else None

    pub = first(pub_part) if pub_part.strip() else None
    mod = first(mod_part) if mod_part else None
    if pub is None and mod is not None and not pub_part.strip():
        pub = None
    return pub, mod


def _is_dateline(line: str, r: Rules) -> bool:
    return (
        len(line) <= DATELINE_MAX_CHARS
        and _any(r.datelines, line) is not None
        and (_dates(line, r) != (None, None))
    )


def _reading_time(line: str, r: Rules) -> int | None:
    m = _any(r.reading_time, line)
    return int(m.group("minutes")) if m else None


def _paragraphs(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    cur: list[str] = []
    for ln in lines:
        if ln:
            cur.append(ln)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def _byline(line: str, r: Rules) -> str | None:
    m = _any(r.bylines, line)
    return m.group("name").strip() if m else None


def _authorish(par: list[str], r: Rules) -> str | None:
    """An author block: "Anna Whitlock / Senior Reporter", "Von Katrin Wessel, Seoul", "By X with MPA"."""
    for ln in par:
        b = _byline(ln, r)
        if b:
            return b
    if len(par) <= 2 and all(len(x) <= 40 for x in par) and _NAME.match(par[0]):
        return par[0]
    return None


def clean(raw: str, lang: str | None = None, outlet: str | None = None) -> Scrape:
    """Parse one text scrape. ``lang`` picks the language rules (all languages when None)."""
    lines = [
        ln.strip().replace("\u00a0", " ") for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    out = Scrape()
    # Site name and outlet from the masthead (first non-empty line: "t-online - Nachrichten für Deutschland").
    first = next((ln for ln in lines if ln), "")
    if first and len(first) <= 100:
        out.site_name = re.split(r"\s+[-–|:]\s+", first)[0].strip() or None
        out.header_outlet = chrome.outlet_by_name(out.site_name)
        m = re.search(r"\b([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b", first.lower())
        if out.header_outlet is None and m and "." in m.group(1):
            out.header_outlet = m.group(1).removeprefix("www.")
    r = chrome.rules((lang,) if lang and lang in chrome.languages() else (), outlet or out.header_outlet)

    # Outlet drop blocks (promo boxes) are removed first, wherever they stand.
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        for b in r.drop_blocks:
            if lines[i] and b.start.search(lines[i]):
                for j in range(i + 1, min(len(lines), i + b.max_lines + 1)):
                    if lines[j] and b.end.search(lines[j]):
                        for k in range(i, j + 1):
                            keep[k] = False
                        i = j
                        break
                break
        i += 1
    lines = [ln if k else "" for ln, k in zip(lines, keep, strict=True)]
    # Masthead: the first paragraph of the page (name, tagline, account links) when more header follows;
    # its lines are chrome wherever they repeat.
    mast = {first} if first else set()
    f0 = next((i for i, ln in enumerate(lines) if ln), 0)
    f1 = next((i for i in range(f0, len(lines)) if not lines[i]), len(lines))
    masthead = set(range(f0, f1)) if (f1 - f0 >= 2 or first in lines[f1:]) else set()

    # ---- header: up to the dateline (or, without one, up to the first prose line)
    dl = next(
        (i for i, ln in enumerate(lines[:HEADER_MAX_LINES]) if ln and _is_dateline(ln, r)),
        None,
    )
    if dl is not None:
        out.published_at, out.modified_at = _dates(lines[dl], r)
        out.reading_time_min = _reading_time(lines[dl], r)
        head, body_start = lines[:dl], dl + 1
    else:
        p = next(
            (i for i, ln in enumerate(lines) if len(ln) >= PROSE_MIN_CHARS and _SENT_END.search(ln)),
            len(lines),
        )
        head, body_start = lines[:p], p
    head_clean: list[str] = []
    if not any(ln for i, ln in enumerate(head) if i not in masthead):
        masthead = set()  # nothing but the first paragraph: it is the headline, not a masthead
    if not masthead:
        mast = set()
    for hi, ln in enumerate(head):
        if hi in masthead:
            continue
        if not ln:
            head_clean.append("")
        elif ln in mast or _any(r.drop_lines, ln):
            continue
        elif _is_joined_nav(ln):
            if any(ln.lower().startswith(root) for root in r.breadcrumb_roots) or out.section is None:
                sec = _section(ln, r)
                if any(ln.lower().startswith(root) for root in r.breadcrumb_roots):
                    out.section = sec
            continue
        elif _reading_time(ln, r) is not None and len(ln) < 40:
            out.reading_time_min = out.reading_time_min or _reading_time(ln, r)
        else:
            head_clean.append(ln)
    pars = _paragraphs(head_clean)
    standfirst: list[str] = []
    ti = next(
        (
            i
            for i, p in enumerate(pars)
            if len(p) == 2 and len(p[0]) <= 60 and not _SENT_END.search(p[0]) and not _authorish(p, r)
        ),
        None,
    )
    if ti is None:
        ti = next((i for i, p in enumerate(pars) if len(p) == 1 and not _authorish(p, r)), None)
        if ti is not None:
            out.title = pars[ti][0]
    else:
        out.kicker, out.title = pars[ti]
    for p in pars[(ti + 1) if ti is not None else 0 :]:
        a = _authorish(p, r)
        if a:
            out.author = out.author or a
        elif _SENT_END.search(p[-1]) and sum(len(x) for x in p) >= 40:
            standfirst.append(" ".join(p))

    # ---- body
    body: list[str] = list(standfirst)
    pending_caption = False
    credit_texts: list[str] = [out.author] if out.author else []
    signoffs: list[str] = []
    i = body_start
    n = len(lines)
    while i < n:
        ln = lines[i]
        i += 1
        if not ln:
            pending_caption = False
            continue
        if ln in mast:
            continue
        if _any(r.sources_headers, ln):
            while i < n and (not lines[i] or len(lines[i]) <= 60) and not _any(r.drop_lines, lines[i]):
                item = lines[i].lstrip("•·-*– ").strip()
                i += 1
                if item:
                    out.sources.append(item)
                elif out.sources:
                    break
            break
        m = _any(r.sources_inline, ln)
        if m and len(ln) <= 120:
            out.sources += [
                s.strip() for s in re.split(r",|;|\s+(?:und|and|et)\s+", m.group("list")) if s.strip()
            ]
            break
        if _any(r.end_of_body, ln) and body:
            break
        if _any(r.drop_lines, ln) or _is_joined_nav(ln):
            continue
        if _any(r.player_placeholders, ln) or _any(r.credit_lines, ln):
            pending_caption = True
            continue
        if _reading_time(ln, r) is not None and len(ln) < 40:
            out.reading_time_min = out.reading_time_min or _reading_time(ln, r)
            continue
        if not body and out.published_at is None and _is_dateline(ln, r):
            out.published_at, out.modified_at = _dates(ln, r)
            continue
        if _any(r.player_references, ln):
            continue
        if wire.is_signoff(ln):
            signoffs.append(ln)
            continue
        b = _byline(ln, r)
        if b and not body and len(ln) <= 80:
            out.author = out.author or b
            credit_texts.append(b)
            continue
        if len(ln) <= CAPTION_MAX_CHARS and (pending_caption or _any(r.caption_patterns, ln)):
            out.captions.append(ln)
            pending_caption = False
            continue
        pending_caption = False
        body.append(ln)
    out.text = "\n\n".join(body)
    out.wire_credits = wire.merge(
        wire.credits_in(credit_texts),
        wire.dateline_credits(body[len(standfirst)] if len(body) > len(standfirst) else None),
        *(wire.signoff_credits(s) for s in signoffs),
        wire.credits_in(out.sources),
    )
    return out
