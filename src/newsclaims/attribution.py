"""Who a claim is attributed to: source registry, source mentions, reporting cues and their resolution.

Why a registry: "der südkoreanische Geheimdienst", "NIS", "Seoul's spy agency" and "services de renseignement
sud-coréens" are one source for a researcher comparing outlets; ``lexicon/sources.yaml`` maps aliases in every
language to one canonical row (with type, country, Wikidata id, parent organisation of a person). A source the
registry does not know becomes its own row "x-<slug>" from its normalised name, never dropped.

Attribution is decided per sentence: a reporting cue (lexicon) plus the nearest source mention on the side
the cue expects ("laut X", "X zufolge", "X said"); a pronoun next to the cue ("Er rechne damit") refers back
to the last person mentioned; a sentence without a cue inherits the previous sentence's source when it is
still reported speech (Konjunktiv, hedge) or the next sentence continues it ("Wie der NIS weiter berichtet").
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from newsclaims.lexicon_lang import (
    Lang,
    _phrase,
    guard,
    literal_lead,
    lower_regex,
    lower_text,
    tailed_trie_regex,
    trie_regex,
)
from newsclaims.paths import lexicon_dir
from newsclaims.rx import Scan, scan

CUE_WINDOW = 100  # max characters between a cue and the source mention it introduces
PRONOUN_GAP = 3  # max characters between a pronoun and its cue ("Er rechne", "said he")
BACKREF_SENTENCES = 4  # how many sentences back a pronoun looks for its person
UNKNOWN_MAX_WORDS = 6  # words of an unknown source's name read from the text
PERSON_TYPES = frozenset({"official", "legislator"})
ADJ_ENDINGS = ("en", "er", "es", "em", "e")
NOUN_ENDINGS = "(?:es|en|er|s|n|e)?"
ADJACENT_GAP = 25  # a name read straight at a cue ("laut X", "so der X") must start this close to it


@dataclass(frozen=True)
class Source:
    source_id: str
    name: str
    source_type: str
    country: str | None
    wikidata_qid: str | None
    parent_source_id: str | None
    aliases: tuple[str, ...]
    in_registry: bool = True

    def row(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "name": self.name,
            "source_type": self.source_type,
            "country": self.country,
            "wikidata_qid": self.wikidata_qid,
            "aliases": list(self.aliases),
            "parent_source_id": self.parent_source_id,
            "in_registry": self.in_registry,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    source_id: str
    mention_type: str  # name | role | pronoun | unknown
    text: str
    name: str | None = None  # an unknown source's name in its base form, when it differs from ``text``


@dataclass
class Registry:
    sources: dict[str, Source]
    by_alias: dict[str, str] = field(default_factory=dict)  # normalised alias -> source_id
    raw: list[dict[str, Any]] = field(default_factory=list)
    generic_ids: frozenset[str] = frozenset()  # entries marked `generic: true` (police, court, ...)

    def resolve_name(self, name: str | None) -> str | None:
        """Canonical id for a name written anywhere (gold files, answer keys); x-slug when unknown."""
        if name is None or not str(name).strip():
            return None
        key = norm_name(name)
        if key in self.by_alias:
            return self.by_alias[key]
        for sid, src in self.sources.items():
            if norm_name(src.name) == key or sid == key:
                return sid
        # a name that ends in a generic institution's alias: "Munich police", "Bremen prosecutors"
        words = key.split()
        for i in range(1, len(words)):
            sid = self.by_alias.get(" ".join(words[i:]))
            if sid is not None and sid in self.generic_ids:
                return sid
        return unknown_id(name)


_ARTICLE = re.compile(r"^(?:the|der|die|das|des|dem|den|le|la|les|l')\s+")
_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).replace("’", "'").strip().lower()
    s = _ARTICLE.sub("", s)
    return _SPACES.sub(" ", s)


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub("-", s).strip("-") or "source"


def unknown_id(name: str) -> str:
    return "x-" + slug(norm_name(name))[:60].strip("-")


@functools.cache
def registry() -> Registry:
    """The versioned registry ``lexicon/sources.yaml``."""
    data = yaml.safe_load((lexicon_dir() / "sources.yaml").read_text(encoding="utf-8"))
    sources: dict[str, Source] = {}
    by_alias: dict[str, str] = {}
    for e in data["sources"]:
        literal: list[str] = []
        for group in ("aliases", "roles", "metonyms"):
            for _lang, names in (e.get(group) or {}).items():
                for n in names or []:
                    if not str(n).startswith("re:"):
                        literal.append(str(n))
        aliases = tuple(dict.fromkeys([e["name"], *literal]))
        src = Source(
            source_id=e["id"],
            name=e["name"],
            source_type=e["type"],
            country=e.get("country"),
            wikidata_qid=e.get("wikidata"),
            parent_source_id=e.get("parent"),
            aliases=aliases,
        )
        if src.source_id in sources:
            raise ValueError(f"lexicon/sources.yaml: duplicate id {src.source_id!r}")
        sources[src.source_id] = src
        for a in aliases:
            by_alias.setdefault(norm_name(a), src.source_id)
    for s in sources.values():
        if s.parent_source_id and s.parent_source_id not in sources:
            raise ValueError(f"lexicon/sources.yaml: {s.source_id} has unknown parent {s.parent_source_id!r}")
    generic = frozenset(e["id"] for e in data["sources"] if e.get("generic"))
    return Registry(sources, by_alias, data["sources"], generic)


def _alias_regex(alias: str, inflect: bool) -> str:
    """Regex for one alias; German aliases match every case ending of adjectives and the final noun."""
    if alias.startswith("re:"):
        return alias[3:]
    toks = alias.split()
    parts = []
    for i, t in enumerate(toks):
        last = i == len(toks) - 1
        if inflect and t.replace("-", "").isalpha() and len(t) > 3 and not t.isupper():
            if last and t[:1].isupper():
                stem = t
                for end in ("es", "e"):
                    if t.endswith(end) and len(t) > 6:
                        stem = t[: -len(end)]
                        break
                parts.append(re.escape(stem) + NOUN_ENDINGS)
                continue
            if not last and t[:1].isupper() and toks[i + 1][:1].islower() and t[-1:] not in "ersn":
                # the head noun before a post-modifier takes the case ending ("des Bundesamts für
                # Migration", "des Gesundheitsministeriums in Gaza"); adjectives and nouns ending like
                # an inflected form ("Deutsche", "Vorsitzender") keep the adjective rule below
                parts.append(re.escape(t) + NOUN_ENDINGS)
                continue
            if not last or t[:1].islower():
                stem = t
                for end in ADJ_ENDINGS:
                    if t.endswith(end):
                        stem = t[: -len(end)]
                        break
                if stem != t or t[:1].islower():
                    parts.append(re.escape(stem) + "(?:e|en|er|es|em)?")
                    continue
        parts.append(_phrase(t))
    out = r"\s+".join(parts)
    return out


@dataclass(frozen=True)
class MentionFinder:
    pattern: Scan  # over lower-cased text (case-insensitive alternations are slow in `re`)
    groups: dict[str, tuple[str, str]]  # group name -> (source_id, mention_type)
    strict: dict[str, re.Pattern[str]]  # aliases with acronyms ("NIS", "UN") must match case too
    by_prefix: dict[str, re.Pattern[str]]  # first 3 letters of a word -> the literal aliases starting so
    prefix_re: re.Pattern[str]  # word starts that begin like some literal alias (a trie of 3-char keys
    # with the rest of each alias's literal lead as a lookahead; scanned past a window's end: _prefix_hits)
    short_re: re.Pattern[str] | None  # one- and two-character keys that are a whole word ("un", "eu")
    # groups of a person's one-word aliases (a surname: "Singh"): inside a longer name that is not the
    # person's ("Lakshiwnder Singh", "Singh Jabarjung") the surname is someone else (_part_of_other_name)
    surname: frozenset[str] = field(default_factory=frozenset)


@functools.cache
def mention_finder(lang_code: str) -> MentionFinder:
    """One compiled regex over every alias of the language (and English names), longest first."""
    reg = registry()
    entries: list[tuple[str, str, str, str]] = []  # (regex, source_id, type, alias)
    inflect = lang_code == "de"
    for e in reg.raw:
        for group, mtype in (("aliases", "name"), ("roles", "role"), ("metonyms", "metonym")):
            langs = e.get(group) or {}
            own = [str(n) for n in (langs.get(lang_code) or [])]
            for n in dict.fromkeys(own):
                entries.append((_alias_regex(n, inflect), e["id"], mtype, n))
            if lang_code != "en" and group == "aliases":
                # English proper names are used in every language ("NATO", "Pentagon")
                for n in dict.fromkeys(str(x) for x in (langs.get("en") or [])):
                    if n[:1].isupper() and n not in own:
                        entries.append((_alias_regex(n, False), e["id"], mtype, n))
    entries.sort(key=lambda x: (-len(x[3]), x[0]))  # longest alias first: the regex engine takes the first
    groups: dict[str, tuple[str, str]] = {}
    strict: dict[str, re.Pattern[str]] = {}
    alts = []
    # one alternative per lower-cased alias; case matters only when every spelling is an acronym
    # ("NIS", "UN"), not when the registry also lists "Otan" next to "OTAN"
    merged: dict[tuple[str, str, str], list[str]] = {}
    keys: dict[tuple[str, str, str], str | None] = {}
    alias_lists: dict[tuple[str, str, str], list[str]] = {}
    for rx, sid, mtype, alias in entries:
        k = (lower_regex(rx), sid, mtype)
        merged.setdefault(k, []).append(rx)
        alias_lists.setdefault(k, []).append(alias)
        first = alias.split()[0].lower() if alias else ""
        literal = alias and not alias.startswith("re:") and re.match(r"\w{2}", first)
        key = re.match(r"\w{1,3}", first).group(0) if literal else None
        keys[k] = None if (k in keys and keys[k] != key) else key
    by_key: dict[str, list[str]] = {}
    tails: dict[str, list[str]] = {}  # key -> per literal alias, the literal text its matches go on with
    aliases_of = list(alias_lists.values())  # in the order of merged (same keys, same insertion order)
    for i, ((lrx, sid, mtype), spellings) in enumerate(merged.items()):
        g = f"s{i}"
        groups[g] = (sid, mtype)
        alt = f"(?P<{g}>{lrx})"
        key = keys[(lrx, sid, mtype)]
        if key:
            by_key.setdefault(key, []).append(alt)
            lead = literal_lead(lrx)
            tails.setdefault(key, []).append(lead[len(key) :] if lead.startswith(key) else "")
        else:
            alts.append(alt)
        if all(re.search(r"(?<![\w\\])[A-Z]{2,}(?![a-z])", rx) for rx in spellings):
            strict[g] = re.compile("|".join(f"(?:{rx})" for rx in spellings))
    # Literal aliases are tried only at words that start like them (a dict lookup per word): one big
    # alternation over the whole text costs ~12 ms per 4 KB article; regex aliases run as one pattern.
    pat = scan(guard(re.compile(r"(?<![\w-])(?:" + ("|".join(alts) or "(?!x)x") + r")(?![\w-])")))
    by_prefix = {k: re.compile(r"(?:" + "|".join(v) + r")(?![\w-])") for k, v in by_key.items()}
    # the key of a word is its first three word characters (fewer when the word is shorter), as
    # a word start reads it (\\w{1,3}): a short key must end the word. A three-character key matches only
    # where the rest of some alias's literal lead follows (a lookahead: "the" before "alliance"), so the
    # word starts no alias of the key can match never reach Python (~100 per 4 KB article, "the", "des",
    # "ver"); every alias match starts with its lead, so the hits that find mentions are the same.
    long_keys = {k: tails[k] for k in by_prefix if len(k) == 3}
    short_keys = sorted(k for k in by_prefix if len(k) < 3)
    short = "(?:" + trie_regex(short_keys) + r")(?!\w)" if short_keys else ""
    prefix_re = re.compile(
        r"(?<![\w-])(?:" + "|".join(x for x in (tailed_trie_regex(long_keys), short) if x) + ")"
    )
    short_re = re.compile(r"(?<![\w-])" + short) if short_keys else None
    surname = frozenset(
        f"s{i}"
        for i, (sid, mtype) in enumerate(groups.values())
        if mtype == "name"
        and reg.sources[sid].source_type in PERSON_TYPES
        and all(len(a.split()) == 1 for a in aliases_of[i])
    )
    return MentionFinder(pat, groups, strict, by_prefix, prefix_re, short_re, surname)


def _prefix_hits(
    mf: MentionFinder, low: str, windows: list[tuple[int, int]] | None
) -> Iterator[re.Match[str]]:
    """Word starts whose key (first three word characters, or a shorter whole word) starts some literal
    alias, in the windows: the hits a scan of each window alone (``finditer(low, a, b)``) finds.

    The scan runs past the window's end, because the lookahead of a three-character key reads the
    alias's lead there as the alias pattern (matched on the whole text) does; a hit counts when it ends
    within the window. The one place the window's end changes a hit: a short key ending exactly there
    reads the end as the end of the text (``(?!\\w)`` holds) though a word character follows, so that
    case is matched within the window. The hits have distinct starts, so their order does not matter
    (find_mentions sorts them)."""
    if windows is None:
        windows = [(0, len(low))]
    for a, b in windows:
        for w in mf.prefix_re.finditer(low, a):
            if w.end() > b:
                break
            yield w
        if mf.short_re is not None and b < len(low) and _WORD_CHAR.match(low, b):
            for p in range(max(a, b - 2), b):
                m = mf.short_re.match(low, p, b)
                if m is not None and m.end() == b:
                    yield m


_WORD_CHAR = re.compile(r"\w")


def merge_windows(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted((max(0, a), min(n, b)) for a, b in spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def find_mentions(
    text: str, lang: Lang, lower: str | None = None, windows: list[tuple[int, int]] | None = None
) -> list[Mention]:
    """Registry mentions in a field (names, roles, metonyms not used as places), optionally only inside
    ``windows`` (the extractor passes the surroundings of reporting cues: only there a mention can be a
    source, and scanning 4 KB for ~400 aliases is the costliest step of extraction)."""
    mf = mention_finder(lang.code)
    low = lower if lower is not None else lower_text(text)
    out: list[Mention] = []
    found = (
        list(mf.pattern.finditer(low))
        if windows is None
        else [m for a, b in windows for m in mf.pattern.finditer(low, a, b)]
    )
    for w in _prefix_hits(mf, low, windows):
        m = mf.by_prefix[w.group(0)].match(low, w.start())
        if m:
            found.append(m)
    found.sort(key=lambda m: (m.start(), -m.end()))
    last_end = -1
    for m in found:
        if m.start() < last_end:
            continue  # overlapping a longer mention found at an earlier start
        g = m.lastgroup or ""
        sid, mtype = mf.groups[g]
        if g in mf.strict and not mf.strict[g].fullmatch(text, m.start(), m.end()):
            continue
        if g in mf.surname and _part_of_other_name(text, m.start(), m.end(), lang):
            continue
        if mtype == "metonym":
            if lang.locative_re.search(text, max(0, m.start() - 15), m.start()):
                continue
            if _metonym_in_name(text, m.end(), lang):
                continue  # "The Washington Post's Fact Checker": a longer name, not the government
            if _DATELINE.match(text, m.end()):
                continue  # "WASHINGTON — NASA announced", "BERLIN (dpa) -": the dateline, no speaker
            mtype = "name"
        out.append(Mention(m.start(), m.end(), sid, mtype, text[m.start() : m.end()]))
        last_end = m.end()
    return out


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str  # speech | belief | prep
    text: str
    side: str = ""  # where the source stands, if the lexicon says ("told": before; after it: the addressee)


@functools.cache
def _cue_sides(code: str) -> tuple[str, ...]:
    from newsclaims.lexicon_lang import load

    cues = (load(code).raw.get("attribution") or {}).get("cues") or []
    return tuple(str(c.get("side") or "") for c in cues)


def find_cues(text: str, start: int, end: int, lang: Lang, lower: str | None = None) -> list[Cue]:
    """Reporting cues in ``text[start:end]``, minus phrases that attribute to no one ("Berichten zufolge")."""
    from newsclaims.lexicon_lang import lower_text

    low = lower if lower is not None else lower_text(text)
    blocked = [m.span() for m in lang.not_source_re.finditer(low, start, end)]
    sides = _cue_sides(lang.code)
    out = []
    for m in lang.cue_re.finditer(low, start, end):
        if blocked and any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        idx = int((m.lastgroup or "c0")[1:])
        out.append(Cue(m.start(), m.end(), lang.cue_kinds[idx], text[m.start() : m.end()], sides[idx]))
    return out


PREP_AFTER = re.compile(r"(?i)^(?:laut|nach|according|citing|selon|d['’]après|as |de source)")


def _side(cue: Cue) -> str:
    """Where the source stands relative to the cue: after ("laut X"), before ("X zufolge") or either.

    Read once per cue wording (:func:`_side_of`): a field pairs each cue with its mentions and sentences
    several times (~35 reads per 4 KB article), and cue wordings repeat across articles."""
    return cue.side or _side_of(cue.text, cue.kind)


@functools.lru_cache(maxsize=8192)
def _side_of(text: str, kind: str) -> str:
    """:func:`_side` of a cue without a lexicon side, from its text and kind alone."""
    t = text.lower()
    own = _own_words()
    if own is not None and own.search(t):
        return "before"  # "Die Feuerwehr rückte nach eigenen Angaben ... aus": the subject before the cue
    if kind == "prep":
        return "before" if t.endswith("zufolge") else "after"
    if t.startswith("wie "):
        return "inside"
    if t == "so":
        return "after"
    return "either"


def pair_cue_mention(cues: list[Cue], mentions: list[Mention]) -> tuple[Cue, Mention] | None:
    """The (cue, mention) pair of a sentence that belong together, nearest first."""
    r = pair_with_gap(cues, mentions)
    return (r[1], r[2]) if r else None


def pair_with_gap(cues: list[Cue], mentions: list[Mention]) -> tuple[int, Cue, Mention] | None:
    """Nearest (gap, cue, mention); a person speaking for the chosen organisation wins over it
    ("der Sprecher des Nationalen Sicherheitsrats, John Kirby")."""
    best: tuple[int, Cue, Mention] | None = None
    for c in cues:
        side = _side(c)
        for m in mentions:
            if c.start <= m.start and m.end <= c.end:
                gap = 0
            elif m.start >= c.end:
                if side == "before":
                    continue
                gap = m.start - c.end
            elif m.end <= c.start:
                if side in ("after", "inside"):
                    continue
                gap = c.start - m.end
            else:
                gap = 0
            if gap > CUE_WINDOW:
                continue
            if best is None or gap < best[0]:
                best = (gap, c, m)
    if best is not None:
        reg = registry().sources
        gap, c, m = best
        for other in mentions:
            src = reg.get(other.source_id)
            if (
                src is not None
                and src.parent_source_id == m.source_id
                and (abs(other.start - c.end) <= CUE_WINDOW or abs(c.start - other.end) <= CUE_WINDOW)
            ):
                return gap, c, other
    return best


def read_at_cue(
    text: str, cue: Cue, lang: Lang, s_start: int, s_end: int, earlier: list[Mention] = ()
) -> tuple[int, Mention] | None:
    """A name written right at the cue ("nach Angaben von Abgeordneten"), with its gap."""
    m = unknown_source(text, cue, lang, s_start, s_end)
    if m is None:
        return None
    r = _checked_read(text, cue, lang, s_start, m, earlier)
    if r is None and m.start >= cue.end and _side(cue) == "either" and not lang.capitalised_nouns:
        # the word after the verb is no source ("Police said Smith had ..."): the subject before it
        b = unknown_source(text, cue, lang, s_start, s_end, after=False)
        r = _checked_read(text, cue, lang, s_start, b, earlier) if b is not None else None
    return r


def _checked_read(
    text: str, cue: Cue, lang: Lang, s_start: int, m: Mention, earlier: list[Mention]
) -> tuple[int, Mention] | None:
    gap = m.start - cue.end if m.start >= cue.end else (cue.start - m.end if m.end <= cue.start else 0)
    if gap > ADJACENT_GAP:
        return None
    if m.mention_type == "role":
        return gap, m  # a speaker by its common noun ("prosecutors said"), read by read_speaker_noun
    if any(t.lower() in lang.entities for t in m.text.split()):
        return None  # "von 1.500 Soldaten gesprochen": the counted noun, not a speaker
    if _side(cue) == "either":
        # a verb of saying has its subject or object anywhere near: only proper names ("Olena Kravets
        # said") or names the registry or an anaphor resolves, never any capitalised noun
        caps = [t for t in m.text.split() if t[:1].isupper()]
        if len(caps) < 2 and resolve_read(m, lang, list(earlier), text).mention_type == "unknown":
            if is_spokesperson(m, lang, text[max(0, m.start - 8) : m.start]):
                return gap, m  # "The spokesperson said": speaks for an organisation (extract)
            if lang.capitalised_nouns:
                # every German noun is capitalised: one capitalised word is no name, unless it is the surname
                # of a person named in full before ("Martina Schöllgen ... sagte Schöllgen")
                full = (
                    full_name_before(text, m, lang)
                    if m.end <= cue.start or text[m.end : m.end + 1] in ",.;:"
                    else None
                )
                return (gap, full) if full is not None else None
            if m.start >= cue.end and not (m.end >= len(text) or text[m.end] in ",.;:"):
                return None  # 'said Thomas is ...', 'said that Rudolph ...': the subject of what was said
            full = full_name_before(text, m, lang)
            if full is not None:
                return gap, full  # "Alvarez says", after "Police Chief Ed Alvarez"
            words = _speaker_words(lang.code)
            low1 = m.text.lower()
            if (
                gap <= 1
                and len(caps) == 1
                and (cue.kind == "speech" or not text[s_start : m.start].strip(' "“”‘’'))
                # after the verb only when the name ends the clause ('..., said Smith.'), not 'said Smith had'
                and (m.end <= cue.start or m.end >= len(text) or text[m.end] in ",.;:")
                and low1 not in words["not_names"]
                and low1 not in words["speaker_nouns"]
                and low1 not in words["member_nouns"]
                and not lang.anonymous_re.search(low1)
            ):
                return gap, m  # "Tottenham said", "Edmunds expects": a one-word name right at the verb
            return None
    return gap, m


def _same_word(a: str, b: str) -> bool:
    """Equal up to an inflection ending ("abgeordneten" ~ "abgeordnete")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 6 and long_.startswith(short) and len(long_) - len(short) <= 2


@functools.cache
def _indefinite_words(code: str) -> frozenset[str]:
    from newsclaims.lexicon_lang import load

    a = load(code).raw.get("attribution") or {}
    return frozenset(str(x).lower() for x in a.get("indefinite_articles") or [])


@functools.cache
def _definite(code: str) -> frozenset[str]:
    from newsclaims.lexicon_lang import load

    a = load(code).raw.get("attribution") or {}
    return frozenset(str(x).lower() for x in a.get("definite_articles") or [])


def _indefinite(lang: Lang) -> frozenset[str]:
    return _indefinite_words(lang.code)


def resolve_read(m: Mention, lang: Lang, earlier: list[Mention], text: str | None = None) -> Mention:
    """A name read from the text: registry alias (any language), anaphor of an earlier source, or unknown.

    With the field ``text``, a person's one-word alias (a surname) is the registry person only where the
    text also names them in full (MentionFinder.surname)."""
    reg = registry()
    key = norm_name(m.text)
    if key in reg.by_alias and not (
        text is not None
        and " " not in key
        and reg.sources[reg.by_alias[key]].source_type in PERSON_TYPES
        and _part_of_other_name(text, m.start, m.end, lang)
    ):
        return Mention(m.start, m.end, reg.by_alias[key], "name", m.text)
    words = key.split()
    if words and words[0] in _indefinite(lang):
        return m  # "ein Sprecher", "a spokesman": a new, unnamed referent, neither anaphor nor registry role
    toks = m.text.split()
    caps = sum(t[:1].isupper() for t in toks)
    if not lang.capitalised_nouns and toks and toks[-1][:1].isupper() and caps >= 2:
        return m  # a proper name ending in a capitalised noun ("Berrien County Health Department")
    for n in (3, 2, 1):
        tail = " ".join(words[-n:])
        if len(words) >= n and tail in lang.anaphora:
            types = set(lang.anaphora[tail])
            for e in sorted(earlier, key=lambda x: x.start, reverse=True):
                src = reg.sources.get(e.source_id)
                if src is not None and src.source_type in types and e.end <= m.start:
                    return Mention(m.start, m.end, e.source_id, "role", m.text)
            sp = _rules(lang.code)["spokesperson"]
            if sp is not None and sp.fullmatch(tail):
                break  # "der Sprecher", no one named before: an organisation speaks (extract)
            # no antecedent: the one registry source of that type whose alias has this noun
            hits = {
                s.source_id
                for s in reg.sources.values()
                if s.source_type in types
                and any(_same_word(tail, w) for a in s.aliases for w in norm_name(a).split())
            }
            if len(hits) == 1:
                return Mention(m.start, m.end, hits.pop(), "role", m.text)
            break
    return m


_DATELINE = re.compile(r"[ \t]*(?:\([\w .,/-]{1,30}\)[ \t]*)?[—–-][ \t]")
_NEXT_CAP = re.compile(r"[ \t]([A-Z][\w’'-]*)")
_PREV_CAP = re.compile(r"([A-Z][\w’'.-]*)[ \t]$")


def _part_of_other_name(text: str, start: int, end: int, lang: Lang) -> bool:
    """True when the one-word name at [start, end) ("Singh") is glued to another capitalised name word
    ("Singh Jabarjung", "Lakshiwnder Singh"): a longer name, someone else than the registry person. A
    title before it ("Secretary Austin", "Rep. Omar") is no name word; German capitalises every noun, so
    there only the word after counts."""
    nxt = _NEXT_CAP.match(text, end)
    if nxt and nxt.group(1).lower() not in lang.name_stop:
        return True
    if lang.capitalised_nouns:
        return False
    prev = _PREV_CAP.search(text, max(0, start - 30), start)
    if not prev:
        return False
    w = prev.group(1)
    titles = _speaker_words(lang.code)["name_titles"]
    return not w.endswith(".") and w.lower() not in titles and w.lower() not in lang.name_stop


def _metonym_in_name(text: str, end: int, lang: Lang) -> bool:
    """True when a place metonym ("Washington", "Moscow") is followed by a capitalised name word ("Washington
    Post", "Moscow Times", "Kyiv Independent"): the place names an outlet or body, not its government.
    Only where capitals mark names (English, French), not weekday or month names ("Moscow Monday")."""
    if lang.capitalised_nouns:
        return False
    nxt = _NEXT_CAP.match(text, end)
    if not nxt:
        return False
    w = nxt.group(1).lower()
    return w not in lang.name_stop and w not in lang.weekdays and w not in lang.months


_NAME_TOKEN = re.compile(r"[\w’'.-]+")


_VERB_ARTICLE = re.compile(r"[ \t]+[a-zäöüß]+[ \t]+(\w+)[ \t]+")


def unknown_source(
    text: str, cue: Cue, lang: Lang, s_start: int, s_end: int, after: bool = True
) -> Mention | None:
    """A source the registry does not know, read from the words the cue points at (``after=False``: only
    before it)."""
    side = _side(cue)
    poss = _rules(lang.code)["possessive"]
    if poss is not None and poss.match(text, cue.end + 1) and text[cue.end : cue.end + 1] == " ":
        return None  # "nach seinen Worten ist die Brücke ...": the possessive is the source (a pronoun)
    if after and side in ("after", "either", "inside"):
        seg_start = cue.end if side != "inside" else cue.start + len(cue.text.split()[0])
        seg_end = s_end if side != "inside" else cue.end
        m = _read_name(text, seg_start, seg_end, lang, forward=True)
        if side == "after" and (m is None or m.end >= seg_end or text[m.end : m.end + 1] == " "):
            sp = read_speaker_after(text, seg_start, seg_end, lang)
            if sp is not None:
                return sp  # "according to police", "according to the Jordanian government"
        if m:
            return m
    if side in ("before", "either"):
        m = _read_name(text, s_start, cue.start, lang, forward=False)
        own = _own_words()
        if side == "before" and own is not None and own.search(cue.text):
            prep = _rules(lang.code)["object_before"]
            if m is None or (prep is not None and prep.search(text, max(s_start, m.start - 12), m.start)):
                # "Das Institut befragte am Wahltag nach eigenen Angaben ...": the noun before the cue is
                # a preposition's object; the own figures are the subject's, which opens the clause
                cs = max(s_start, *(text.rfind(p, s_start, cue.start) + 1 for p in ",;:"))
                subj = _read_name(text, cs, cue.start, lang, forward=True)
                lead = text[cs : subj.start].split() if subj is not None else []
                # only a subject the clause opens with its article ("Das Institut"), no sentence adverb
                if (
                    subj is not None
                    and (m is None or subj.end <= m.start)
                    and len(lead) == 1
                    and lead[0].lower() in _definite(lang.code)
                ):
                    return subj
                if m is None and not text[cs : cue.start].strip():
                    # "Nach eigenen Angaben verlor der Zoo ...": the cue opens the clause, the subject
                    # follows the verb
                    vm = _VERB_ARTICLE.match(text, cue.end)
                    if vm and vm.group(1).lower() in _definite(lang.code):
                        return _read_name(text, vm.end(), s_end, lang, forward=True)
                if m is not None and " " not in m.text:
                    return None  # "Im Vorjahr hatte sie nach eigenen Angaben": no subject by name
        if side == "either" and (m is None or m.end < cue.start - 1 or " " not in m.text):
            sp = read_speaker_noun(text, cue, lang, s_start)
            if sp is not None:
                return sp
        return m
    return None


_PUNCT = re.compile(r"[,;:()\"„“”«».!?—–]")
# words inside a name ("Institute on Drug Abuse", "Ministerium für ...")
_CONNECT = frozenset({"des", "der", "of", "de", "du", "of the", "für", "for", "on"})


_NAME_CHAR = re.compile(r"[\w’'.-]")  # the characters of _NAME_TOKEN
BACK_CHUNK = 48  # characters tokenised at a time when reading backwards from a cue


def _tokens_backward(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The ``_NAME_TOKEN`` matches of ``text[start:end]``, last first, tokenised in chunks from the end.

    Why: reading a name before a cue stops after a few words, but tokenising the whole sentence start
    first cost as much as the reading. Each chunk starts where no token can continue across (after a
    non-token character, or at ``start``), so the chunks hold exactly the tokens of the whole span."""
    hi = end
    while hi > start:
        lo = max(start, hi - BACK_CHUNK)
        while lo > start and _NAME_CHAR.match(text, lo - 1):
            lo -= 1
        yield from reversed(list(_NAME_TOKEN.finditer(text, lo, hi)))
        hi = lo


def _read_name(text: str, start: int, end: int, lang: Lang, forward: bool) -> Mention | None:
    """Read a source name next to a cue: capitalised words (German: adjectives inside), no punctuation."""
    # The first token's gap (the non-name characters between the cue side of the span and the nearest
    # token) holding punctuation ends the reading with nothing picked: checked before any tokenising
    # (most reads at a cue end so: "..., sagte X", "said.").
    if forward:
        i = start
        while i < end and not _NAME_CHAR.match(text, i):
            i += 1
        if _PUNCT.search(text, start, i):
            return None
    else:
        i = end
        while i > start and not _NAME_CHAR.match(text, i - 1):
            i -= 1
        if _PUNCT.search(text, i, end):
            return None
    # forward reading stops after a few words: tokens are read lazily, not for the rest of the sentence
    toks = _NAME_TOKEN.finditer(text, start, end) if forward else _tokens_backward(text, start, end)
    stops = _speaker_words(lang.code)["name_stops"]  # name_stop and not_names
    picked: list[re.Match[str]] = []
    edge = start if forward else end
    for t in toks:
        gap = text[edge : t.start()] if forward else text[t.end() : edge]
        if _PUNCT.search(gap.replace(".", "") if t.group(0).endswith(".") else gap):
            break
        edge = t.end() if forward else t.start()
        w = t.group(0)
        wl = w.lower().strip(".")
        if wl in lang.months or wl in lang.weekdays or wl in lang.period_words or w[:1].isdigit():
            break
        if picked and wl in lang.words and wl not in lang.not_alone:
            break  # a number word ends a name: "einer Sprecherin zwei Aufenthaltszüge"
        if wl in stops and not (picked and wl in _CONNECT) and not (len(w) > 1 and w.isupper()):
            if picked:
                break
            continue
        if w[:1].isupper() or (picked and wl in _CONNECT):
            picked.append(t)
        elif picked and lang.capitalised_nouns:
            picked.append(t)  # German adjective inside a name ("des russischen Verteidigungsministeriums")
        elif lang.capitalised_nouns and not picked:
            picked.append(t)  # adjective before the noun ("südkoreanischer Abgeordneter")
        else:
            break
        if len(picked) >= UNKNOWN_MAX_WORDS:
            break
    if not forward:
        picked = picked[::-1]
    while picked and not picked[-1].group(0)[:1].isupper():
        picked.pop()
    while picked and not (picked[0].group(0)[:1].isupper() or lang.capitalised_nouns):
        picked.pop(0)
    if not picked:
        return None
    s, e = picked[0].start(), picked[-1].end()
    name = text[s:e].rstrip(".")
    e = s + len(name)
    if not name:
        return None
    if lang.anonymous_re.search(name):
        return Mention(s, e, "anonymous-officials", "unknown", name)
    titles = _speaker_words(lang.code)["name_titles"]
    cut = max((k + 1 for k, t in enumerate(picked) if t.group(0).lower() in titles), default=0)
    if 0 < cut < len(picked) and picked[cut].group(0)[:1].isupper():
        # "Interim BART Police Chief Ed Alvarez" -> "Ed Alvarez": a title before a name is not the name
        s = picked[cut].start()
        name = text[s:e]
    s, name = strip_titles(text, s, name, lang)
    base = base_form(text, s, name, lang)
    return Mention(s, e, unknown_id(base), "unknown", name, base if base != name else None)


def base_form(text: str, s: int, name: str, lang: Lang) -> str:
    """An unknown source's name in the nominative: after a genitive or dative determiner (lexicon
    ``attribution.oblique_before``: "des Bundesgerichtshofs", "von Helfern") the nouns of the name drop
    their case ending, by simplemma's lemma where that only cuts an ending (``oblique_endings``):
    "Bundesgerichtshofs" -> "Bundesgerichtshof", "Helfern" -> "Helfer"; adjectives and words the lemma
    would rewrite stay. One source then has one id in every case it is cited in."""
    ob = _oblique(lang.code)
    if ob is None:
        return name
    words, endings = ob
    prev = text[max(0, s - 12) : s].split()
    if not prev or prev[-1].lower() not in words:
        return name
    from newsclaims.entities import lemma

    words = name.split(" ")
    out: list[str] = []
    for k, w in enumerate(words):
        if w[:1].islower() and any(x[:1].isupper() for x in out):
            out.extend(words[k:])  # "des Landesverbands der Tafeln": a genitive of its own after the head
            break
        if w[:1].isupper() and not w.isupper() and len(w) > 4:
            lm = lemma(w, lang.code)
            end = w[len(lm) :] if lm and w.startswith(lm) else None
            # a plural in -n is a dative only after -er/-el ("von Helfern"); "von Krankenkassen" stays
            if lm[:1].isupper() and end in endings and (end != "n" or lm.endswith(("er", "el"))):
                w = lm
        out.append(w)
    return " ".join(out)


@functools.cache
def _oblique(code: str) -> tuple[frozenset[str], frozenset[str]] | None:
    from newsclaims.lexicon_lang import load

    a = load(code).raw.get("attribution") or {}
    words = frozenset(str(x).lower() for x in a.get("oblique_before") or [])
    if not words:
        return None
    return words, frozenset(str(x) for x in a.get("oblique_endings") or [])


@functools.cache
def _rules(code: str) -> dict[str, re.Pattern[str] | None]:
    """Lexicon lists of the attribution rules added for other stories (titles before a name, spokesperson
    nouns, "nach eigenen Angaben", topic shifts, verbs that open a reported clause), compiled once."""
    from newsclaims.lexicon_lang import load

    a = load(code).raw.get("attribution") or {}

    def rx(key: str, wrap: str) -> re.Pattern[str] | None:
        xs = sorted((str(x) for x in a.get(key) or []), key=len, reverse=True)
        return re.compile(wrap.format("|".join(xs)), re.IGNORECASE) if xs else None

    return {
        "title": rx("titles", r"(?:{})"),
        "spokesperson": rx("spokesperson_words", r"(?:{})"),
        "own": rx("own_words", r"\b(?:{})\b"),
        "topic_shift": rx("topic_shift", r"\W*(?:{})\b"),
        "report_basis": rx("report_basis", r"\b(?:{})\b"),
        "possessive": rx("possessive_pronouns", r"(?:{})"),
        "source_compound": (
            re.compile(str(a["source_compound"]), re.IGNORECASE) if a.get("source_compound") else None
        ),
        "object_before": rx("prepositions", r"(?<![\w-])(?:{})\s+(?:\w+\s+)?$"),
        "clause_verb": rx("clause_verbs", r"\s+(?:{})\b"),
        "clause_owner": rx("clause_owners", r"(?:{})"),
        "group_before": rx("group_nouns", r"\b(?:the|its|their)\s+(?:[\w-]+\s+)?(?:{})\s*,?\s*$"),
        "group_after": rx("group_nouns", r"\s*(?:the|its|their)\s+(?:[\w-]+\s+)?(?:{})\b"),
    }


@functools.cache
def _own_words() -> re.Pattern[str] | None:
    """ "eigenen", "its own" of every language: a cue on the subject's own figures (cues have no language)."""
    pats = [p.pattern for code in _lang_codes() if (p := _rules(code)["own"]) is not None]
    return re.compile("|".join(pats), re.IGNORECASE) if pats else None


@functools.cache
def _lang_codes() -> tuple[str, ...]:
    return tuple(sorted(f.stem for f in (lexicon_dir() / "lang").glob("*.yaml") if f.stem != "common"))


@functools.cache
def _titled_name_re(code: str) -> re.Pattern[str] | None:
    """A title before a two- or three-word proper name ("Bundesinnenministerin Nancy Faeser")."""
    title = _rules(code)["title"]
    if title is None:
        return None
    name = r"[A-ZÄÖÜ][\w’'-]+"
    return re.compile(
        r"(?<![\w-])(?i:" + title.pattern + r")\s+(?:Dr\.\s+)?(" + name + r"(?:\s+" + name + r"){1,2})"
    )


def titled_people(text: str, start: int, end: int, lang: Lang) -> list[Mention]:
    """People named with a title in ``text[start:end]``, cue or not: a later pronoun can refer to them."""
    rx = _titled_name_re(lang.code)
    if rx is None:
        return []
    reg = registry()
    out = []
    title = _rules(lang.code)["title"]
    pos = start
    # Why not ``rx.finditer``: the title alternation (~50 patterns, most with a ``\w*`` prefix) tried at every
    # position cost ~0.3 ms per call. Candidates (a word before two or three capitalised words) are found
    # first, the word is checked against the titles; the same non-overlapping matches, left to right.
    for c in _TITLED_CAND.finditer(text, start, end):
        if c.start() < pos or title is None or not title.fullmatch(c.group(1)):
            continue
        m = rx.match(text, c.start(), end)
        if m is None:
            continue
        name = m.group(1)
        sid = reg.by_alias.get(norm_name(name)) or unknown_id(name)
        out.append(Mention(m.start(1), m.end(1), sid, "unknown", name))
        pos = m.end()
    return out


# a word (a title candidate) before two capitalised words, at a word start (titled_people)
_TITLED_CAND = re.compile(r"(?<![\w-])(?=([\w.-]+)\s+(?:Dr\.\s+)?[A-ZÄÖÜ][\w’'-]+\s+[A-ZÄÖÜ])")


def strip_titles(text: str, s: int, name: str, lang: Lang) -> tuple[int, str]:
    """Drop titles and roles before a person's name ("Polizeisprecher Markus Vogt", "Governor Ron DeSantis",
    "Amtsärztin Dr. Katrin Hübner" -> the name) while two capitalised words remain."""
    title = _rules(lang.code)["title"]
    if title is None:
        return s, name
    toks = list(_NAME_TOKEN.finditer(name))
    i = 0
    while i < len(toks) and title.fullmatch(toks[i].group(0)):
        i += 1
    rest = [t.group(0) for t in toks[i:]]
    if i == 0 or sum(1 for t in rest if t[:1].isupper()) < 2:
        return s, name
    return s + toks[i].start(), name[toks[i].start() :]


def is_spokesperson(m: Mention, lang: Lang, before: str = "") -> bool:
    """ "ein Sprecher", "eine Sprecherin", "a spokesperson": an unnamed person speaking for an organisation
    (``before``: the text right before the mention, where a cue may have taken the article)."""
    sp = _rules(lang.code)["spokesperson"]
    words = m.text.split()
    return (
        sp is not None
        and m.mention_type == "unknown"
        and sp.fullmatch(words[-1]) is not None
        and (
            (len(words) >= 2 and words[0].lower() in _indefinite(lang) | _definite(lang.code))
            # "nach Angaben einer Sprecherin": the cue took the article
            or (
                len(words) == 1
                and bool(before.split())
                and before.split()[-1].lower() in _indefinite(lang) | _definite(lang.code)
            )
        )
    )


def spokesperson_org(m: Mention, lang: Lang) -> str | None:
    """ "ein LVB-Sprecher", "ein Siemens-Sprecher": a spokesperson word (lexicon spokesperson_words) whose
    part before the hyphen is capitalised names the organisation he speaks for ("Polizeisprecher", without
    a hyphen, is a registry role)."""
    sp = _rules(lang.code)["spokesperson"]
    word = m.text.split()[-1] if m.text.split() else ""
    head, _, rest = word.partition("-")
    if sp is None or not rest or not head[:1].isupper() or not sp.fullmatch(word):
        return None
    return head


def is_apposition(text: str, a_end: int, b_start: int, lang: Lang) -> bool:
    """Only titles, spaces and a comma between an organisation's mention and a person's name
    ("Polizeisprecher Markus Vogt", "Amtsärztin Dr. Katrin Hübner"): the person is the source."""
    if not 0 <= b_start - a_end <= 40:
        return False
    seg = text[a_end:b_start]
    title = _rules(lang.code)["title"]
    if title is not None:
        seg = " ".join(t for t in seg.split() if not title.fullmatch(t.strip(",")))
    return seg.strip(" ,") == ""


def person_like(m: Mention) -> bool:
    """An unknown name of two or more capitalised words ("Markus Vogt"): a person who can be quoted."""
    return m.mention_type == "unknown" and sum(1 for t in m.text.split() if t[:1].isupper()) >= 2


@functools.cache
def _speaker_words(code: str) -> dict[str, frozenset[str]]:
    """The lexicon's speaker lists (attribution: name_titles, speaker_nouns, member_nouns, ...)."""
    from newsclaims.lexicon_lang import load

    a = load(code).raw.get("attribution") or {}
    keys = ("name_titles", "speaker_nouns", "member_nouns", "institution_nouns", "not_names")
    out = {k: frozenset(str(x).lower() for x in a.get(k) or []) for k in keys}
    out["any_speaker"] = out["speaker_nouns"] | out["member_nouns"] | out["institution_nouns"]
    out["name_stops"] = frozenset(str(x).lower() for x in a.get("name_stop") or []) | out["not_names"]
    return out


_WORD_BACK = re.compile(r"([\w’'.&-]+)[ \t]*$")
# a capitalised owner with a possessive and up to three lower-case words before an institution noun
_POSSESSIVE_ORG = re.compile(r"(?<![\w’'])([A-Z][\w.-]*['’]s(?:[ \t]+[a-z][\w-]*(?:['’]s)?){0,3})[ \t]+$")


def read_speaker_noun(text: str, cue: Cue, lang: Lang, s_start: int) -> Mention | None:
    """A speaker written as a common noun right before a verb of saying: "prosecutors said" (the group, by
    its noun), "the officials said" / "an airport official said" (anonymous), "Berrien County Health
    Department officials said" (the organisation they speak for), "the US military said" (the institution
    with its name)."""
    w = _speaker_words(lang.code)
    if not w["any_speaker"]:
        return None
    # the word right before the cue, cheaply: most cues have none of the speaker nouns before them
    seg = text[max(s_start, cue.start - 40) : cue.start].rstrip(" \t")
    last = seg[seg.rfind(" ") + 1 :].lower() if seg else ""
    if last not in w["any_speaker"]:
        return None
    m = _WORD_BACK.search(text, max(s_start, cue.start - 40), cue.start)
    if not m:
        return None
    head = m.group(1).lower()
    caps: list[re.Match[str]] = []
    pos = m.start()
    while len(caps) < UNKNOWN_MAX_WORDS:
        b = _WORD_BACK.search(text, max(s_start, pos - 40), pos)
        if not b or not b.group(1)[:1].isupper() or b.group(1).lower() in lang.name_stop:
            break
        caps.append(b)
        pos = b.start()
    if head in w["institution_nouns"] and caps:
        return Mention(pos, m.end(1), unknown_id(text[pos : m.end(1)]), "role", text[pos : m.end(1)])
    if head in w["institution_nouns"] and not lang.capitalised_nouns:
        # "Bolivia's public defender's office said": the institution of a named place or body
        pm = _POSSESSIVE_ORG.search(text, max(s_start, m.start(1) - 60), m.start(1))
        if pm:
            org = text[pm.start(1) : m.end(1)]
            return Mention(pm.start(1), m.end(1), unknown_id(org), "role", org)
    if head in w["member_nouns"]:
        if caps and caps[0].group(1).lower().rstrip(".") in w["institution_nouns"]:
            org = text[pos : caps[0].end(1)]  # "Berrien County Health Department" officials
            return Mention(pos, caps[0].end(1), unknown_id(org), "role", org)
        if lang.anonymous_re.search(head):
            return Mention(m.start(1), m.end(1), "anonymous-officials", "role", m.group(1))
        return None
    if caps or head not in w["speaker_nouns"]:
        return None  # "Indiana State Police said" is a proper name, read as one
    return Mention(m.start(1), m.end(1), unknown_id(head), "role", m.group(1))


_WORDS_AFTER = re.compile(r"[ \t]*((?:[\w’'.&-]+[ \t]+){0,4}?[\w’'.&-]+)(?=[ \t]*(?:[,;:.!?)—–]|$))")


def read_speaker_after(text: str, start: int, end: int, lang: Lang) -> Mention | None:
    """A speaker written as a common noun after a preposition cue, up to the clause end: "according to
    police" (the group), "according to officials" (anonymous), "according to the Jordanian government"
    (the institution with its name), "according to Columbus Police Department officials" (the body)."""
    w = _speaker_words(lang.code)
    if not w["any_speaker"]:
        return None
    m = _WORDS_AFTER.match(text, start, end)
    if not m:
        return None
    toks = m.group(1).split()
    toks[-1] = toks[-1].rstrip(".")  # the sentence's full stop
    head = toks[-1].lower()
    if head not in w["any_speaker"]:
        return None
    first = 1 if toks[0].lower() in lang.name_stop else 0  # "the", "a"
    caps = toks[first:-1]
    if any(not t[:1].isupper() for t in caps):
        if head in w["member_nouns"] and lang.anonymous_re.search(head):  # "a local police source"
            e1 = m.start(1) + len(" ".join(toks))
            return Mention(e1 - len(toks[-1]), e1, "anonymous-officials", "role", toks[-1])
        return None  # lower-case words before another noun: no name, no plain speaker noun
    s0 = m.start(1) + len(" ".join(toks[:first])) + (1 if first else 0)
    e0 = m.start(1) + len(" ".join(toks))
    if head in w["institution_nouns"] and caps:
        return Mention(s0, e0, unknown_id(text[s0:e0]), "role", text[s0:e0])
    if head in w["member_nouns"]:
        if caps and caps[-1].lower().rstrip(".") in w["institution_nouns"]:
            org_end = e0 - len(toks[-1]) - 1
            return Mention(s0, org_end, unknown_id(text[s0:org_end]), "role", text[s0:org_end])
        if not caps and lang.anonymous_re.search(head):
            return Mention(e0 - len(toks[-1]), e0, "anonymous-officials", "role", toks[-1])
        return None
    if caps or head not in w["speaker_nouns"]:
        return None
    return Mention(e0 - len(toks[-1]), e0, unknown_id(head), "role", toks[-1])


_FIRST_NAMES_BEFORE = re.compile(r"(?<![\w’'.-])((?:[A-Z][\w.-]*[ \t]+){1,2})$")
_NAME_CONT = re.compile(r"[\w’'-]")


def _full_name_match(text: str, word: str, end: int) -> re.Match[str] | None:
    """The first mention of ``word`` before ``end`` with one or two capitalised words right before it (the
    match of those words). Same result as searching ``(?<!..)((?:[A-Z]...[ \t]+){1,2})word(?!..)`` over
    ``text[:end]``, but the word is found with ``str.find`` first: that regex tried every capital letter of
    the text (~75 us a call on German text, where every noun is capitalised)."""
    best: re.Match[str] | None = None
    i = text.find(word, 0, end)
    # the leftmost start wins; at one start the regex takes two name words before one ("J.J. Abrams. Abrams"),
    # so a later mention can still tie: mentions are read until none can start as early
    while i >= 0 and (best is None or i - 120 <= best.start()):
        after = i + len(word)
        if after == end or not _NAME_CONT.match(text, after):
            m = _FIRST_NAMES_BEFORE.search(text, max(0, i - 120), i)
            if m is not None and (best is None or m.start() <= best.start()):
                best = m
        i = text.find(word, i + 1, end)
    return best


def full_name_before(text: str, m: Mention, lang: Lang) -> Mention | None:
    """A one-word name ("Alvarez says") that ends a longer name written earlier ("Police Chief Ed Alvarez"):
    the same person, by the full name (news writes the full name first, the surname after)."""
    word = m.text.strip()
    if " " in word or not word[:1].isupper():
        return None
    # first name (and a middle name or initial) right before the surname, each capitalised, no possessive;
    # the first such mention (news names a person in full first: "Tim Cook", later "Hosting Cook ...")
    last = _full_name_match(text, word, m.start)
    if last is None:
        return None
    w = _speaker_words(lang.code)
    toks = last.group(1).split()
    k = max((i + 1 for i, t in enumerate(toks) if t.lower() in w["name_titles"]), default=0)
    toks = toks[k:]
    bad = (lang.name_stop, lang.noun_stop, w["not_names"], lang.months, lang.weekdays)
    while toks and any(toks[0].lower().rstrip(".") in b for b in bad):
        toks = toks[1:]  # "To LeBron James": the sentence's first word is no first name
    if not toks or any(t.lower().rstrip(".") in b for t in toks for b in bad):
        return None
    if lang.capitalised_nouns:
        toks = toks[-1:]  # German capitalises nouns: only the word right before the surname is the first name
        if not toks or not person_like_name(f"{toks[0]} {word}"):
            return None
    full = " ".join([*toks, word])
    return Mention(m.start, m.end, unknown_id(full), "unknown", m.text)


def unknown_source_row(m: Mention) -> Source:
    return Source(
        source_id=m.source_id,
        name=m.name or m.text,
        source_type="other",
        country=None,
        wikidata_qid=None,
        parent_source_id=None,
        aliases=(m.text,),
        in_registry=False,
    )


def pronoun_before_or_after(text: str, cue: Cue, lang: Lang) -> tuple[int, int] | None:
    """A person pronoun right before the cue ("Er rechne") or right after it ("said he", "sagte er")."""
    if lang.pronoun_re is None:
        return None
    m = lang.pronoun_re.search(text, max(0, cue.start - 12), cue.start)
    if m and cue.start - m.end() <= PRONOUN_GAP:
        return m.span()
    m = lang.pronoun_re.match(text, cue.end + 1) if cue.end < len(text) else None
    if m and m.start() - cue.end <= PRONOUN_GAP:
        return m.span()
    return None


def person_like_name(name: str) -> bool:
    """A name read from the text that can be a person's: two or more capitalised words, no possessive, no
    acronym ("Singh Jabarjung", not "Martha's Vineyard", "BED")."""
    toks = name.split()
    return (
        len(toks) >= 2
        and all(t[:1].isupper() and not t.isupper() for t in toks)
        and not any(q in name for q in ("'s", "’s"))
    )


def is_person(source_id: str) -> bool:
    src = registry().sources.get(source_id)
    return (src is not None and src.source_type in PERSON_TYPES) or source_id.startswith("x-")


def mention_id(article_id: str, fld: str, start: int, end: int) -> str:
    h = hashlib.sha256(f"{article_id}\x1f{fld}\x1f{start}\x1f{end}".encode()).hexdigest()
    return "m" + h[:16]


_WORD = re.compile(r"\w")


def speaks_for_later_clause(
    text: str, claim_end: int, m: Mention, cue: str | None, end: int, lang: Lang
) -> bool:
    """True when the sentence's speaker opens a clause after the claim ("Three cases have been diagnosed,
    though officials say the risk is low"): a break of the lexicon (`clause_owners`) stands between the claim
    and the speaker, at most one word (an article) between break and speaker, and the cue after the speaker
    introduces words of its own. That speaker reports only his clause; the claim is the outlet's. A speaker
    after the break with nothing after the cue ("..., while 20 were hurt, police said.") reports the whole
    sentence."""
    co = _rules(lang.code)["clause_owner"]
    if co is None or cue is None or m.start < claim_end:
        return False
    brk = None
    for b in co.finditer(text, claim_end, m.start):
        brk = b
    if brk is None or len(text[brk.end() : m.start].split()) > 1:
        return False
    k = text.find(cue, m.end, end)
    return k >= 0 and _WORD.search(text, k + len(cue), end) is not None


GROUP_WINDOW = 45  # characters before a cue searched for "the company" (the noun and one modifier fit)


def group_anaphor_at(text: str, cue: Cue, lang: Lang, s_start: int, s_end: int) -> bool:
    """True when a definite group noun of the lexicon (`group_nouns`: "the company", "the unions", "the
    group", "the spokesperson") stands right at the cue: before it ("..., the company said"), or after it
    ("said the group", "according to the company")."""
    r = _rules(lang.code)
    before, after = r["group_before"], r["group_after"]
    if before is None or after is None:
        return False
    words = _group_words(lang.code)
    seg = text[max(s_start, cue.start - GROUP_WINDOW) : cue.start].rstrip(" \t,")
    if cue.kind != "prep" and seg[seg.rfind(" ") + 1 :].lower() in words and before.search(seg + " "):
        return True
    return after.match(text[cue.end : min(s_end, cue.end + GROUP_WINDOW)]) is not None


@functools.cache
def _group_words(code: str) -> frozenset[str]:
    from newsclaims.lexicon_lang import load

    a = load(code).raw.get("attribution") or {}
    return frozenset(str(x).lower() for x in a.get("group_nouns") or [])


def opening_name(text: str, s: int, e: int, lang: Lang) -> Mention | None:
    """The proper name that opens the sentence [s, e) as its subject ("Boeing plans to ...", "WeWork is
    ..."): capitalised words at the very start, followed by a lower-case word. A single word must also
    stand capitalised inside some sentence of the text (a name, not "Fire crews ...")."""
    m = _read_name(text, s, e, lang, forward=True)
    if m is None or m.mention_type != "unknown" or text[s : m.start].strip():
        return None
    if not re.match(r"[ \t]+[a-z]", text[m.end : m.end + 3]):
        return None
    if " " not in m.text and not re.search(r"(?<=[a-z,] )" + re.escape(m.text) + r"\b", text):
        return None
    return m


def org_like(source_id: str, name: str | None) -> bool:
    """A source that can be an organisation: a registry entry that is no person, or a new source whose name
    does not look like a person's ("WeWork", "Amnesty"; not "Tim Cook")."""
    src = registry().sources.get(source_id)
    if src is not None:
        return src.source_type not in PERSON_TYPES and source_id != "anonymous-officials"
    nm = name or ""
    if " " not in nm and source_id != unknown_id(nm) and source_id.endswith("-" + slug(nm)):
        return False  # a surname linked to the person's full name ("Gambill" -> x-keith-gambill)
    return not person_like_name(nm)


APPOSITION_MAX = (
    140  # characters of a description between a name and its verb ("X, a NASA scientist who ..., said")
)


@functools.cache
def _apposition_re(code: str) -> re.Pattern[str] | None:
    """A name, then a description opened by an article of the language, then a comma right before the cue:
    "Lucas Paganini, a NASA planetary scientist who led the investigation, said". Languages that
    capitalise nouns are left out (a capitalised word there is no name)."""
    from newsclaims.lexicon_lang import load

    lang = load(code)
    arts = sorted(_definite(code) | _indefinite_words(code), key=len, reverse=True)
    if lang.capitalised_nouns or not arts:
        return None
    return re.compile(
        r"(?:^|(?<=[,;:—–] ))([A-Z][\w.'’-]+(?:[ \t][A-Z][\w.'’-]+){1,3}),[ \t](?:"
        + "|".join(re.escape(a) for a in arts)
        + r")[ \t][^,;\"“”]{3,"
        + str(APPOSITION_MAX)
        + r"},[ \t]*$"
    )


def apposed_speaker(text: str, cue: Cue, lang: Lang, s_start: int) -> Mention | None:
    """The person named before a description in apposition that ends at a verb of saying."""
    rx = _apposition_re(lang.code)
    if rx is None or cue.kind == "prep" or not text[s_start : cue.start].rstrip(" \t").endswith(","):
        return None  # the description ends with a comma right before the verb (a cheap test first)
    m = rx.search(text[s_start : cue.start])
    if m is None:
        return None
    a, b = s_start + m.start(1), s_start + m.end(1)
    st, name = strip_titles(text, a, text[a:b], lang)
    return Mention(st, b, unknown_id(name), "unknown", name)
