"""Numbers that count something: digits in German, English and French styles, number words, ranges.

Why this shape: a claim is compared across outlets by its value, so "12.000", "12 000", "12,000",
"zwölftausend", "twelve thousand", "12-thousand" and "douze mille" must all become 12000.0, and the words
around the number ("rund", "at least", "plus de", "zwischen ... und ...") become a qualifier. Everything a
number can be besides a count (times, dates, years, reading times, page counters, ordinals, phone numbers,
ids, durations, money, shares, ages) is rejected here, from the lexicon's furniture lists, so that the
claims table holds counts only. One compiled regex finds the candidates of a whole field in one pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsclaims.lexicon_lang import Lang

YEAR_MIN, YEAR_MAX = 1900, 2100  # a 4-digit number without separator in this range reads as a year
MAX_ID_DIGITS = 7  # a number of 7+ digits without separators is an id or phone fragment, not a count
QUAL_WINDOW = 40  # characters before a number searched for a qualifier ("deutlich mehr als")
# A score or record: digits joined by a dash without spaces that cannot be a range, because the second is
# not above the first ("a 4-1 win", "112-107", "0-1"), a third part follows ("14-0-1", "3-0-2") or no noun
# follows ("The Eagles (6-5, 3-4)", "At 4-7, the Chargers"). Ranges are written low to high and count
# something ("10-12 soldiers"). Scores above 3 digits do not occur in the benchmark's sports
# pages (basketball tops out at ~150), so longer digit groups stay numbers (calibration: 181 real pages).
SCORE_MAX_DIGITS = 3
_SCORE_TAIL = re.compile(
    rf"[-–](\d{{1,{SCORE_MAX_DIGITS}}})(?!\d|[.,]\d)([-–]\d{{1,{SCORE_MAX_DIGITS}}}(?!\d|[.,]\d))?"
)


# tokens of a matched number phrase: a digit group with its inner separators, or a word
_TOKEN = re.compile(r"\d[\d.,'\s\u00a0\u202f]*\d|\d|[^\s\u00a0\u202f-]+")

# precompiled once (module-level re.* calls look the pattern up in re's cache on every call)
_SEP = re.compile(r"[ .,]")
_WORD_SPLIT = re.compile(r"[\s\u00a0-]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int  # span of the number, with its qualifier words and range ("rund 12.000")
    end: int
    num_start: int  # span of the digits/words alone (entity search starts after num_end)
    num_end: int
    value: float | None
    value_high: float | None
    qualifier: str
    text: str
    vague: bool = False


def parse_digits(s: str, lang: Lang, scaled: bool = False) -> float | None:
    """'12.000' -> 12000.0 in German, '12,000' in English, '12 000' in French; '1,5' -> 1.5 in German.

    A separator followed by exactly three digits is a thousands separator unless a scale word follows
    ("1,5 Millionen", "1.5 million"): that is how news text writes counts in all three languages.
    """
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("'", "")
    groups = _SEP.split(s)
    seps = _SEP.findall(s)
    if not seps:
        return float(s)
    if len(seps) == 1 and (len(groups[1]) != 3 or scaled or (seps[0] == lang.decimal and scaled)):
        return float(groups[0] + "." + groups[1]) if seps[0] in ".," else None
    if all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    # thousands groups then a decimal part ("1.234,5")
    if all(len(g) == 3 for g in groups[1:-1]) and seps[-1] != seps[0]:
        return float("".join(groups[:-1]) + "." + groups[-1])
    return None


def _split_compound(word: str, lang: Lang) -> list[str] | None:
    """Split a German compound number word into pieces ("zweihunderteinundzwanzig")."""
    pieces = sorted([*lang.words, *lang.scales, *lang.joiners], key=len, reverse=True)
    out: list[str] = []
    i = 0
    w = word.lower()
    while i < len(w):
        for p in pieces:
            if w.startswith(p, i):
                out.append(p)
                i += len(p)
                break
        else:
            return None
    return out


def words_value(tokens: list[str], lang: Lang) -> float | None:
    """Value of a sequence of number tokens (digits and words): 'ten thousand', 'vingt et un'."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in tokens:
        t = raw.lower()
        if t in lang.joiners:
            continue
        if t[:1].isdigit():
            v = parse_digits(raw, lang, scaled=False)
            if v is None:
                return None
            current += v
            seen = True
            continue
        if t in lang.words:
            v = lang.words[t]
            if t in lang.multiplying and current:
                current *= v  # "quatre-vingts" = 4 x 20
            else:
                current += v
            seen = True
        elif t in lang.scales:
            s = lang.scales[t]
            if s >= 1000:
                total += (current or 1.0) * s
                current = 0.0
            else:
                current = (current or 1.0) * s
            seen = True
        else:
            return None
    return total + current if seen else None


def _tokens(text: str, lang: Lang) -> list[str] | None:
    out: list[str] = []
    for t in _TOKEN.findall(text.strip()):
        if not t:
            continue
        if t[:1].isdigit():
            out.append(t)
            continue
        tl = t.lower()
        if tl in lang.words or tl in lang.scales or tl in lang.joiners:
            out.append(tl)
            continue
        parts = _split_compound(tl, lang) if lang.capitalised_nouns else None
        if not parts:
            return None
        out.extend(parts)
    return out


def value_of(text: str, lang: Lang) -> float | None:
    """Parse one number phrase as written ('12.000', 'zwölftausend', '12-thousand', 'dix mille')."""
    toks = _tokens(text, lang)
    if not toks:
        return None
    if all(t in lang.joiners for t in toks):
        return None
    digits = [t for t in toks if t[:1].isdigit()]
    if digits and len(toks) > 1:
        # "1,5 Millionen", "12-thousand": read the digit part with a scale after it
        first = parse_digits(digits[0], lang, scaled=True)
        if first is None:
            return None
        rest = words_value(toks[1:], lang)
        if rest is None:
            return None
        return first * rest if toks[1] in lang.scales else first + rest
    return words_value(toks, lang)


def _masked(start: int, end: int, masks: list[tuple[int, int]]) -> bool:
    for s, e in masks:  # noqa: SIM110 (a loop, not any(<generator>): called twice per candidate number)
        if s < end and start < e:
            return True
    return False


FURNITURE_WINDOW = 45  # characters around a number searched for furniture patterns (phone numbers, dates)


def _furniture_hit(text: str, s: int, e: int, lang: Lang) -> bool:
    """True when a furniture pattern match near the number at [s, e) overlaps it. The window is scanned as
    before (matches depend on where the scan starts and on its end), but the scan stops at the first
    match starting at or after ``e``: no later match can overlap the number."""
    lo = max(0, s - FURNITURE_WINDOW)
    hi = min(len(text), e + FURNITURE_WINDOW)
    # without an '@' in the window the e-mail branches cannot match: same scan without them
    rx = lang.furniture_re if "@" in text[lo:hi] else lang.furniture_no_at_re
    for m in rx.finditer_window(text, lo, hi):
        a, b = m.span()
        if a >= e:
            return False
        if s < b:
            return True
    return False


def _words_furniture_hit(text: str, s: int, e: int, rx: re.Pattern[str]) -> bool:
    """A number word that starts a match of the number-word furniture patterns (lexicon
    furniture.word_patterns): one anchored match, no window scan."""
    m = rx.match(text, s)
    return m is not None and m.end() >= e


def find_numbers(
    text: str, lang: Lang, masks: list[tuple[int, int]] | None = None, lower: str | None = None
) -> list[NumberMatch]:
    """Every counting number in ``text`` (not furniture), with qualifier and range, in text order.

    ``lower`` is ``text`` lower-cased with the same offsets (computed when not given)."""
    from newsclaims.lexicon_lang import lower_text

    low = lower if lower is not None else lower_text(text)
    masks = list(masks or [])
    out: list[NumberMatch] = []
    consumed_until = -1
    for m in lang.vague_re.finditer(low):
        if _masked(m.start(), m.end(), masks):
            continue
        out.append(
            NumberMatch(
                m.start(),
                m.end(),
                m.start(),
                m.end(),
                None,
                None,
                "approx",
                text[m.start() : m.end()],
                vague=True,
            )
        )
    vague_spans = [(v.start, v.end) for v in out]
    for m in lang.number_re.finditer(low):
        s, e = m.span()
        if s < consumed_until:
            continue
        phrase = text[s:e]
        if phrase.isascii() and phrase.isdigit():
            # plain digits ("12", "2022", most candidates): one token that is its own value; the general
            # path below reads them the same (no scale word, no leading word, value_of = float)
            if phrase in lang.not_alone or _masked(s, e, masks) or _masked(s, e, vague_spans):
                continue
            value = float(phrase)
        else:
            if phrase[:1].isdigit():
                # after digits only scale words belong to the number ("12-thousand", "1,5 Millionen")
                spans = [t.span() for t in _TOKEN.finditer(phrase)]
                keep = 1
                while keep < len(spans) and phrase[spans[keep][0] : spans[keep][1]].lower() in lang.scales:
                    keep += 1
                e = s + spans[keep - 1][1]
                phrase = text[s:e]
            # drop a leading article-like word that only counts before a scale ("a thousand" yes, "a two" no)
            toks = _WORD_SPLIT.split(phrase)
            while (
                toks
                and toks[0].lower() in lang.not_alone
                and (len(toks) == 1 or toks[1].lower() not in lang.scales)
            ):
                cut = phrase.lower().find(toks[0].lower()) + len(toks[0])
                rest = phrase[cut:]
                s += cut + (len(rest) - len(rest.lstrip(" \t\u00a0-")))
                phrase = text[s:e]
                toks = toks[1:]
            if not toks or _masked(s, e, masks) or _masked(s, e, vague_spans):
                continue
            value = value_of(phrase, lang)
            if value is None or (value <= 0 and not phrase[:1].isdigit()):
                continue
        if value % 1 and not any(w.lower() in lang.scales for w in _WORD_SPLIT.split(phrase)):
            continue  # "225.86", "7.3", "11.1 per game": a count is whole unless scaled ("2.5 million")
        if is_furniture(text, s, e, phrase, value, lang):
            continue
        # the furniture window last: it costs most, and the checks above are pure filters (same result)
        if phrase[:1].isdigit():
            if _furniture_hit(text, s, e, lang):
                continue
        elif (wrx := lang.furniture_words_re) is not None and _words_furniture_hit(text, s, e, wrx):
            continue
        if phrase.isdigit() and len(phrase) <= SCORE_MAX_DIGITS:
            sc = _SCORE_TAIL.match(text, e)
            bare = sc is not None and (sc.end() >= len(text) or text[sc.end()] in ",);:")
            if sc and (sc.group(2) or value == 0 or float(sc.group(1)) <= value or bare):
                consumed_until = sc.end()
                continue
        start, qualifier, value_high, end = s, "exact", None, e
        # range: "zwischen 10.000 und 12.000", "10,000 to 12,000", "10 000 à 12 000"
        rc = lang.range_conn_re.match(text, e)
        if rc:
            m2 = lang.number_re.match(low, rc.end())
            if m2 and not _masked(m2.start(), m2.end(), masks):
                v2 = value_of(text[m2.start() : m2.end()], lang)
                if v2 is not None and v2 > value and lang.unit_after_re.match(text, m2.end()):
                    continue  # "zwischen 25 und 45 Grad": the measure's unit follows the range's high end
                conn = rc.group(1).lower()
                opened = lang.range_open_re.search(text, max(0, s - 20), s)
                ranged = (
                    v2 is not None
                    and v2 > value
                    and (opened or (conn in lang.range_bare and not _change_before(text, s, lang)))
                )
                if ranged and is_furniture(text, m2.start(), m2.end(), text[m2.start() : m2.end()], v2, lang):
                    consumed_until = m2.end()
                    continue  # "40 to 80 percent", "between 10 and 12 years": the unit measures both ends
                if ranged:
                    qualifier, value_high = "range", v2
                    end = m2.end()
                    consumed_until = m2.end()
                    if opened:
                        start = opened.start()
                    e = m2.end()
        if qualifier == "exact":
            qb = lang.qual_before_re.search(text, max(0, s - QUAL_WINDOW), s)
            if qb:
                qualifier = lang.qual_before_map[_norm(qb.group(1))]
                start = qb.start(1)
            else:
                qa = lang.qual_after_re.match(text, e)
                if qa:
                    qualifier = lang.qual_after_map[_norm(qa.group(1))]
                    end = qa.end()
        out.append(NumberMatch(start, end, s, e, value, value_high, qualifier, text[start:end]))
    out.sort(key=lambda n: n.start)
    return out


@functools.cache
def _change_re(code: str) -> re.Pattern[str] | None:
    from newsclaims.lexicon_lang import load

    words = ((load(code).raw.get("numbers") or {}).get("range") or {}).get("change_before") or []
    if not words:
        return None
    return re.compile(r"(?<![\w])(?i:" + "|".join(re.escape(str(w)) for w in words) + r")[ \t\u00a0]+$")


def _change_before(text: str, s: int, lang: Lang) -> bool:
    """ "down by 30 to 126": a change and its result, not a range (numbers.range.change_before)."""
    rx = _change_re(lang.code)
    return rx is not None and rx.search(text, max(0, s - 12), s) is not None


def _norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower()).replace("’", "'")


# a capitalised word (no sentence end, quote or bracket between) right before a number word: in languages that
# capitalise only names, a capitalised number word after one ("Big Ten", "Final Four") is part of the name
_NAME_BEFORE = re.compile(r"(?<![.!?:;\"“”(\n])(?<=[\w’'] )[A-Z][\w’'-]* $")

_HYPHEN_NAME_BEFORE = re.compile(r"([A-Z][\w’']*)-$")


def is_furniture(text: str, s: int, e: int, phrase: str, value: float, lang: Lang) -> bool:
    """True when the number at [s, e) is a time, date, year, counter, ordinal, id, measure or age."""
    if lang.unit_after_re.match(text, e):
        return True
    if lang.word_before_re.search(text, max(0, s - 30), s):
        return True
    compact = phrase.strip()
    if not lang.capitalised_nouns and compact[:1].isupper():
        # "the Big Ten's leading passer", "the Final Four": a capitalised number word inside a name
        if _NAME_BEFORE.search(text, max(0, s - 30), s):
            return True
        hm = _HYPHEN_NAME_BEFORE.search(text, max(0, s - 30), s) if text[s - 1 : s] == "-" else None
        if hm and hm.group(1).lower() not in lang.words:
            return True  # "Take-Two Interactive": a company's name, not "Twenty-Two"
    if compact.isdigit():
        if len(compact) >= MAX_ID_DIGITS:
            return True
        if len(compact) == 4 and YEAR_MIN <= value <= YEAR_MAX:
            return True
        # ordinal with a dot ("der 3. Anlauf") in dot-ordinal languages
        if lang.ordinal_before_re is not None and text[e : e + 1] == ".":
            after = text[e + 1 : e + 3]
            if after[:1] == " " and (after[1:2].islower() or after[1:2].isdigit()):
                return True
            if lang.ordinal_before_re.search(text, max(0, s - 12), s):
                return True
    # currency symbol right before ("$3", "€ 50", "£2m")
    before = text[max(0, s - 2) : s].strip()
    return bool(before) and before[-1] in "$€£¥₽₩"
