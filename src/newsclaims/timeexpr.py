"""Dates in news text, resolved against the publication date; which of them are expected dates (deadlines).

Why not dateparser: it needs a RELATIVE_BASE per call, misses "am Freitag" and is slow. News dates come in a
few shapes per language (day-month, month-day, month alone, year, weekday, relative phrase), all listed in the
lexicon; one compiled regex finds them and this module resolves them with plain calendar arithmetic. A date is
a time *claim* only when it is forward-looking: a deadline word stands right before it ("ab", "bis", "by",
"from", "d'ici") and it does not lie before the publication date (dates of past events are not claims).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from newsclaims.lexicon_lang import Lang

# How far back a deadline may lie and still be read as forward-looking: 0 days (the publication day itself
# counts: "ab heute").
DEADLINE_GRACE_DAYS = 0
CUE_WINDOW = 40  # characters before a date searched for its deadline word


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int  # span of the date expression (with its deadline word when there is one)
    end: int
    date_start: int  # span of the date alone
    date_end: int
    date: dt.date
    granularity: str  # day | month | year
    cue: str | None  # deadline word ("ab", "by the end of")
    kind: str  # day_month | month | year | weekday | relative
    forward: bool  # a deadline or expected date on or after the publication date

    @property
    def is_claim(self) -> bool:
        return self.forward and self.cue is not None


@functools.lru_cache(maxsize=4096)  # one article's dates share ``ref`` (its publication date)
def _nearest_year(month: int, day: int, ref: dt.date) -> int:
    """Year that puts day/month closest to the reference date (news without a year means 'this season')."""
    best = ref.year
    best_d = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))
        except ValueError:
            continue
        dist = abs((d - ref).days)
        if best_d is None or dist < best_d:
            best, best_d = y, dist
    return best


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    return dt.date(y, m % 12 + 1, 1)


def resolve_relative(spec: dict, ref: dt.date) -> tuple[dt.date, str]:
    """A lexicon relative phrase ({days|weeks|months|years: n, end_of: year|month}) -> (date, granularity)."""
    if "days" in spec:
        return ref + dt.timedelta(days=int(spec["days"])), "day"
    if "weeks" in spec:
        return ref + dt.timedelta(weeks=int(spec["weeks"])), "day"
    if "months" in spec:
        return _add_months(ref, int(spec["months"])), "month"
    if "years" in spec:
        y = ref.year + int(spec["years"])
        if spec.get("end_of") == "month":
            return dt.date(ref.year, ref.month, 1), "month"
        return dt.date(y, 1, 1), "year"
    raise ValueError(f"relative date spec without unit: {spec}")


def resolve_weekday(weekday: int, ref: dt.date, direction: int) -> dt.date:
    """The weekday nearest the reference: direction -1 past (or today), +1 future (or today)."""
    delta = (weekday - ref.weekday()) % 7
    if direction > 0:
        return ref + dt.timedelta(days=delta)
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def find_dates(text: str, lang: Lang, published: dt.date | None, lower: str | None = None) -> list[DateMatch]:
    """Every date expression in ``text``, resolved against ``published`` (today's date is never used)."""
    from newsclaims.lexicon_lang import lower_text

    out: list[DateMatch] = []
    if published is None:
        return out
    low = lower if lower is not None else lower_text(text)
    for m in lang.date_re.finditer(low):
        g = m.groupdict()
        s, e = m.span()
        kind = ""
        gran = "day"
        d: dt.date | None = None
        cue_m = _deadline_before(text, s, lang)
        if (
            cue_m is not None
            and lang.not_deadline_after_re is not None
            and lang.not_deadline_after_re.match(text, e)
        ):
            cue_m = None  # "distance themselves from Thursday night's fight": the date names an event
        try:
            if g.get("dh_day") or g.get("my_day"):
                pre = "dh_" if g.get("dh_day") else "my_"
                day = int(g[pre + "day"])
                mon_txt = text[m.start(pre + "month") : m.end(pre + "month")]
                if _ambiguous(mon_txt, lang):
                    continue
                month = lang.months[mon_txt.lower()]
                year = int(g[pre + "year"]) if g.get(pre + "year") else _nearest_year(month, day, published)
                d = dt.date(year, month, day)
                kind = "day_month"
            elif g.get("mo_month"):
                mon_txt = text[m.start("mo_month") : m.end("mo_month")]
                if _ambiguous(mon_txt, lang):
                    continue
                month = lang.months[mon_txt.lower()]
                year = int(g["mo_year"]) if g.get("mo_year") else _nearest_year(month, 15, published)
                d = dt.date(year, month, 1)
                gran, kind = "month", "month"
            elif g.get("yr_year"):
                d = dt.date(int(g["yr_year"]), 1, 1)
                gran, kind = "year", "year"
            elif g.get("wd_day"):
                wd = lang.weekdays[g["wd_day"].lower()]
                before = text[max(0, s - 20) : s].lower().split()
                after = text[e : e + 15].lower().split()
                direction = -1
                if (
                    (
                        before
                        and (
                            before[-1] in lang.weekday_future or " ".join(before[-2:]) in lang.weekday_future
                        )
                    )
                    or (after and after[0].strip(".,") in lang.weekday_future_after)
                    or cue_m
                ):
                    direction = 1
                d = resolve_weekday(wd, published, direction)
                kind = "weekday"
            elif g.get("rel"):
                d, gran = resolve_relative(lang.relative[_norm(g["rel"])], published)
                kind = "relative"
        except (ValueError, KeyError, OverflowError):  # OverflowError: arithmetic past year 1 or 9999
            continue
        if d is None:
            continue
        cue = cue_m.group(1) if cue_m else None
        start = cue_m.start() if cue_m else s
        forward = _forward(d, gran, published)
        if kind == "relative" and gran == "day" and d <= published:
            forward = False  # "bis heute", "until today": up to now, not an expected date
        out.append(DateMatch(start, e, s, e, d, gran, cue, kind, forward))
    return out


# the deadline pattern ends in blanks then "$" (which also matches before a final newline): a date whose
# preceding character is none of these has no deadline word, and the window search is skipped
_BLANK_BEFORE = frozenset(" \t\u00a0\n")


def _deadline_before(text: str, s: int, lang: Lang) -> re.Match[str] | None:
    """The deadline word right before the date at ``s`` ("ab", "bis", "by", "d'ici")."""
    if s == 0 or text[s - 1] not in _BLANK_BEFORE:
        return None
    return lang.deadline_re.search(text, max(0, s - CUE_WINDOW), s)


def _norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower())


def _ambiguous(month_text: str, lang: Lang) -> bool:
    """'may' and 'march' are months only when capitalised."""
    return month_text.lower() in lang.ambiguous_months and not month_text[:1].isupper()


def _forward(d: dt.date, gran: str, published: dt.date) -> bool:
    if gran == "year":
        return d.year >= published.year
    if gran == "month":
        return (d.year, d.month) >= (published.year, published.month)
    return d >= published - dt.timedelta(days=DEADLINE_GRACE_DAYS)


_DAY = r"\d{1,2}(?:\.|er|st|nd|rd|th)?"


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=16)
def _day_before(conn: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.,])" + _DAY + conn + r"(?:\w{1,3}[ \t]+)?$")


@functools.lru_cache(maxsize=16)
def _day_after(conn: str) -> re.Pattern[str]:
    return re.compile(conn + r"(?:\w{1,3}[ \t]+)?" + _DAY + r"(?!\w|[.,]\d)")


def day_month_spans(
    dates: list[DateMatch], text: str = "", lang: Lang | None = None
) -> list[tuple[int, int]]:
    """Spans that numbers must not read as counts: day numbers in dates and in day ranges next to them
    ("zwischen dem 8. und dem 13. Oktober", "between October 8 and 13", "entre le 8 et le 13 octobre")."""
    out = []
    conn = lang.range_conn_re.pattern if lang is not None else None
    for d in dates:
        if d.kind != "day_month":
            continue
        out.append((d.date_start, d.date_end))
        if text and conn:
            before = _day_before(conn)
            m = before.search(text, max(0, d.date_start - 20), d.date_start)
            if m:
                out.append(m.span())
            after = _day_after(conn)
            m = after.match(text, d.date_end)
            if m:
                out.append(m.span())
    return out
