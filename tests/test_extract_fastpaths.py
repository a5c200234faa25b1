"""The speed paths of extraction give the same output as the plain ones.

Prefix guards (``lexicon_lang.guard``) must keep every match of the pattern they guard, and the worker pool
(``extract_parallel``: forked workers on row ranges of one Arrow table) must give the same tables as the
in-process run, on real texts: the seed and the demo corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from newsclaims.attribution import mention_finder
from newsclaims.extract import Params, extract, extract_parallel
from newsclaims.lexicon_lang import guard, load, lower_text
from newsclaims.rx import Scan, pcre2_source

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "raw" / "seed" / "000_2181ba29c1439369.txt"

# Constructs the guard reads: lookbehind first, literal branches with named groups, optional parts, repeats,
# digits, character classes, case-folded groups, trailing anchors.
PATTERNS = [
    r"(?<![\w])(?:(?P<a>nach (?:eigenen )?(?:angaben|informationen)(?: des)?)|(?P<b>sag(?:t|te)?)"
    r"|(?P<c>laut))(?![\w])",
    r"(?<![\w.,])(?:\d{1,3}(?:[.]\d{3})+|\d+)(?:\s+(?:tausend|millionen))?",
    r"(?<![\w])(?:(?P<day>\d{1,2})\.?\s+(?P<month>oktober|november))|(?P<year>(?:19|20)\d{2})",
    r"\b[A-Z]{1,4}-?\d+[A-Za-z]*\b|\(\d{1,3}\)|\b(?i:bild|foto|seite)\s+\d+",
    r"(?<![\w])(?i:(rund|etwa|mehr als|mindestens))[ \t]*",
    r"(?<![\w])(?:er|sie)?(?:soll|sollen)(?![\w])",
]


def _spans(rx: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


@pytest.fixture(scope="module")
def texts(demo_dataset: Path) -> list[str]:
    arts = pl.read_parquet(demo_dataset / "articles.parquet")
    return [SEED.read_text(encoding="utf-8"), *arts["text"].to_list()]


@pytest.mark.parametrize("source", PATTERNS)
def test_guard_keeps_every_match(source: str, texts: list[str]) -> None:
    rx = re.compile(source)
    g = guard(rx)
    assert g.pattern != rx.pattern, "the guard was not applied"
    for text in texts:
        for t in (text, text.lower()):
            assert _spans(g, t) == _spans(rx, t)
            # windows with pos/endpos, as the extractor searches them
            for a in range(0, len(t), 97):
                assert [m.span() for m in g.finditer(t, a, a + 120)] == [
                    m.span() for m in rx.finditer(t, a, a + 120)
                ]


def test_guard_leaves_patterns_it_cannot_read() -> None:
    for source in (r"\S+@\S+\.\w+", r"(?i)laut", r"\w+ said"):
        rx = re.compile(source)
        assert guard(rx) is rx


@pytest.mark.parametrize("code", ["de", "en", "fr"])
def test_whole_text_patterns_are_guarded(code: str, texts: list[str]) -> None:
    lang = load(code)
    for rx in (lang.cue_re, lang.number_re, lang.date_re, lang.vague_re, lang.not_source_re):
        assert "(?=" in rx.pattern[:40], rx.pattern[:80]
        head, _, tail = rx.pattern.partition("(?=")
        # the unguarded pattern: the guard is one balanced lookahead after the leading lookbehind
        depth, i = 1, 0
        while depth:
            ch = tail[i]
            if ch == "\\":
                i += 2
                continue
            depth += {"(": 1, ")": -1}.get(ch, 0)
            i += 1
        plain = re.compile(head + tail[i:])
        for text in texts:
            low = lower_text(text)
            assert _spans(rx, low) == _spans(plain, low)


def test_worker_pool_gives_the_in_process_tables(demo_dataset: Path) -> None:
    arts = pl.read_parquet(demo_dataset / "articles.parquet")
    one = extract(arts, Params())
    many = extract_parallel(arts, Params(workers=2, batch_size=5))
    for a, b in zip(one, many, strict=True):
        assert a.height > 0
        assert a.equals(b)


@pytest.mark.parametrize("code", ["de", "en", "fr"])
def test_furniture_scan_without_email_branches_is_the_same(code: str, texts: list[str]) -> None:
    """On windows without '@' the reduced, guarded furniture alternation finds the same matches."""
    lang = load(code)
    fast, full = lang.furniture_no_at_re, lang.furniture_re
    assert "@" not in fast.pattern and fast.pattern.startswith("(?="), "no reduced, guarded pattern"
    n = 0
    for text in [*texts, "Call +49 30 1234567, page 3 of 12, ſ 12 Bild 2 von 5, ID AB-12x (40) 3/4"]:
        for a in range(0, len(text), 41):
            b = a + 95
            if "@" in text[a:b]:
                continue
            n += 1
            assert [m.span() for m in fast.finditer(text, a, b)] == [
                m.span() for m in full.finditer(text, a, b)
            ]
    assert n > 100


_CI_GUARD = re.compile(r"^\(\?i\)(\(\?<!\[\\w\]\))?\(\?=\[[^\]]*\]\)")


@pytest.mark.parametrize("code", ["de", "en", "fr"])
def test_case_insensitive_guards_keep_every_match(code: str, texts: list[str]) -> None:
    """The case-insensitive first-character guards (hedges, continuation and reported-speech markers,
    expected events, entity predicates) find what the bare patterns find, in any case and on the long s
    that folds to 's'."""
    lang = load(code)
    pats = {
        "hedge": lang.hedge_re,
        "continuation": lang.continuation_re,
        "reported": lang.reported_re,
        **{f"expect {k}": v for k, v in lang.expect_re.items()},
        **{f"predicate {k}": v for k, v in lang.entity_predicates.items()},
    }
    extra = "Er SOLL ſoll, REPORTEDLY ſupposedly, PROBABLEMENT Offenbar, ADDITIONALLY Killed, ſtarben"
    for name, rx in pats.items():
        assert _CI_GUARD.match(rx.pattern), f"{name} is not guarded"
        bare = re.compile(_CI_GUARD.sub(lambda m: "(?i)" + (m.group(1) or ""), rx.pattern))
        assert bare.pattern != rx.pattern
        for text in [*texts, extra]:
            for t in (text, text.upper()):
                assert _spans(rx, t) == _spans(bare, t), name


def test_sentence_merge_prefilter_keeps_every_merge(texts: list[str]) -> None:
    """The end-character check before the initial and ordinal searches skips only sentences they cannot
    match: every prefix of the real texts (and of hand-made endings) merges exactly as the searches say."""
    from newsclaims import sentences as S

    lang = load("de")
    ends = ["Kim J.", "am 1.", "am 1.\n", "W. Putin A.\n", "Ö.", "x.", "12.", "(3.", "A", ".", "²."]
    preps = [t[: i + 1] for t in texts for i, ch in enumerate(t) if ch == "."] + ends
    for prev in preps:
        tail = max(0, len(prev) - S.TAIL)
        for nxt in (" November 2024", " Weiter ging es", " 12 Soldaten"):
            want = bool(S._INITIAL.search(prev, tail))
            if not want and S._ORDINAL_END.search(prev, tail):
                word = nxt.lstrip().split(" ", 1)[0].lower().rstrip(",.")
                want = word in lang.months or not word[:1].isdigit()
            toks = prev.rsplit(None, 1)
            last = toks[-1].lower() if toks else ""
            if last in lang.abbreviations or last.lstrip('(„"“«') in lang.abbreviations:
                want = True
            assert S._should_merge(prev, nxt, lang) == want, (prev[-20:], nxt)


def test_backward_name_tokens_are_the_whole_span_reversed(texts: list[str]) -> None:
    """Reading a name before a cue tokenises in chunks from the end: the chunks hold exactly the tokens of
    the whole span, last first, for any span of the real texts (and spans cut inside long words)."""
    import random

    from newsclaims.attribution import _NAME_TOKEN, _tokens_backward

    rnd = random.Random(5)
    for t in [*texts, "Verteidigungsministeriumssprecherin" * 4 + " des Pentagons, sagte"]:
        for _ in range(200):
            a = rnd.randrange(len(t))
            b = min(len(t), a + rnd.randrange(400))
            whole = [m.span() for m in _NAME_TOKEN.finditer(t, a, b)][::-1]
            assert [m.span() for m in _tokens_backward(t, a, b)] == whole


def _pcre2_scans(code: str) -> list[Scan]:
    lang = load(code)
    return [
        lang.vague_re,
        lang.not_source_re,
        lang.furniture_re,
        lang.furniture_no_at_re,
        mention_finder(code).pattern,
    ]


@pytest.mark.parametrize("code", ["de", "en", "fr"])
def test_pcre2_scans_find_what_re_finds(code: str, texts: list[str]) -> None:
    """rx.Scan (PCRE2 finds where matches start, ``re`` matches there) = ``re.finditer``, on whole texts
    and on windows, also on a text that holds a match of every vague amount and no-source phrase."""
    lang = load(code)
    planted = " ".join(
        f"x {w} y." for w in [*lang.raw["numbers"]["vague"], *lang.raw["attribution"]["not_sources"]]
    )
    for rx in _pcre2_scans(code):
        assert isinstance(rx, Scan)
        for text in [*texts, planted]:
            low = lower_text(text)
            assert _spans(rx, low) == _spans(rx.re, low)
            for a in range(0, len(low), 211):
                assert [(m.span(), m.lastgroup) for m in rx.finditer(low, a, a + 300)] == [
                    (m.span(), m.lastgroup) for m in rx.re.finditer(low, a, a + 300)
                ]
            # short windows of the text as written (the furniture check around each number)
            for a in range(0, len(text), 37):
                for n in (1, 20, 95):
                    assert [(m.span(), m.lastgroup) for m in rx.finditer_window(text, a, a + n)] == [
                        (m.span(), m.lastgroup) for m in rx.re.finditer(text, a, a + n)
                    ]
    assert any(_spans(rx, lower_text(planted)) for rx in _pcre2_scans(code))


def test_pcre2_source_rewrites_only_big_z() -> None:
    assert pcre2_source(r"a\Z") == r"a\z"
    assert pcre2_source(r"a\\Z") == r"a\\Z"  # an escaped backslash before a literal Z
    assert [m.span() for m in Scan(re.compile(r"\d+\Z")).finditer("12\n")] == []
    assert [m.span() for m in Scan(re.compile(r"\d+\Z")).finditer("x 12")] == [(2, 4)]


def _alias_text(code: str) -> str:
    """Every alias, role and metonym of the registry written once in a sentence (lower case)."""
    from newsclaims.attribution import registry

    names = [
        str(n)
        for e in registry().raw
        for group in ("aliases", "roles", "metonyms")
        for n in ((e.get(group) or {}).get(code) or []) + ((e.get(group) or {}).get("en") or [])
        if not str(n).startswith("re:")
    ]
    return " ".join(f"x {n} y, {n}s und der {n.split()[0]}" for n in names)


@pytest.mark.parametrize("code", ["de", "en", "fr"])
def test_alias_prefix_hits_lead_to_the_same_mentions(code: str, texts: list[str]) -> None:
    """The alias dispatch with literal-lead lookaheads (``_prefix_hits``) finds the alias matches that
    the plain trie of three-character keys, scanned window by window, finds: on whole texts, on windows
    (also ending inside a word or an alias) and on a text holding every alias."""
    import random

    from newsclaims.attribution import _prefix_hits
    from newsclaims.lexicon_lang import trie_regex

    mf = mention_finder(code)
    longk = sorted(k for k in mf.by_prefix if len(k) == 3)
    short = sorted(k for k in mf.by_prefix if len(k) < 3)
    plain = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(
            x for x in (trie_regex(longk), "(?:" + trie_regex(short) + r")(?!\w)" if short else "") if x
        )
        + ")"
    )

    def found(hits) -> list[tuple]:
        out = []
        for w in hits:
            m = mf.by_prefix[w.group(0)].match(low, w.start())
            if m:
                out.append((m.span(), m.lastgroup))
        return sorted(out)

    rnd = random.Random(7)
    for text in [*texts, _alias_text(code)]:
        low = lower_text(text)
        spans = [(0, len(low))] + [
            (a, min(len(low), a + rnd.randrange(1, 400))) for a in rnd.sample(range(len(low)), 60)
        ]
        for a, b in spans:
            want = found(plain.finditer(low, a, b))
            assert found(_prefix_hits(mf, low, [(a, b)])) == want, (a, b)
    assert found(_prefix_hits(mf, lower_text(_alias_text(code)), None))


def test_lookbehind_reach_counts_every_character_read_before_the_start() -> None:
    from newsclaims.rx import lookbehind_reach

    assert lookbehind_reach(r"\d+") == 1  # a word boundary or line start reads one back
    assert lookbehind_reach(r"(?<=\bthree )\d") == 7  # six characters and the boundary before them
    assert lookbehind_reach(r"a|(?:(?<=ab)|(?<!xyz))c") == 4
    assert lookbehind_reach(r"(?<=(?<!a)bc)x") == 4
    text = "the three 120 and three 4500 at 12"
    rx = Scan(re.compile(r"(?<=\bthree )\d+|(?<=\bat )\d+"))
    for a in range(len(text)):
        for b in range(a, len(text) + 1):
            assert [m.span() for m in rx.finditer_window(text, a, b)] == [
                m.span() for m in rx.re.finditer(text, a, b)
            ]


@pytest.mark.parametrize("code", ["de", "en"])
def test_titled_people_finds_what_the_title_regex_finds(code: str, texts: list[str]) -> None:
    """titled_people checks candidate words against the titles instead of running the title alternation at
    every position: the same non-overlapping (title, name) matches as ``finditer`` of the full pattern, on
    windows of the real texts and on a text of titles only."""
    from newsclaims.attribution import _titled_name_re, titled_people

    lang = load(code)
    rx = _titled_name_re(code)
    extra = (
        "SPD-Innenpolitikerin Kathrin Bockey, Präsident Ministerin Anna Berger Müller und Dr. Jan Ohm sagten"
    )
    for t in [*texts, extra, "Governor Ron DeSantis and Police Chief Ed Alvarez said"]:
        for a in range(0, len(t), 211):
            b = min(len(t), a + 900)
            want = [m.span(1) for m in rx.finditer(t, a, b)]
            assert [(p.start, p.end) for p in titled_people(t, a, b, lang)] == want


def test_full_name_lookup_finds_what_the_regex_finds(texts: list[str]) -> None:
    """full_name_before finds the surname with ``str.find`` and checks the words before it: the same match
    as the one regex over the text before the mention (leftmost start, two name words where there are)."""
    from newsclaims.attribution import _full_name_match

    extra = "Director J.J. Abrams. Abrams said Tim Cook and Cook told Mr. Ed Alvarez that Alvarez-Smith left."
    for t in [*texts, extra]:
        for m in re.finditer(r"[A-Z][\w’'-]+", t):
            w = m.group(0)
            rx = re.compile(r"(?<![\w’'.-])((?:[A-Z][\w.-]*[ \t]+){1,2})" + re.escape(w) + r"(?![\w’'-])")
            for end in (m.start(), m.end(), len(t)):
                want, got = rx.search(t, 0, end), _full_name_match(t, w, end)
                assert (want.span(1) if want else None) == (got.span(1) if got else None), (w, end)
