"""Sentence segmentation with character offsets, fast enough for 10^6 articles.

Why blingfire plus merge rules: pysbd and SoMaJo handle German abbreviations well but manage 12-28 articles/s;
syntok ~200/s. blingfire's finite-state segmenter is ~10x faster but splits after "1." in "ab 1. November",
after "Mr." and after abbreviations it does not know. The merge rules below repair exactly those splits from
data in the lexicon (abbreviations, month names) so that a claim's sentence is the whole sentence. Paragraphs
(blank-line separated, as ``articles.text`` guarantees) are never merged.
"""

from __future__ import annotations

import ctypes
import re

import blingfire

from newsclaims.lexicon_lang import Lang

_PARA = re.compile(r"\n[ \t]*\n+")
_INITIAL = re.compile(r"(?:^|\s)(?:[A-ZÄÖÜ]\.)+$")
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")
# The end-anchored patterns above are searched from TAIL characters before the end only: a search over the
# whole previous sentence tries every position of it (the costliest step of segmentation). 64 characters
# hold 32 initials; "^" still means the real start of the sentence (``pattern.search(s, pos)``).
TAIL = 64


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blank-line separated paragraphs (without the separators)."""
    out = []
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _should_merge(prev: str, nxt: str, lang: Lang) -> bool:
    nxt_first = nxt.lstrip()[:1]
    if nxt_first and (nxt_first.islower() or nxt_first in ",;:)"):
        return True
    toks = prev.rsplit(None, 1)
    last = toks[-1].lower() if toks else ""
    if last in lang.abbreviations or last.lstrip('(„"“«') in lang.abbreviations:
        return True
    # both end-anchored patterns need "X." at the end ("$" also matches before a final newline): without
    # it neither can match, and the searches (the costliest step here) are skipped
    end = prev[:-1] if prev.endswith("\n") else prev
    if end[-1:] != "." or len(end) < 2:
        return False
    c = end[-2]
    tail = max(0, len(prev) - TAIL)
    if ("A" <= c <= "Z" or c in "ÄÖÜ") and _INITIAL.search(prev, tail):
        return True
    if c.isdigit() and _ORDINAL_END.search(prev, tail):
        word = nxt.lstrip().split(" ", 1)[0].lower().rstrip(",.")
        if word in lang.months or (lang.ordinal_before_re is not None and not word[:1].isdigit()):
            return True
    return False


_BUF: list[ctypes.Array[ctypes.c_char]] = [ctypes.create_string_buffer(1 << 16)]


def _bf_sentences(chunk: str) -> str:
    """``blingfire.text_to_sentences`` with one output buffer per process: the wrapper allocates and
    zero-fills a new buffer on every call (a third of its cost). Same call, same size limit, same result."""
    data = chunk.encode("utf-8")
    size = len(data) * 2
    if len(_BUF[0]) < size:
        _BUF[0] = ctypes.create_string_buffer(size)
    buf = _BUF[0]
    n = blingfire.blingfire.TextToSentences(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(buf), ctypes.c_int(size)
    )
    if n == -1 or n > size:
        return ""
    return ctypes.string_at(buf, n).split(b"\0", 1)[0].decode("utf-8")


def _offsets(chunk: str) -> list[tuple[int, int]]:
    """Sentence offsets in ``chunk``. blingfire's own offset variant maps bytes to characters in a Python loop
    (~0.6 ms per paragraph); its plain variant is C only, so the sentences are located with ``str.find``.
    When blingfire normalised a sentence (whitespace), the offset variant is used for that paragraph."""
    out: list[tuple[int, int]] = []
    pos = 0
    for sent in _bf_sentences(chunk).split("\n"):
        if not sent:
            continue
        a = chunk.find(sent, pos)
        if a < 0:
            return [tuple(x) for x in blingfire.text_to_sentences_and_offsets(chunk)[1]]
        out.append((a, a + len(sent)))
        pos = a + len(sent)
    return out


def _split_missed(chunk: str, offs: list[tuple[int, int]], rx: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split the segmenter's sentences after the words it wrongly keeps as abbreviations
    (``sentences.split_after`` of the lexicon). One regex pass over the paragraph."""
    cuts = [m.end() for m in rx.finditer(chunk)]
    if not cuts:
        return offs
    out: list[tuple[int, int]] = []
    for a, b in offs:
        for c in cuts:
            if a < c < b:
                nxt = c + len(chunk[c:b]) - len(chunk[c:b].lstrip())
                out.append((a, c))
                a = nxt
        out.append((a, b))
    return out


def split_span(text: str, start: int, end: int, lang: Lang) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (one paragraph) as absolute (start, end) spans."""
    chunk = text[start:end]
    offs = _offsets(chunk)
    if lang.split_after_re is not None and len(offs) and any(w in chunk for w in lang.split_after_ends):
        offs = _split_missed(chunk, offs, lang.split_after_re)
    spans: list[tuple[int, int]] = []
    for a, b in offs:
        a += start
        b += start
        if spans and _should_merge(text[spans[-1][0] : spans[-1][1]], text[a:b], lang):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def split(text: str, lang: Lang) -> list[tuple[int, int]]:
    """All sentences of a field as (start, end) character offsets, paragraph by paragraph."""
    out: list[tuple[int, int]] = []
    for s, e in paragraphs(text):
        out.extend(split_span(text, s, e, lang))
    return out


def split_around(text: str, lang: Lang, positions: list[int]) -> list[tuple[int, int]]:
    """Sentences of the paragraphs that hold ``positions`` and of the paragraph before each (attribution is
    carried from the previous sentence); every other paragraph stays one span. Same spans as :func:`split`
    where it matters, at a fraction of the cost on long articles with few claims."""
    paras = paragraphs(text)
    need: set[int] = set()
    k = 0
    for pos in sorted(positions):
        while k + 1 < len(paras) and paras[k + 1][0] <= pos:
            k += 1
        need.update((k, k - 1))
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(paras):
        if i in need:
            out.extend(split_span(text, s, e, lang))
        else:
            out.append((s, e))
    return out
