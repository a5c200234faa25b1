"""What a number counts: the noun phrase after it as written, and a normalised English label.

Why lexicon-first: researchers compare "12.000 Soldaten", "12,000 troops" and "12 000 militaires" as one
proposition, so the label comes from ``lexicon/entities.csv`` (reviewable, one row per term). The noun phrase
is found without a tagger, from the language's word order (German nouns are capitalised and compounds end in
their head; English heads come last; French heads first). A noun the lexicon does not know keeps its lemma
(simplemma) as label, so nothing is dropped and the lexicon can grow from the data.
"""

from __future__ import annotations

import functools
import re

from newsclaims.lexicon_lang import Lang

NP_WINDOW = 90  # characters after a number searched for its noun phrase
MAX_NP_WORDS = 5  # words of a noun phrase (adjectives + noun) before giving up
MIN_SUFFIX = 4  # shortest lexicon term matched as the head of a German compound

# words; a French elision ("d'", "l'") is its own token so "d'entre eux" and "milliers d'hommes" read right
_WORD = re.compile(r"(?i:\b(?:[dljmnstc]|qu)['’](?=\w))|\w[\w’'.-]*|[^\w\s]")
_DIGIT = re.compile(r"\d")
PREDICATE_WINDOW = 120  # characters after the noun phrase searched for "getötet", "killed", "tués"
PREDICATE_BEFORE = 40  # characters before the number ("la mort ou la blessure d'au moins trente")


@functools.cache
def _lemmatizer():  # imported lazily: simplemma loads its dictionaries on first use per language
    import simplemma

    return simplemma


@functools.lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    try:
        return _lemmatizer().lemmatize(word, lang=lang)
    except (ValueError, KeyError):  # language simplemma does not know
        return word


_LABELS: dict[tuple[str, str], str | None] = {}  # (language, phrase) -> label: phrases repeat a lot
_LABELS_MAX = 200_000


def label_for(phrase: str, lang: Lang) -> str | None:
    """Lexicon label of a noun phrase: longest known multi-word term, then its head (or compound head)."""
    key = (lang.code, phrase)
    if key in _LABELS:
        return _LABELS[key]
    if len(_LABELS) >= _LABELS_MAX:
        _LABELS.clear()
    lab = _LABELS[key] = _label_for(phrase, lang)
    return lab


def _label_for(phrase: str, lang: Lang) -> str | None:
    low = phrase.lower()
    words = low.split()
    for n in range(min(lang.entity_max_words, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            term = " ".join(words[i : i + n])
            if term in lang.entities:
                return lang.entities[term]
    if lang.capitalised_nouns and words:
        head = words[-1]
        best = None
        for term, lab in lang.entities.items():
            if len(term) >= MIN_SUFFIX and head.endswith(term) and (best is None or len(term) > best[0]):
                best = (len(term), lab)
        if best:
            return best[1]
    return None


def counted(
    text: str, pos: int, limit: int, lang: Lang, vague: bool = False
) -> tuple[str | None, str | None, int]:
    """Noun phrase counted by the number ending at ``pos`` (not past ``limit``): (entity_text, label, end)."""
    seg_end = min(limit, pos + NP_WINDOW)
    toks = [(m.start() + pos, m.end() + pos, m.group(0)) for m in _WORD.finditer(text[pos:seg_end])]
    i = 0
    # "thousands of soldiers", "milliers de soldats", "12 000 d'entre eux"
    while i < len(toks) and toks[i][2].lower() in lang.vague_of:
        i += 1
    words: list[tuple[int, int, str]] = []
    while i < len(toks) and len(words) < MAX_NP_WORDS:
        w = toks[i][2]
        wl = w.lower()
        if not (w[:1].isalpha()) or (wl in lang.noun_stop and not (words and wl in lang.vague_of)):
            break
        if wl in lang.noun_stop:
            break
        words.append(toks[i])
        i += 1
    if not words:
        return None, None, pos
    if lang.capitalised_nouns:
        # skip lower-case adjectives up to the first capitalised word (the noun)
        for k, (_s, _e, w) in enumerate(words):
            if w[:1].isupper():
                np = words[: k + 1]
                break
        else:
            return None, None, pos
    else:
        phrase_words = [w for _s, _e, w in words]
        # longest lexicon term inside the window decides where the phrase ends
        np = None
        for n in range(min(lang.entity_max_words, len(words)), 0, -1):
            for k in range(len(words) - n + 1):
                term = " ".join(x.lower() for x in phrase_words[k : k + n])
                if term in lang.entities:
                    np = words[: k + n] if lang.head == "last" else words[: max(k + n, 1)]
                    break
            if np:
                break
        if np is None:
            np = words[:1] if lang.head == "first" else _english_head(words)
    s0, e0 = np[0][0], np[-1][1]
    entity_text = text[s0:e0].rstrip(".,")
    lab = None
    # "Toten und Verwundeten", "killed or wounded": a coordinated phrase may be one lexicon term
    k = toks.index(np[-1]) + 1
    if k < len(toks) and toks[k][2].lower() in lang.conjunctions:
        nxt = [t for t in toks[k : k + 3] if t[2][:1].isalpha()]
        if len(nxt) >= 2:
            ext = text[s0 : nxt[1][1]]
            lab = label_for(" ".join(w for w in ext.split()), lang)
            if lab is not None and lab != label_for(entity_text, lang):
                entity_text = ext
                e0 = nxt[1][1]
            else:
                lab = None
    lab = lab or label_for(entity_text, lang)
    if lab is None:
        head = np[0][2] if lang.head == "first" else np[-1][2]
        lab = lemma(head.rstrip(".,"), lang.code)
        if not lang.capitalised_nouns:
            lab = lab.lower()
    return entity_text, lab, e0


def refine(
    label: str | None, text: str, start: int, limit: int, lang: Lang, num_start: int = -1, sent_start: int = 0
) -> str | None:
    """A count of people that were killed or wounded is a count of deaths / wounded / casualties
    ("100 Soldaten gefallen", "la mort ou la blessure d'au moins trente soldats")."""
    if label is not None and label not in lang.refinable:
        return label
    seg = text[start : min(limit, start + PREDICATE_WINDOW)]
    nxt = _DIGIT.search(seg)  # the next number has its own predicate ("100 killed and 1,000 wounded")
    if nxt:
        seg = seg[: nxt.start()]
    if num_start >= 0:
        before = text[max(sent_start, num_start - PREDICATE_BEFORE) : num_start]
        before = _DIGIT.split(before)[-1]
        seg = before + " " + seg
    hits = [lab for lab, rx in lang.entity_predicates.items() if rx.search(seg)]
    if len(hits) > 1:
        return "casualties"
    return hits[0] if hits else label


def _english_head(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Unknown English phrase: up to the first plural-looking word (heads come last, verbs follow)."""
    for k, (_s, _e, w) in enumerate(words):
        if w.lower().endswith("s") and len(w) > 3:
            return words[: k + 1]
    return words[:1]


def entity_in(text: str, start: int, end: int, lang: Lang) -> str | None:
    """Last lexicon entity named in ``text[start:end]`` (for a number with no noun after it)."""
    best = None
    for m in _WORD.finditer(text, start, end):
        w = m.group(0).lower()
        if w in lang.entities:
            best = lang.entities[w]
        elif lang.capitalised_nouns and len(w) > MIN_SUFFIX:
            lab = label_for(w, lang)
            if lab:
                best = lab
    return best


@functools.cache
def _plural_rules(code: str) -> tuple[bool, frozenset[str]]:
    from newsclaims.lexicon_lang import load

    n = load(code).raw.get("nouns") or {}
    return bool(n.get("plural_marked")), frozenset(str(x).lower() for x in n.get("invariant_plurals") or [])


MODEL_DIGITS = (3, 4)  # digits of a model number written bare ("777", "737"; counts of 1,000+ take a comma)
MODEL_NP_WORDS = 3  # lower-case words after the number read for a plural (adjectives, then the noun)
_AFTER = re.compile(
    rf"\s+((?:[A-Z][\w’'.-]*\s+){{0,2}})([a-z][\w-]*(?:\s+[a-z][\w-]*){{0,{MODEL_NP_WORDS - 1}}})"
)


def names_a_model(text: str, num_text: str, num_end: int, lang: Lang) -> bool:
    """True when a bare 3-4 digit number before a singular noun names a model ("the 777 program", "its
    737 Max jet"): in a language that marks the plural (nouns.plural_marked) a count above one takes a
    plural noun; nouns.invariant_plurals ("police", "staff", "aircraft") and a plural name before the noun
    ("150 Indians returned") keep the count."""
    marked, invariant = _plural_rules(lang.code)
    if not marked or not num_text.isdigit() or len(num_text) not in MODEL_DIGITS:
        return False
    m = _AFTER.match(text, num_end)
    if not m:
        return False
    caps = m.group(1).split()
    if caps and caps[-1].rstrip("’'").endswith("s"):
        return False
    words = []
    for w in m.group(2).lower().split():
        if w in lang.noun_stop:
            break
        words.append(w)
    plural = any(w.endswith("s") or w in invariant or w in lang.entities for w in words)
    return bool(words) and not plural  # "100 powerful geysers" counts, "the 777 program has" names
