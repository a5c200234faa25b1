"""Language knowledge for extraction, loaded once from ``lexicon/lang/<code>.yaml`` and compiled.

Why a module of its own: every extractor concern (numbers, dates, attribution, framing, nouns) reads the same
per-language file, and the compiled regular expressions must be built exactly once per process (the hot path
runs over 10^6 articles). Adding a language means adding ``lexicon/lang/<code>.yaml`` (plus rows in
``entities.csv`` and aliases in ``sources.yaml``); nothing here names a language.
"""

from __future__ import annotations

import csv
import functools
import re
import re._constants as _C
import re._parser as _P
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsclaims.paths import lexicon_dir
from newsclaims.rx import Scan, scan

FALLBACK_LANGUAGE = "en"


def _alt(items: list[str] | tuple[str, ...], escape: bool = True) -> str:
    """Alternation of phrases that prefers the longest phrase.

    Literal phrases become a character trie ("mehr(?:\\s+als)?"): Python's ``re`` tries every branch of an
    alternation at every position, so a trie is several times faster on the whole-text passes."""
    uniq = sorted({i for i in items if i}, key=lambda s: (-len(s), s))
    if not uniq:
        return "(?!x)x"
    if escape:
        return "(?:" + trie_regex(uniq) + ")"
    return "(?:" + "|".join(uniq) + ")"


def trie_regex(items: list[str] | tuple[str, ...]) -> str:
    """Regex matching exactly the given phrases, longest first, as a trie of characters."""
    root: dict[str, dict] = {}
    for w in items:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def enc(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if ch in "'’":
            return "['’]"
        return re.escape(ch)

    def rx(node: dict[str, dict]) -> str:
        alts = [enc(ch) + rx(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return rx(root)


def tailed_trie_regex(tails: dict[str, list[str]]) -> str:
    """Regex matching each key of ``tails`` (keys of one length, as a trie of characters) where one of its
    tails follows: the tails are a lookahead (:func:`trie_regex` of them), so a match is the key alone.

    Why: the key dispatches to the patterns of the aliases that start with it; a tail (the rest of an
    alias's literal lead, :func:`literal_lead`) rejects the word starts that only share the key ("the"
    before anything but "alliance") before any Python code runs. A key with an empty tail matches as it
    would without tails."""
    if len({len(k) for k in tails}) > 1:
        raise ValueError("tailed_trie_regex: keys of one length only")
    root: dict[str, dict] = {}
    for w in tails:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def tail(key: str) -> str:
        rests = tails[key]
        if "" in rests:
            return ""
        return "(?=" + trie_regex(sorted(set(rests))) + ")"

    def rx(node: dict[str, dict], path: str) -> str:
        if "" in node:
            return tail(path)  # a leaf: keys of one length have no longer key below them
        alts = [re.escape(ch) + rx(node[ch], path + ch) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return rx(root, "") if root else ""


def literal_lead(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with, in the alphabet of :func:`trie_regex`
    (" " for a run of whitespace ``\\s+``, "'" for the apostrophe class ``['’]``), up to the first other
    element (an optional ending, a class, a group).

    Why: a trie of these leads is a necessary condition for the pattern to match at a position (the trie
    reads " " as ``\\s+`` and "'" as ``['’]``, never narrower), so it can stand in front of the pattern as
    a filter that rejects more positions than a shorter prefix. ``""`` when the pattern does not parse."""
    try:
        items = _P.parse(pattern).data
    except re.error:
        return ""
    out: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            out.append(chr(av))
        elif (
            op is _C.MAX_REPEAT
            and av[0] >= 1
            and list(av[2]) == [(_C.IN, [(_C.CATEGORY, _C.CATEGORY_SPACE)])]
        ):
            out.append(" ")
        elif op is _C.IN and sorted(av) == [(_C.LITERAL, ord("'")), (_C.LITERAL, ord("’"))]:
            out.append("'")
        else:
            break
    return "".join(out)


def _phrase(p: str) -> str:
    """A literal phrase where any run of spaces matches any whitespace and apostrophes match both forms."""
    out = re.escape(p)
    out = re.sub(r"(?:\\ )+", r"\\s+", out)
    out = re.sub("['’]", "['’]", out)
    return out


def lower_regex(src: str) -> str:
    """The pattern for lower-cased text: literal letters lower-cased, escapes kept, (?i) dropped.

    Why: Python's ``re`` is ~7x slower on case-insensitive alternations; the whole-text passes (numbers,
    dates, cues, mentions) run case-sensitively on ``text.lower()`` (same offsets) instead.
    """
    src = src.replace("(?i:", "(?:").replace("(?i)", "")
    out = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "\\" and i + 1 < len(src):
            out.append(src[i : i + 2])
            i += 2
            continue
        if ch == "(" and src.startswith("(?P<", i):  # group names stay as written
            j = src.index(">", i)
            out.append(src[i : j + 1])
            i = j + 1
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


def lower_text(text: str) -> str:
    """``text.lower()`` when it keeps every offset (it does except for rare letters such as 'İ')."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


GUARD_PREFIX = 3  # characters of the literal prefix a guard checks (3: few false starts, small tries)
GUARD_MAX = 4000  # more distinct prefixes than this: no guard (the trie would cost more than it saves)


def _class_atom(items: list[Any]) -> str | None:
    """A parsed character class as regex source ("[A-Z]", "[\\d]"); None for classes that match most
    characters (negated, ``\\w``, ``\\S``...): a guard on them would cost without rejecting anything."""
    out = []
    for o, a in items:
        if o is _C.LITERAL:
            out.append(re.escape(chr(a)))
        elif o is _C.RANGE:
            out.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
        elif o is _C.CATEGORY and a is _C.CATEGORY_DIGIT:
            out.append(r"\d")
        else:
            return None
    return "[" + "".join(out) + "]"


def _first_atoms(items: list[Any], k: int) -> set[tuple[str, ...]] | None:
    """Prefixes (up to ``k`` atoms, each the regex source of one character: a literal or a class) that
    every match of the parsed sequence ``items`` starts with; None when that cannot be told."""
    if k == 0 or not items:
        return {()}
    op, av = items[0]
    rest = items[1:]

    def then(head: str) -> set[tuple[str, ...]]:
        tails = _first_atoms(rest, k - 1) if k > 1 else None
        return {(head,)} if tails is None else {(head, *t) for t in tails}

    if op is _C.LITERAL:
        return then(re.escape(chr(av)))
    if op is _C.IN:
        atom = _class_atom(av)
        return None if atom is None else then(atom)
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):  # zero-width: the match starts with what follows
        return _first_atoms(rest, k)
    if op is _C.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # "(?i:photo|page)": the sub-pattern's own prefixes, case-folded
            sub = _first_atoms(list(av[3]), k)
            if sub is None:
                return None
            return {tuple(f"(?i:{x})" for x in p) for p in sub}
        if av[1] or av[2]:
            return None
        return _first_atoms(list(av[3]) + rest, k)
    if op is _C.BRANCH:
        out: set[tuple[str, ...]] = set()
        for b in av[1]:
            f = _first_atoms(list(b) + rest, k)
            if f is None:
                return None
            out |= f
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        first = _first_atoms(list(sub), k)  # the repeated item's own prefixes (cut where it may end)
        if lo:
            return first
        after = _first_atoms(rest, k)  # optional: or it starts with what follows
        return None if first is None or after is None else first | after
    return None


def guard(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a lookahead trie of the literal prefixes every match of it starts with.

    Why: Python's ``re`` tries every branch of a large alternation at every word start (named groups
    defeat its first-character check), ~0.5 ms per 4 KB for the cue pattern; a lookahead of literal
    characters fails on most positions at the first character. Same matches, same groups, same
    ``finditer`` results: the guard only states a condition every match already meets. Patterns whose
    prefixes cannot be told (case-insensitive, a class first) are returned as they are."""
    if rx.flags & re.IGNORECASE:
        return rx
    try:
        parsed = _P.parse(rx.pattern, rx.flags)
    except re.error:
        return rx
    pre = _first_atoms(list(parsed.data), GUARD_PREFIX)
    if not pre or () in pre or len(pre) > GUARD_MAX:
        return rx
    root: dict[str, dict] = {}
    for atoms in pre:
        node = root
        for a in atoms:
            node = node.setdefault(a, {})
        node.clear()  # a shorter prefix covers every longer one
        node[""] = {}

    def enc(node: dict[str, dict]) -> str:
        if "" in node:
            return ""
        alts = [a + enc(node[a]) for a in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    # after a leading lookbehind ("(?<![\\w])"): it rejects mid-word positions more cheaply than the trie
    lead = _LEAD_LOOKBEHIND.match(rx.pattern)
    cut = lead.end() if lead else 0
    return re.compile(rx.pattern[:cut] + "(?=" + enc(root) + ")" + rx.pattern[cut:], rx.flags)


def _requires(pattern: str, char: str) -> bool:
    """True when every match of ``pattern`` contains the literal ``char`` (a top-level literal of the
    parsed sequence, not inside an optional part or an alternative)."""
    try:
        items = _P.parse(pattern).data
    except re.error:
        return False
    return any(op is _C.LITERAL and av == ord(char) for op, av in items)


def _without_required(patterns: list[str], char: str) -> re.Pattern[str]:
    """The alternation of ``patterns`` without the branches that need ``char``, behind a guard.

    Why: on a span without ``char`` those branches cannot match, so the reduced alternation finds the
    same matches in the same order (the first branch that matches at a position is the same one); the
    e-mail branch ``\\S+@...`` is tried at every non-space character and defeats any guard."""
    keep = [p for p in patterns if not _requires(p, char)]
    if not keep:
        return re.compile("(?!x)x")
    return first_char_guard(re.compile("|".join(f"(?:{p})" for p in keep)))


_CI_ATOM = re.compile(r"\(\?i:(\\?.)\)")


def first_char_guard(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a lookahead of one character class holding every character a match can start with.

    Why: for a short window scanned by an alternation of many ``\\b``-led branches (the furniture
    patterns), one class test per position is cheaper than the prefix trie of :func:`guard`, whose own
    alternation costs as much as it saves. Case-insensitive literals stay case-insensitive in the guard
    (``(?i:s)`` also matches 'ſ'). Same matches: the guard only states what every match starts with."""
    if rx.flags & re.IGNORECASE:
        return rx
    try:
        parsed = _P.parse(rx.pattern, rx.flags)
    except re.error:
        return rx
    pre = _first_atoms(list(parsed.data), 1)
    if not pre or () in pre:
        return rx
    plain, folded = [], []
    for (atom,) in pre:
        ci = _CI_ATOM.fullmatch(atom)
        if ci:
            folded.append(ci.group(1))
        elif atom.startswith("[") and atom.endswith("]"):
            plain.append(atom[1:-1])
        elif atom.startswith("(?i:"):
            return rx  # a case-insensitive class: not folded here
        else:
            plain.append(atom)
    alts = []
    if plain:
        alts.append("[" + "".join(sorted(plain)) + "]")
    if folded:
        alts.append("(?i:[" + "".join(sorted(folded)) + "])")
    return re.compile("(?=" + "|".join(alts) + ")(?:" + rx.pattern + ")", rx.flags)


_CI_LEAD = re.compile(r"\(\?i\)(?:\(\?<!\[\\w\]\))?")


def ci_guard(rx: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive ``(?i)`` pattern behind a case-insensitive class of the characters its matches
    start with (after its leading ``(?<![\\w])``).

    Why: the hedge pattern is an alternation of many phrases tried at every word start of every claim
    sentence; the class rejects most word starts at the first character. It is matched case-insensitively
    like the pattern itself, so it accepts every character the pattern's first atom does ('ſ' for 's').
    Same matches; patterns whose first characters cannot be told are returned as they are."""
    if not rx.flags & re.IGNORECASE:
        return rx
    lead = _CI_LEAD.match(rx.pattern)
    if not lead:
        return rx
    try:
        parsed = _P.parse(rx.pattern, rx.flags)
    except re.error:
        return rx
    if len(parsed.data) == 1 and parsed.data[0][0] is _C.BRANCH:
        return rx  # "(?i)(?<!x)A|B": the lookbehind belongs to A only; a guard after it would change B
    pre = _first_atoms(list(parsed.data), 1)
    if not pre or () in pre:
        return rx
    chars = []
    for (atom,) in pre:
        a = atom[4:-1] if atom.startswith("(?i:") else atom
        if a.startswith("[") and a.endswith("]"):
            chars.append(a[1:-1])
        elif len(a) == 1 or (len(a) == 2 and a[0] == "\\"):
            chars.append(a)
        else:
            return rx
    p = rx.pattern
    return re.compile(p[: lead.end()] + "(?=[" + "".join(sorted(chars)) + "])" + p[lead.end() :], rx.flags)


_LEAD_LOOKBEHIND = re.compile(r"\(\?<!\[[^\]\\]*(?:\\.[^\]\\]*)*\]\)")


def word_re(items: list[str] | tuple[str, ...]) -> str:
    """Phrases bounded by non-word characters on both sides (works for entries ending in '.' or '%')."""
    return r"(?<![\w])" + _alt(items) + r"(?![\w])"


@dataclass(frozen=True)
class Lang:
    """Compiled knowledge of one language."""

    code: str
    raw: dict[str, Any] = field(repr=False)
    # numbers
    thousands: str
    decimal: str
    words: dict[str, float]
    scales: dict[str, float]
    joiners: frozenset[str]
    not_alone: frozenset[str]
    multiplying: frozenset[str]
    number_re: re.Pattern[str]
    vague_re: Scan  # rare matches: found by PCRE2 (rx.py)
    qual_before_re: re.Pattern[str]
    qual_before_map: dict[str, str]
    qual_after_re: re.Pattern[str]
    qual_after_map: dict[str, str]
    range_conn_re: re.Pattern[str]
    range_open_re: re.Pattern[str]
    range_bare: frozenset[str]
    ordinal_before_re: re.Pattern[str] | None
    # furniture
    unit_after_re: re.Pattern[str]
    word_before_re: re.Pattern[str]
    anaphoric_re: re.Pattern[str] | None  # "the" before a number word: a set referred to (extract)
    furniture_re: Scan  # window scans: few matches, found by PCRE2 (rx.py)
    furniture_no_at_re: Scan
    # furniture patterns of number words ("eight out of ten", "two rockets a year"), matched at the number
    # word (the digit patterns never match a word; the window scan costs ~15-40 us a number)
    furniture_words_re: re.Pattern[str] | None
    # sentences
    abbreviations: frozenset[str]
    split_after_re: re.Pattern[str] | None
    split_after_ends: tuple[str, ...]  # "ab. ", "an. ": a paragraph without one needs no split_after pass
    # dates
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    date_re: re.Pattern[str]
    relative: dict[str, dict[str, Any]]
    deadline_re: re.Pattern[str]
    not_deadline_after_re: re.Pattern[str] | None  # after the date: the date names an event (timeexpr)
    period_words: dict[str, str]
    expect_re: dict[str, re.Pattern[str]]
    weekday_past: frozenset[str]
    weekday_future: frozenset[str]
    weekday_past_after: frozenset[str]
    weekday_future_after: frozenset[str]
    # attribution
    cue_re: re.Pattern[str]
    cue_kinds: tuple[str, ...]
    not_source_re: Scan  # rare matches: found by PCRE2 (rx.py)
    pronoun_re: re.Pattern[str] | None
    continuation_re: re.Pattern[str]
    konjunktiv_re: re.Pattern[str] | None
    reported_re: re.Pattern[str]
    name_stop: frozenset[str]
    locative_re: re.Pattern[str]
    anonymous_re: re.Pattern[str]
    # framing
    hedge_re: re.Pattern[str]
    hedge_exceptions: frozenset[str]
    conditional_re: re.Pattern[str] | None
    conditional_exceptions: frozenset[str]
    quote_pairs: tuple[tuple[str, str], ...]
    # nouns
    capitalised_nouns: bool
    head: str
    noun_skip: frozenset[str]
    vague_of: frozenset[str]
    noun_stop: frozenset[str]
    entities: dict[str, str]
    entity_max_words: int
    entity_predicates: dict[str, re.Pattern[str]]
    refinable: frozenset[str]
    conjunctions: frozenset[str]
    anaphora: dict[str, tuple[str, ...]]
    anaphor_re: re.Pattern[str]
    clause_break_re: re.Pattern[str]
    main_clause_re: re.Pattern[str] | None = None
    planned_modals: frozenset[str] = frozenset()
    planned_re: re.Pattern[str] | None = None


def available_languages() -> list[str]:
    return sorted(p.stem for p in (lexicon_dir() / "lang").glob("*.yaml") if p.stem != "common")


@functools.cache
def _common() -> dict[str, Any]:
    p = lexicon_dir() / "lang" / "common.yaml"
    return yaml.safe_load(p.read_text(encoding="utf-8")) or {}


@functools.cache
def entities_table() -> dict[str, dict[str, str]]:
    """``lexicon/entities.csv`` as {language: {term (lower case): label}}."""
    out: dict[str, dict[str, str]] = {}
    with (lexicon_dir() / "entities.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["language"].strip(), {})[row["term"].strip().lower()] = row["label"].strip()
    return out


def _strs(x: Any) -> list[str]:
    return [str(i) for i in (x or [])]


def _split_after_re(words: list[str]) -> re.Pattern[str] | None:
    """A full stop after one of ``words`` (whole word) and a space before a capitalised word: the end of
    a sentence the segmenter missed. The match ends at the full stop."""
    if not words:
        return None
    alt = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alt})\.(?= +[A-ZÄÖÜ])")


@functools.cache
def load(code: str) -> Lang:
    """The compiled lexicon of ``code``; unknown languages fall back to English knowledge."""
    path = lexicon_dir() / "lang" / f"{code}.yaml"
    if not path.is_file():
        path = lexicon_dir() / "lang" / f"{FALLBACK_LANGUAGE}.yaml"
    return _build(code, yaml.safe_load(path.read_text(encoding="utf-8")))


def _build(code: str, d: dict[str, Any]) -> Lang:
    n = d["numbers"]
    thousands = "".join(n.get("thousands_separators") or [])
    decimal = n.get("decimal_mark") or "."
    words = {str(k).lower(): float(v) for k, v in (n.get("words") or {}).items()}
    scales = {str(k).lower(): float(v) for k, v in (n.get("scales") or {}).items()}
    joiners = frozenset(_strs(n.get("joiners")))
    not_alone = frozenset(_strs(n.get("not_alone")))
    sep_cls = "[" + re.escape(thousands) + "]" if thousands else "(?!x)x"
    digit = (
        r"\d{1,3}(?:" + sep_cls + r"\d{3})+(?:[.,]\d+)?(?!\d)"
        r"|\d+(?:[.,]\d+)?(?!\d)"
    )
    pieces = _alt(list(words) + list(scales))
    if d.get("nouns", {}).get("capitalised"):
        # compounding language: a number word is one or more pieces glued together
        word = r"(?:" + pieces + "|" + _alt(list(joiners)) + r")+"
    else:
        word = pieces
    # a word that is a number only before a scale ("a thousand", not "a"; "einhundert", not "ein") and a
    # joiner alone ("und") never start a number: excluded by lookahead so they cost no match
    excl = _alt(list(not_alone) + list(joiners))
    first_word = r"(?!" + excl + r"(?![\w])(?![ \t\u00a0-]+(?i:" + _alt(list(scales)) + r")(?![\w])))" + word
    tok = r"(?:" + digit + r"|(?i:" + first_word + r"))"
    follow = (
        r"(?:(?:[ \t\u00a0]+|-|[ \t\u00a0]+(?i:" + _alt(list(joiners)) + r")[ \t\u00a0]+)"
        r"(?i:" + word + r")(?![\w]))*"
    )
    number_re = guard(re.compile(lower_regex(r"(?<![\w.,])" + tok + r"(?![\w])" + follow)))
    vague_re = scan(
        guard(
            re.compile(
                lower_regex(r"(?<![\w])(?i:" + _alt(_strs(n.get("vague")), escape=False) + r")(?![\w])")
            )
        )
    )

    def qual(section: dict[str, list[str]] | None) -> tuple[dict[str, str], list[str]]:
        m: dict[str, str] = {}
        for q, phrases in (section or {}).items():
            for p in phrases:
                m[str(p).lower()] = q
        return m, list(m)

    qb_map, qb = qual(n.get("qualifiers_before"))
    qa_map, qa = qual(n.get("qualifiers_after"))
    qual_before_re = re.compile(r"(?<![\w])(?i:(" + _alt(qb) + r"))[ \t\u00a0]*$")
    qual_after_re = re.compile(r"[ \t\u00a0]*(?i:(" + _alt(qa) + r"))(?![\w])")
    rng = n.get("range") or {}
    range_conn_re = re.compile(r"[ \t\u00a0]*(?i:(" + _alt(_strs(rng.get("connectors"))) + r"))[ \t\u00a0]*")
    range_open_re = re.compile(r"(?<![\w])(?i:" + _alt(_strs(rng.get("open"))) + r")[ \t\u00a0]+$")
    ob = _strs(n.get("ordinal_before"))
    ordinal_before_re = re.compile(r"(?<![\w])(?i:" + _alt(ob) + r")\s+$") if ob else None

    f = d.get("furniture") or {}
    units = _strs(f.get("units_after"))
    # entries starting with "re:" are regular expressions ("-[a-z]": a hyphenated modifier "two-goal lead")
    unit_rx = [u[3:] for u in units if u.startswith("re:")]
    units = [u for u in units if not u.startswith("re:")]
    unit_after_re = re.compile(r"(?:[ \t\u00a0]*|-)(?i:" + "|".join([_alt(units), *unit_rx]) + r")(?![\w])")
    word_before_re = re.compile(
        r"(?<![\w])(?i:" + _alt(_strs(f.get("words_before"))) + r")[ \t\u00a0]*[:.]?[ \t\u00a0]*$"
    )
    wpats = _strs(f.get("word_patterns"))
    fpats = _strs(f.get("patterns")) + _strs(_common().get("furniture_patterns"))
    furniture_re = scan(re.compile("|".join(f"(?:{p})" for p in fpats)) if fpats else re.compile("(?!x)x"))
    furniture_no_at_re = scan(_without_required(fpats, "@"))

    dd = d.get("dates") or {}
    months = {str(k).lower(): int(v) for k, v in (dd.get("months") or {}).items()}
    weekdays = {str(k).lower(): int(v) for k, v in (dd.get("weekdays") or {}).items()}
    month_alt = _alt(list(months))
    date_parts = []
    for key in ("day_month", "month_day"):
        pat = dd.get(key)
        if pat:
            p = pat.replace("{MONTHS}", "(?i:" + month_alt + ")")
            date_parts.append(p.replace("(?P<", f"(?P<{key[0]}{key[-1]}_"))
    period_words = {str(k).lower(): str(v) for k, v in (dd.get("period_words") or {}).items()}
    rel = {str(k).lower(): dict(v) for k, v in (dd.get("relative") or {}).items()}
    # month (with optional period word and year), year, weekday, relative phrase
    date_parts.append(
        r"(?P<mo_period>(?i:"
        + _alt(list(period_words))
        + r")[ \t\u00a0-]+(?:(?i:des|of|de|d['’])[ \t\u00a0]+)?)?"
        r"(?P<mo_month>(?i:" + month_alt + r"))(?:[ \t\u00a0]+(?P<mo_year>(?:19|20)\d{2}))?"
    )
    date_parts.append(
        r"(?P<yr_period>(?i:" + _alt(list(period_words)) + r")[ \t\u00a0-]+)?(?P<yr_year>(?:19|20)\d{2})"
    )
    date_parts.append(r"(?P<wd_day>(?i:" + _alt(list(weekdays)) + r"))")
    date_parts.append(r"(?P<rel>(?i:" + _alt(list(rel)) + r"))")
    date_re = guard(
        re.compile(lower_regex(r"(?<![\w])(?:" + "|".join(f"(?:{p})" for p in date_parts) + r")(?![\w])"))
    )
    deadline_re = re.compile(
        r"(?<![\w])(?i:(" + _alt(_strs(dd.get("deadline_before"))) + r"))[ \t\u00a0]+"
        r"(?:(?i:"
        + _alt(["dem", "der", "den", "the", "le", "la", "l'", "du", *_strs(dd.get("weekday_future"))])
        + r")[ \t\u00a0]+)?$"
    )
    expect_re = {
        k: ci_guard(re.compile(r"(?i)(?<![\w])" + _alt(_strs(v)) + r"\w*"))
        for k, v in (dd.get("expect_words") or {}).items()
    }

    a = d.get("attribution") or {}
    cues = a.get("cues") or []
    cue_kinds = tuple(str(c["kind"]) for c in cues)
    cue_re = guard(
        re.compile(
            lower_regex(
                r"(?<![\w])(?:" + "|".join(f"(?P<c{i}>{c['re']})" for i, c in enumerate(cues)) + r")(?![\w])"
            )
        )
    )
    not_source_re = scan(guard(re.compile(lower_regex(word_re(_strs(a.get("not_sources")))))))
    pr = _strs(a.get("pronouns_person"))
    pronoun_re = re.compile(r"(?<![\w])(?i:" + _alt(pr) + r")(?![\w])") if pr else None
    continuation_re = ci_guard(re.compile(r"(?i)" + word_re(_strs(a.get("continuation")))))
    kj = _strs(a.get("konjunktiv"))
    konjunktiv_re = re.compile(r"(?<![\w])" + _alt(kj) + r"(?![\w])") if kj else None
    locative_re = re.compile(r"(?<![\w])(?i:" + _alt(_strs(a.get("locative"))) + r")[ \t\u00a0]+$")
    anonymous_re = re.compile(r"(?i)" + _alt(_strs(a.get("anonymous_words"))))

    fr = d.get("framing") or {}
    hedge_re = ci_guard(
        re.compile(r"(?i)(?<![\w])(?:" + "|".join(f"(?:{h})" for h in _strs(fr.get("hedges"))) + r")(?![\w])")
    )
    cond = fr.get("conditional")
    conditional_re = re.compile(r"(?i)" + cond) if cond else None
    qp = tuple((str(p[0]), str(p[1])) for p in (d.get("quotes") or {}).get("pairs") or [])

    nn = d.get("nouns") or {}
    ents = entities_table().get(code, {})
    return Lang(
        code=code,
        raw=d,
        thousands=thousands,
        decimal=decimal,
        words=words,
        scales=scales,
        joiners=joiners,
        not_alone=not_alone,
        multiplying=frozenset(_strs(n.get("multiplying"))),
        number_re=number_re,
        vague_re=vague_re,
        qual_before_re=qual_before_re,
        qual_before_map=qb_map,
        qual_after_re=qual_after_re,
        qual_after_map=qa_map,
        range_conn_re=range_conn_re,
        range_open_re=range_open_re,
        range_bare=frozenset(x.lower() for x in _strs(rng.get("bare_connectors"))),
        ordinal_before_re=ordinal_before_re,
        unit_after_re=unit_after_re,
        word_before_re=word_before_re,
        anaphoric_re=(
            re.compile(r"(?<![\w-])(?i:" + _alt(_strs(n.get("anaphoric_before"))) + r")[ \t]+$")
            if n.get("anaphoric_before")
            else None
        ),
        furniture_re=furniture_re,
        furniture_no_at_re=furniture_no_at_re,
        furniture_words_re=re.compile("|".join(f"(?:{p})" for p in wpats)) if wpats else None,
        abbreviations=frozenset(x.lower() for x in _strs((d.get("sentences") or {}).get("abbreviations"))),
        split_after_re=_split_after_re(_strs((d.get("sentences") or {}).get("split_after"))),
        split_after_ends=tuple(f"{w}. " for w in _strs((d.get("sentences") or {}).get("split_after"))),
        months=months,
        ambiguous_months=frozenset(_strs(dd.get("ambiguous_months"))),
        weekdays=weekdays,
        date_re=date_re,
        relative=rel,
        deadline_re=deadline_re,
        not_deadline_after_re=(
            re.compile("|".join(f"(?:{p})" for p in _strs(dd.get("not_deadline_after"))))
            if dd.get("not_deadline_after")
            else None
        ),
        period_words=period_words,
        expect_re=expect_re,
        weekday_past=frozenset(_strs(dd.get("weekday_past"))),
        weekday_future=frozenset(_strs(dd.get("weekday_future"))),
        weekday_past_after=frozenset(_strs(dd.get("weekday_past_after"))),
        weekday_future_after=frozenset(_strs(dd.get("weekday_future_after"))),
        cue_re=cue_re,
        cue_kinds=cue_kinds,
        not_source_re=not_source_re,
        pronoun_re=pronoun_re,
        continuation_re=continuation_re,
        konjunktiv_re=konjunktiv_re,
        reported_re=ci_guard(re.compile(r"(?i)" + word_re(_strs(a.get("reported_markers"))))),
        name_stop=frozenset(x.lower() for x in _strs(a.get("name_stop"))),
        locative_re=locative_re,
        anonymous_re=anonymous_re,
        hedge_re=hedge_re,
        hedge_exceptions=frozenset(x.lower() for x in _strs(fr.get("hedge_exceptions"))),
        conditional_re=conditional_re,
        conditional_exceptions=frozenset(x.lower() for x in _strs(fr.get("conditional_exceptions"))),
        quote_pairs=qp,
        capitalised_nouns=bool(nn.get("capitalised")),
        head=str(nn.get("head") or "last"),
        noun_skip=frozenset(x.lower() for x in _strs(nn.get("skip_before_noun"))),
        vague_of=frozenset(x.lower() for x in _strs(nn.get("vague_of"))),
        noun_stop=frozenset(x.lower() for x in _strs(nn.get("stop"))),
        entities=ents,
        entity_max_words=max((len(t.split()) for t in ents), default=1),
        entity_predicates={
            k: ci_guard(re.compile(r"(?i)(?<![\w])" + _alt(_strs(v)) + r"(?![\w])"))
            for k, v in (nn.get("entity_predicates") or {}).items()
        },
        refinable=frozenset(_strs(nn.get("refinable"))),
        conjunctions=frozenset(x.lower() for x in _strs(nn.get("conjunctions"))),
        anaphora={str(k).lower(): tuple(_strs(v)) for k, v in (a.get("anaphora") or {}).items()},
        anaphor_re=re.compile(
            r"(?<![\w])(?i:"
            + _alt(_strs(a.get("definite_articles")))
            + r")\s+(?:\w+\s+)?(?i:("
            + _alt([str(k) for k in (a.get("anaphora") or {})])
            + r"))(?![\w])"
        ),
        clause_break_re=re.compile(
            "|".join(
                [re.escape(x) for x in _strs(fr.get("clause_breaks"))] + _strs(fr.get("main_clause_breaks"))
            )
            or "(?!x)x"
        ),
        main_clause_re=re.compile("|".join(_strs(fr.get("main_clause_breaks"))))
        if fr.get("main_clause_breaks")
        else None,
        planned_modals=frozenset(x.lower() for x in _strs(fr.get("planned_modals"))),
        planned_re=_planned_re(fr),
    )


def _planned_re(fr: dict) -> re.Pattern[str] | None:
    """Verbs of a planned change ("wegfallen", "geschaffen"): a modal hedge next to one states a plan."""
    verbs = _strs(fr.get("planned_verbs"))
    if not verbs:
        return None
    after = _strs(fr.get("planned_not_before"))
    tail = r"(?![ \t]+(?:" + _alt(after) + r")(?![\w]))" if after else ""
    unless = _strs(fr.get("planned_unless"))
    # a plan only others report ("nach Medienberichten sollen ... wegfallen") stays a hedge
    guard = r"(?!.*(?<![\w])(?:" + "|".join(unless) + r"))" if unless else ""
    return re.compile(r"(?is)^" + guard + r".*?(?<![\w])" + _alt(verbs) + r"(?![\w])" + tail)


def lexicon_files() -> list[Path]:
    """Every file the extractor reads (DVC deps, provenance)."""
    base = lexicon_dir()
    return sorted([*(base / "lang").glob("*.yaml"), base / "entities.csv", base / "sources.yaml"])
