"""How firmly a claim is stated: hedges, reported speech (Konjunktiv, quotes) and the epistemic class.

Why these three columns: media studies distinguish an outlet that *asserts* a figure, one that *attributes* it
to a source, and one that *distances itself* ("soll", "reportedly", "aurait"). German Konjunktiv of indirect
speech ("seien", "würden ausgebildet") and the source's own verb of belief ("geht davon aus", "believes") mark
reported speech, not distance, so they never make a claim hedged on their own (docs/annotation.md).
"""

from __future__ import annotations

from newsclaims.lexicon_lang import Lang


def hedge(sentence: str, lang: Lang, cue_spans: list[tuple[int, int]] = ()) -> str | None:
    """The first hedge cue of the sentence as written, or None."""
    for m in lang.hedge_re.finditer(sentence):
        w = m.group(0).lower()
        if w in lang.hedge_exceptions:
            continue
        if w in lang.planned_modals and lang.planned_re is not None and lang.planned_re.search(sentence):
            continue  # "Bis 2028 sollen 14.000 Stellen wegfallen": a plan, not distance (planned_verbs)
        return m.group(0)
    if lang.conditional_re is not None:
        for m in lang.conditional_re.finditer(sentence):
            w = m.group(0).lower()
            if w in lang.conditional_exceptions:
                continue
            return m.group(0)
    return None


def clauses(sentence: str, lang: Lang) -> list[tuple[int, int]]:
    """Clause spans of a sentence, split at the language's clause breaks ("et que", "; ", "while")."""
    out, pos = [], 0
    for m in lang.clause_break_re.finditer(sentence):
        out.append((pos, m.start()))
        pos = m.start()
    out.append((pos, len(sentence)))
    return out


def hedge_for(sentence: str, spans: list[tuple[int, int]], pos: int, lang: Lang) -> str | None:
    """The hedge that scopes over the claim at ``pos``: one in the claim's clause."""
    for a, b in spans:
        if a <= pos < b or (pos >= b and (a, b) == spans[-1]):
            return hedge(sentence[a:b], lang)
    return hedge(sentence, lang)


def konjunktiv(sentence: str, lang: Lang) -> str | None:
    """A Konjunktiv form of indirect speech in the sentence (German), or None."""
    if lang.konjunktiv_re is None:
        return None
    m = lang.konjunktiv_re.search(sentence)
    return m.group(0) if m else None


def quote_spans(text: str, lang: Lang) -> list[tuple[int, int]]:
    """Spans inside quotation marks (direct speech), for the quote pairs of the language."""
    spans: list[tuple[int, int]] = []
    for open_q, close_q in lang.quote_pairs:
        pos = 0
        while True:
            a = text.find(open_q, pos)
            if a < 0:
                break
            b = text.find(close_q, a + 1)
            if b < 0:
                break
            spans.append((a, b + 1))
            pos = b + 1
    return spans


def in_quotes(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def epistemic(hedged: bool, source_id: str | None) -> str:
    if hedged:
        return "hedged"
    return "attributed" if source_id else "asserted"
