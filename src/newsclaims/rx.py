r"""PCRE2's JIT finds where the rare matches of a whole-text scan start; Python's ``re`` matches there.

Why: some patterns of the extractor (vague amounts, phrases that are no source, regex source aliases over
the whole text; page furniture in the window around each number) are large alternations that match a few
times per scan or never, yet Python's ``re``, a backtracking interpreter, tries them at every position:
~75-90 us per 4 KB article each for the whole-text ones, ~60 us per number for the furniture window (its
patterns have lookbehinds no prefix guard can skip). PCRE2's JIT compiles the same pattern to machine
code and finds the next match start in a few microseconds (find_numbers: 750 -> 520 us per article).

Why not PCRE2's match objects: the Python binding converts every offset from UTF-8 bytes by walking the
string from its start (~2.5 us per call on 4 KB) and computes ``lastgroup`` over every group, so a pattern
with many matches (numbers: ~30 per article, reporting cues) is slower through PCRE2 than on ``re``
(measured: numbers 116 -> 181 us). Those stay on ``re``; :class:`Scan` is for patterns whose matches are
rare. Callers get ``re.Match`` objects, so groups and ``lastgroup`` are ``re``'s own.

Same matches: the PCRE2 pattern is compiled from the ``re`` pattern's source with Unicode semantics (``\w``,
``\d``, ``\s`` and case folding as in ``re``; ``\Z`` rewritten); wherever PCRE2 reports a start, ``re``
decides the match, and should the engines ever disagree the rest of the scan is left to ``re``.
``tests/test_extract_fastpaths.py`` compares every Scan with ``re.finditer`` on the seed, the demo corpus,
windows of both and planted phrases.
"""

from __future__ import annotations

import re
import re._constants as _C
import re._parser as _P
from collections.abc import Iterator

import pcre2

_BIG_Z = re.compile(r"(?<!\\)((?:\\\\)*)\\Z")


def lookbehind_reach(pattern: str, flags: int = 0) -> int | None:
    """How many characters before a match attempt's start the pattern can read: the widest lookbehind
    (plus one for a ``\\b``, ``^`` or lookbehind inside it), plus one for a word boundary or line start
    at the start itself. ``None`` when it cannot be told (the pattern does not parse)."""
    try:
        parsed = _P.parse(pattern, flags)
    except re.error:
        return None
    reach = 1  # \b, \B, ^ (MULTILINE) at the start read one character back

    def walk(items: object, behind: int) -> None:
        nonlocal reach
        for op, av in items:  # type: ignore[attr-defined]
            if op in (_C.ASSERT, _C.ASSERT_NOT):
                direction, sub = av
                if direction < 0:
                    width = sub.getwidth()[1]
                    reach = max(reach, behind + width + 1)
                    walk(sub.data, behind + width)
                else:
                    walk(sub.data, behind)
            elif op is _C.BRANCH:
                for alt in av[1]:
                    walk(alt.data, behind)
            elif op is _C.SUBPATTERN:
                walk(av[3].data, behind)
            elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
                walk(av[2].data, behind)
            elif op is _C.ATOMIC_GROUP:
                walk(av.data, behind)
            elif op is _C.GROUPREF_EXISTS:
                for sub in av[1:]:
                    if sub is not None:
                        walk(sub.data, behind)

    walk(parsed.data, 0)
    return reach


def pcre2_source(pattern: str) -> str:
    """A Python ``re`` pattern as PCRE2 reads it: ``\\Z`` (end of string in ``re``; end or before a final
    newline in PCRE2) becomes ``\\z``. Everything else the project's patterns use reads the same."""
    return _BIG_Z.sub(r"\1\\z", pattern)


class Scan:
    """A compiled pattern whose ``finditer`` runs on PCRE2 (JIT) and whose other methods run on ``re``.

    Drop-in for the ``re.Pattern`` attributes the lexicon exposes: ``pattern``, ``flags``, ``groupindex``,
    ``match``, ``search``, ``fullmatch`` come from the ``re`` pattern."""

    __slots__ = ("_behind", "_pc", "flags", "fullmatch", "groupindex", "match", "pattern", "re", "search")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.re = rx
        flags = pcre2.UNICODE | (pcre2.IGNORECASE if rx.flags & re.IGNORECASE else 0)
        if rx.flags & re.MULTILINE:
            flags |= pcre2.MULTILINE
        if rx.flags & re.DOTALL:
            flags |= pcre2.DOTALL
        self._pc = pcre2.compile(pcre2_source(rx.pattern), flags=flags)
        self._pc.jit_compile()
        self.pattern, self.flags, self.groupindex = rx.pattern, rx.flags, rx.groupindex
        self.match, self.search, self.fullmatch = rx.match, rx.search, rx.fullmatch
        self._behind = lookbehind_reach(rx.pattern, rx.flags)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """``re``'s ``finditer`` over ``string[pos:endpos]``, with PCRE2 finding where each match starts.

        PCRE2 skips the positions where nothing matches (the costly part of a scan); ``re`` then matches
        at the start PCRE2 found, so callers get ``re.Match`` objects with ``re``'s groups and
        ``lastgroup``. Why not PCRE2's own match objects: the binding converts every offset from UTF-8
        bytes by walking the string from its start (~2.5 us per call on 4 KB) and computes ``lastgroup``
        over every group. The scan resumes at the end of each match, as ``re`` does; should the engines
        ever disagree at a position (or a match be empty), the rest of the scan is left to ``re``."""
        end = len(string) if endpos is None else min(endpos, len(string))
        yield from self._confirmed(string, pos, end, string, 0)

    def finditer_window(self, string: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        """:meth:`finditer` over ``string[pos:endpos]`` for a short window of a long string: PCRE2 reads
        only the window and the characters a lookbehind can reach before it.

        Why: the binding converts ``pos`` and every match offset from UTF-8 bytes by walking the whole
        string from its start (furniture windows: ~2.5 of ~12 us per 4 KB article's window). PCRE2 on
        ``string[base:endpos]`` (``base`` = ``pos`` minus :func:`lookbehind_reach`) sees every character
        an attempt in the window reads (the end is the window's in both), so it finds the same starts;
        ``re`` matches at them on the whole string, and a disagreement leaves the rest to ``re``."""
        end = min(endpos, len(string))
        if self._behind is None:
            yield from self.finditer(string, pos, end)
            return
        base = max(0, pos - self._behind)
        yield from self._confirmed(string, pos, end, string[base:end], base)

    def _confirmed(self, string: str, pos: int, end: int, scanned: str, base: int) -> Iterator[re.Match[str]]:
        """The scan loop of both finditers: PCRE2 searches ``scanned`` (``string[base:...]``) for the next
        match start, ``re`` matches there on ``string``; an engine disagreement or an empty match leaves
        the rest to ``re``."""
        search, match = self._pc.search, self.re.match
        whole = base == 0 and scanned is string
        while pos < end:
            found = search(scanned, pos, end) if whole else search(scanned, pos - base)
            if found is None:
                return
            at = found.start() + base
            m = match(string, at, end)
            if m is None or m.end() == at:
                yield from self.re.finditer(string, at, end)
                return
            yield m
            pos = m.end()

    def __repr__(self) -> str:
        return f"rx.Scan({self.pattern[:60]!r}...)"


def scan(rx: re.Pattern[str]) -> Scan:
    """``rx`` for scans whose matches are rare: over a whole field or a window (see :class:`Scan`)."""
    return Scan(rx)
