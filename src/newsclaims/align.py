"""Alignment: claims from different articles, outlets and languages that state the same proposition.

A proposition is *what* is claimed, not the number: the counted thing (entity class), the event (predicate
class), who stands behind it (source group) and when (time frame). Two outlets that write "1,500" and
"15,000" about the NIS's first shipment state the same proposition with different values - the inconsistency
``analyze`` measures - so the value is never part of the key.

All inputs are language-neutral fields of the claims table (entity label, source id, dates) plus the claim's
sentence, searched for predicate cues from ``lexicon/predicates.yaml`` in the article's language. No machine
translation. The pure core :func:`align` takes frames and a frozen :class:`Params` and returns frames; the CLI
reads and writes. Linking rules (docs/metrics.md, "Alignment"):

1. Key = (claim_type, entity class, predicate, source group, deadline). Entity classes come from
   ``lexicon/entity_classes.yaml``; the source group is the top of the source's parent chain (a person ->
   their organisation), merged further by ``lexicon/source_groups.yaml``.
2. Time frame: predicates of frame ``asof`` are split into statement windows: a window starts at the
   earliest report of the key and holds every report within ``statement_window_days`` of that start.
   Deadlines ("10,000 by December") and ``open`` predicates (totals, plans) have one frame per key.
3. Possible misattribution: a proposition carried by one outlet only whose values match (within
   ``misattribution_tolerance``) a proposition of the same entity, predicate and time from another source
   carried by at least ``misattribution_min_reports`` independent reports is linked to the latter, with a
   lower score and the reason saying so: the outlet most likely named the wrong source.
4. Ambiguous cues: a present-tense or bare send ("Nordkorea schickt 12.000 Soldaten") without a completion
   marker may state ``sent`` or ``planned`` (``ambiguous`` in ``lexicon/predicates.yaml``). Such a claim is
   read as the compatible predicate when a better-supported proposition of it (same entity class, source
   group unless unattributed, compatible time) has a modal value within ``ambiguous_value_tolerance`` of
   the claim's value; score ``ambiguous_link_score`` (x the unattributed factor below). Else rule 5.
5. Claims the outlet asserts itself (no source) join the best-supported attributed proposition with the same
   entity, predicate and compatible time; the score is ``unattributed_join_score`` times that candidate's
   share of the candidates' independent reports, and a link below ``min_link_score`` is not made (the
   claim keeps a proposition of its own).

Syndication: the evidence unit is the syndication group when the article has one, else the outlet; copies
keep their own rows and links, and ``n_reports`` counts units, so wire copy counts once.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from newsclaims.paths import lexicon_dir

# Time-claim entities that name an event rather than a counted thing (docs/annotation.md).
EVENT_ENTITIES = ("deployment", "arrival")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Params:
    """Alignment thresholds (params.yaml ``align:``; each value's calibration is noted there)."""

    statement_window_days: int = 4
    min_link_score: float = 0.3
    unknown_predicate_score: float = 0.5
    related_source_score: float = 0.9
    unattributed_join_score: float = 0.7
    misattribution_score: float = 0.5
    misattribution_min_reports: int = 2
    misattribution_tolerance: float = 0.05
    ambiguous_link_score: float = 0.8
    ambiguous_value_tolerance: float = 0.05


@dataclass(frozen=True)
class Result:
    claims: pl.DataFrame
    propositions: pl.DataFrame
    metrics: dict[str, Any]


# ----------------------------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class Predicate:
    id: str
    frame: str
    cues: dict[str, tuple[str, ...]]
    markers: dict[str, tuple[str, ...]]
    deadline: bool = True


def _lang_lists(d: dict[str, Any] | None) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(str(c) for c in cs) for lang, cs in (d or {}).items()}


_UNDER_DEADLINE: dict[str | None, dict[str, str]] = {}


def under_deadline(lex_dir: str | None = None) -> dict[str, str]:
    """Predicate renames for numbers with a deadline (lexicon ``under_deadline``)."""
    _predicate_lexicon(lex_dir)
    return _UNDER_DEADLINE[lex_dir]


@functools.cache
def _predicate_lexicon(lex_dir: str | None = None) -> tuple[tuple[Predicate, ...], float]:
    path = Path(lex_dir or lexicon_dir()) / "predicates.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for p in raw["predicates"]:
        if p.get("frame") not in ("asof", "open"):
            raise ValueError(f"{path}: predicate {p.get('id')!r} needs frame: asof or open")
        out.append(
            Predicate(
                id=p["id"],
                frame=p["frame"],
                cues=_lang_lists(p.get("cues")),
                markers=_lang_lists(p.get("markers")),
                deadline=bool(p.get("deadline", True)),
            )
        )
    _UNDER_DEADLINE[lex_dir] = {str(k): str(v) for k, v in (raw.get("under_deadline") or {}).items()}
    return tuple(out), float(raw.get("marker_distance_factor", 1.0))


def predicates(lex_dir: str | None = None) -> tuple[Predicate, ...]:
    """Predicate classes in priority order, from ``lexicon/predicates.yaml``."""
    return _predicate_lexicon(lex_dir)[0]


def _cue_regex(cue: str) -> str:
    prefix = cue.endswith("*")
    body = re.escape(cue.rstrip("*")).replace(r"\ ", r"\s+")
    return rf"\b{body}\w*" if prefix else rf"\b{body}\b"


@functools.cache
def _predicate_regex(language: str, lex_dir: str | None = None) -> re.Pattern[str]:
    """One compiled alternation per language; group ``p<i>`` = predicate i (so one scan per sentence)."""
    preds = predicates(lex_dir)
    langs = {lang for p in preds for lang in (*p.cues, *p.markers)}
    use = [language] if language in langs else sorted(langs)
    parts = []
    for kind in ("m", "p"):  # markers first: at the same position the marker wins
        for i, p in enumerate(preds):
            lists = p.markers if kind == "m" else p.cues
            cues = [c for lang in use for c in lists.get(lang, ())]
            if cues:
                # longest first so "au total" wins over "total" at the same start
                alts = "|".join(_cue_regex(c) for c in sorted(set(cues), key=lambda c: (-len(c), c)))
                parts.append(f"(?P<{kind}{i}>{alts})")
    return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)


def classify_predicate(
    sentence: str, start: int, end: int, language: str, lex_dir: str | None = None
) -> tuple[str, str | None]:
    """Predicate of the number at ``[start, end)`` of ``sentence``: the class of the nearest cue.

    Nearest, not first: one sentence often carries two numbers with two events ("about 3,000 already
    sent, 10,000 expected by December"). Distance is counted in words, markers' distance scaled down (see
    the lexicon). Ties go to the class listed first in the lexicon. Returns (id, cue as written).
    """
    preds, factor = _predicate_lexicon(lex_dir)
    best: tuple[float, int, str] | None = None
    for m in _predicate_regex(language, lex_dir).finditer(sentence):
        if start <= m.start() < end or start < m.end() <= end:
            continue  # the number span itself ("Tausende") is not its own cue
        gap = sentence[m.end() : start] if m.end() <= start else sentence[end : m.start()]
        dist = 1 + len(_WORD.findall(gap))  # words in between, +1 so a marker factor always matters
        group = m.lastgroup or "p0"
        idx = int(group[1:])
        cand = (dist * (factor if group[0] == "m" else 1.0), idx, m.group(0))
        if best is None or cand[:2] < best[:2]:
            best = cand
    if best is None:
        return "unknown", None
    return preds[best[1]].id, best[2]


@dataclass(frozen=True)
class Ambiguity:
    """Cue forms of ``predicate`` that may also state one of ``compatible`` (lexicon ``ambiguous``)."""

    predicate: str
    compatible: tuple[str, ...]
    forms: dict[str, tuple[str, ...]]
    completion: dict[str, tuple[str, ...]]


def _alternation(lists: dict[str, tuple[str, ...]], language: str) -> str | None:
    """Regex alternation of the cues of ``language`` (all languages when it has none), longest first."""
    use = [language] if language in lists else sorted(lists)
    cues = {c for lang in use for c in lists.get(lang, ())}
    if not cues:
        return None
    return "|".join(_cue_regex(c) for c in sorted(cues, key=lambda c: (-len(c), c)))


@functools.cache
def ambiguities(lex_dir: str | None = None) -> tuple[Ambiguity, ...]:
    """Ambiguous cue forms from ``lexicon/predicates.yaml`` (``ambiguous``), checked against the classes."""
    path = Path(lex_dir or lexicon_dir()) / "predicates.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = {p.id for p in predicates(lex_dir)}
    out = []
    for a in raw.get("ambiguous") or []:
        amb = Ambiguity(
            predicate=str(a["predicate"]),
            compatible=tuple(str(c) for c in a["compatible"]),
            forms=_lang_lists(a.get("forms")),
            completion=_lang_lists(a.get("completion")),
        )
        bad = [x for x in (amb.predicate, *amb.compatible) if x not in known]
        if bad or amb.predicate in amb.compatible:
            raise ValueError(f"{path}: ambiguous entry of {amb.predicate!r} names unknown predicates {bad}")
        out.append(amb)
    return tuple(out)


@functools.cache
def _ambiguity_regexes(
    language: str, lex_dir: str | None = None
) -> tuple[tuple[str, tuple[str, ...], re.Pattern[str], re.Pattern[str] | None], ...]:
    out = []
    for a in ambiguities(lex_dir):
        forms = _alternation(a.forms, language)
        if forms is None:
            continue
        done = _alternation(a.completion, language)
        flags = re.IGNORECASE | re.UNICODE
        out.append(
            (
                a.predicate,
                a.compatible,
                re.compile(f"(?:{forms})", flags),
                re.compile(done, flags) if done else None,
            )
        )
    return tuple(out)


def ambiguous_alternatives(
    sentence: str, predicate: str, cue: str | None, language: str, lex_dir: str | None = None
) -> tuple[str, ...]:
    """Other predicates a claim may state when its cue is an ambiguous form (lexicon ``ambiguous``).

    "Nordkorea schickt 12.000 Soldaten" may report a completed send or announce the total; "hat ... bereits
    1.500 geschickt" may not. Empty when the cue is not an ambiguous form of ``predicate`` or a completion
    cue ("bereits", "already", "déjà", a perfect auxiliary) occurs anywhere in the sentence.
    """
    if not cue:
        return ()
    for pred, compatible, forms, done in _ambiguity_regexes(language, lex_dir):
        if pred != predicate or not forms.fullmatch(cue):
            continue
        if done is not None and done.search(sentence):
            return ()
        return compatible
    return ()


@functools.cache
def _backref_lexicon(lex_dir: str | None = None) -> tuple[tuple[int, dict[str, tuple[str, ...]]], ...]:
    raw = yaml.safe_load((Path(lex_dir or lexicon_dir()) / "time_frames.yaml").read_text("utf-8"))
    return tuple((int(b["offset_days"]), _lang_lists(b["cues"])) for b in raw["back_references"])


@functools.cache
def _backref_regex(language: str, lex_dir: str | None = None) -> re.Pattern[str] | None:
    lex = _backref_lexicon(lex_dir)
    langs = {lang for _, cues in lex for lang in cues}
    use = [language] if language in langs else sorted(langs)
    parts = []
    for i, (_, cues) in enumerate(lex):
        cs = [c for lang in use for c in cues.get(lang, ())]
        if cs:
            alts = "|".join(_cue_regex(c) for c in sorted(set(cs), key=lambda c: (-len(c), c)))
            parts.append(f"(?P<b{i}>{alts})")
    return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE) if parts else None


def backref_days(sentence: str, language: str, lex_dir: str | None = None) -> int:
    """Days by which a back-reference in the sentence ("last week", "zuletzt") dates its statement back."""
    rx = _backref_regex(language, lex_dir)
    if rx is None:
        return 0
    lex = _backref_lexicon(lex_dir)
    return max((lex[int(m.lastgroup[1:])][0] for m in rx.finditer(sentence) if m.lastgroup), default=0)


@functools.cache
def entity_classes(lex_dir: str | None = None) -> dict[str, str]:
    """Entity label -> class, from ``lexicon/entity_classes.yaml`` (labels not listed are their own class)."""
    raw = yaml.safe_load((Path(lex_dir or lexicon_dir()) / "entity_classes.yaml").read_text("utf-8"))
    out: dict[str, str] = {}
    for cls, spec in raw["classes"].items():
        for m in spec["members"]:
            out[str(m).lower()] = cls
    return out


@functools.cache
def source_group_names(lex_dir: str | None = None) -> dict[str, str]:
    """Canonical source name -> canonical name of the group head (``lexicon/source_groups.yaml``)."""
    raw = yaml.safe_load((Path(lex_dir or lexicon_dir()) / "source_groups.yaml").read_text("utf-8"))
    out: dict[str, str] = {}
    for head, spec in raw["groups"].items():
        out[head] = head
        for m in spec["members"]:
            out[str(m)] = head
    return out


def source_groups(sources: pl.DataFrame, lex_dir: str | None = None) -> pl.DataFrame:
    """source_id -> source_group: the top of the parent chain, merged by the source-group lexicon.

    Returns columns source_id, source_group. A source whose group head is not in the sources table keeps
    its own id, so the mapping never invents a source.
    """
    if sources.height == 0:
        return pl.DataFrame(schema={"source_id": pl.String, "source_group": pl.String})
    parent = dict(zip(sources["source_id"].to_list(), sources["parent_source_id"].to_list(), strict=True))
    by_name = dict(zip(sources["name"].to_list(), sources["source_id"].to_list(), strict=True))
    name_of = {v: k for k, v in by_name.items()}
    groups = source_group_names(lex_dir)
    out = {}
    for sid in sorted(parent):
        root, seen = sid, {sid}
        while parent.get(root) and parent[root] in parent and parent[root] not in seen:
            root = parent[root]
            seen.add(root)
        # the lexicon may name the source itself or its root
        for cand in (sid, root):
            head = groups.get(name_of.get(cand, ""))
            if head and head in by_name:
                root = by_name[head]
                break
        out[sid] = root
    return pl.DataFrame(
        {"source_id": list(out), "source_group": list(out.values())},
        schema={"source_id": pl.String, "source_group": pl.String},
    )


# ------------------------------------------------------------------------------------------------ helpers


def proposition_id(key: str) -> str:
    return "p" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def report_units(articles: pl.DataFrame) -> pl.DataFrame:
    """Per article: report time and evidence unit (syndication group, else outlet, else the article).

    Report time is when the text we hold was current: modification time for an updated snapshot, else
    publication, else fetch time.
    """
    return articles.select(
        "article_id",
        "outlet",
        "language",
        "syndication_group",
        report_time=pl.coalesce("modified_at", "published_at", "fetched_at"),
        unit=pl.coalesce(
            pl.concat_str(pl.lit("syn:"), "syndication_group"),
            pl.concat_str(pl.lit("outlet:"), "outlet"),
            pl.concat_str(pl.lit("article:"), "article_id"),
        ),
    )


def _window_anchors(df: pl.DataFrame, key: list[str], window_days: int) -> pl.Series:
    """Statement windows per key, over statement times ``_t`` (report time minus back-reference).

    Claims stated as news open windows: a window starts at the earliest such claim and holds every claim
    within ``window_days`` of that start; the next claim after it starts the next window. Back-referenced
    claims ("last week ... 1,500") do not open windows: "last week" is vague, so they join the window whose
    start is nearest to their statement time (ties: the earlier), and only open windows of their own when
    the key has none. One pass over sorted rows plus a bisection per back-reference; ``df`` must be
    sorted by key, ``_t``.
    """
    import bisect

    window = timedelta(days=window_days)
    keys_l = (
        df.select(pl.concat_str([pl.col(k).fill_null("\x00") for k in key], separator="\x1f"))
        .to_series()
        .to_list()
    )
    times = df["_t"].to_list()
    asof = df["_asof"].to_list()
    back = (df["_backref_days"] > 0).to_list()
    anchors: list[Any] = [None] * len(times)
    # pass 1: windows opened by claims stated as news
    opened: dict[str, list[Any]] = {}
    cur_key, cur_anchor = None, None
    for i, (k, t, a, b) in enumerate(zip(keys_l, times, asof, back, strict=True)):
        if not a or t is None or b:
            continue
        if k != cur_key or cur_anchor is None or t - cur_anchor > window:
            cur_key, cur_anchor = k, t
            opened.setdefault(k, []).append(t)
        anchors[i] = cur_anchor
    # pass 2: back-references join the window in force, or open their own
    cur_key, cur_anchor = None, None
    for i, (k, t, a, b) in enumerate(zip(keys_l, times, asof, back, strict=True)):
        if not a or t is None or not b:
            continue
        starts = opened.get(k)
        if starts:
            j = bisect.bisect_right(starts, t)
            near = [x for x in (starts[j - 1] if j else None, starts[j] if j < len(starts) else None) if x]
            anchors[i] = min(near, key=lambda x: (abs(x - t), x))
            continue
        if k != cur_key or cur_anchor is None or t - cur_anchor > window:
            cur_key, cur_anchor = k, t
        anchors[i] = cur_anchor
    return pl.Series("_anchor", anchors, dtype=df["_t"].dtype)


def _frame_expr() -> pl.Expr:
    return (
        pl.when(pl.col("_deadline").is_not_null())
        .then(pl.concat_str(pl.lit("by "), pl.col("_deadline")))
        .when(pl.col("_anchor").is_not_null())
        .then(pl.concat_str(pl.lit("from "), pl.col("_anchor").dt.strftime("%Y-%m-%d")))
        .otherwise(None)
    )


EVENT_KEY = ["claim_type", "entity_class", "predicate", "_deadline"]


# ------------------------------------------------------------------------------------------------- core


def prepare(
    claims: pl.DataFrame, articles: pl.DataFrame, sources: pl.DataFrame, lex_dir: str | None = None
) -> pl.DataFrame:
    """Claims with the language-neutral alignment fields: entity_class, predicate (+cue), source_group,
    deadline month, report time and evidence unit. Public so notebooks and tests can inspect the fields."""
    ents = entity_classes(lex_dir)
    frame_of = {p.id: p.frame for p in predicates(lex_dir)}
    df = claims.join(report_units(articles), on="article_id", how="left")
    df = df.join(source_groups(sources, lex_dir), on="source_id", how="left")
    df = df.with_columns(
        entity_class=pl.col("entity")
        .str.to_lowercase()
        .replace_strict(ents, default=pl.col("entity").str.to_lowercase())
        .fill_null("unknown"),
        _pos=(pl.col("char_start") - pl.col("sentence_start")),
        _pos_end=(pl.col("char_end") - pl.col("sentence_start")),
    )
    # predicate: one regex scan per distinct (language, sentence, number position)
    uniq = (
        df.select("language", "sentence", "_pos", "_pos_end")
        .unique()
        .sort("language", "sentence", "_pos", "_pos_end", nulls_last=True)
    )
    preds, cues, alts = [], [], []
    for lang, sent, s, e in uniq.iter_rows():
        p, c = classify_predicate(sent or "", s, e, lang or "", lex_dir)
        preds.append(p)
        cues.append(c)
        alts.append(list(ambiguous_alternatives(sent or "", p, c, lang or "", lex_dir)))
    uniq = uniq.with_columns(
        predicate=pl.Series(preds, dtype=pl.String),
        predicate_cue=pl.Series(cues, dtype=pl.String),
        _alt=pl.Series(alts, dtype=pl.List(pl.String)),
    )
    df = df.join(uniq, on=["language", "sentence", "_pos", "_pos_end"], how="left", nulls_equal=True)
    # statement time: report time, moved back by a back-reference in the sentence ("last week")
    sents = df.select("language", "sentence").unique().sort("language", "sentence", nulls_last=True)
    sents = sents.with_columns(
        _backref_days=pl.Series(
            [backref_days(t or "", lang or "", lex_dir) for lang, t in sents.iter_rows()],
            dtype=pl.Int64,
        )
    )
    df = df.join(sents, on=["language", "sentence"], how="left", nulls_equal=True).with_columns(
        _t=pl.col("report_time") - pl.duration(days=pl.col("_backref_days"))
    )
    # deadline: the nearest time claim in the same sentence counting the same entity class
    no_deadline = [p.id for p in predicates(lex_dir) if not p.deadline]
    times = df.filter(
        (pl.col("claim_type") == "time")
        & pl.col("claim_date").is_not_null()
        & ~pl.col("entity").is_in(EVENT_ENTITIES).fill_null(False)
        & ~pl.col("predicate").is_in(no_deadline)
    ).select(
        "article_id",
        "field",
        "sentence_start",
        "entity_class",
        _t_pos="char_start",
        _t_date="claim_date",
    )
    qty = df.filter(pl.col("claim_type") == "quantity").select(
        "claim_id", "article_id", "field", "sentence_start", "entity_class", "char_start"
    )
    pairs = (
        qty.join(times, on=["article_id", "field", "sentence_start", "entity_class"])
        .with_columns(_d=(pl.col("char_start") - pl.col("_t_pos")).abs())
        .sort("_d", "claim_id")
    )
    # each time claim belongs to its nearest number; each number takes at most one deadline
    pairs = pairs.unique(subset=["article_id", "field", "_t_pos"], keep="first", maintain_order=True)
    pairs = pairs.unique(subset=["claim_id"], keep="first", maintain_order=True).select(
        "claim_id", _deadline=pl.col("_t_date").dt.strftime("%Y-%m")
    )
    df = df.join(pairs, on="claim_id", how="left").with_columns(
        # the number under a deadline, and the deadline itself, are an expectation
        predicate=pl.when(
            pl.col("_deadline").is_not_null()
            | ((pl.col("claim_type") == "time") & ~pl.col("entity").is_in(EVENT_ENTITIES).fill_null(True))
        )
        .then(pl.col("predicate").replace(under_deadline(lex_dir)))
        .otherwise(pl.col("predicate"))
    )
    df = df.with_columns(
        _asof=pl.col("predicate").replace_strict(frame_of, default="asof").eq("asof")
        & pl.col("_deadline").is_null()
        & (pl.col("claim_type") == "quantity"),
        # an ambiguous reading matters for a number without a deadline (under one it is `planned` already)
        _alt=pl.when(
            pl.col("_deadline").is_null()
            & (pl.col("claim_type") == "quantity")
            & pl.col("value").is_not_null()
        )
        .then(pl.col("_alt"))
        .otherwise(pl.lit([], dtype=pl.List(pl.String))),
    )
    return df.drop("_pos", "_pos_end")


def _modal_by(df: pl.DataFrame, group: str, col: str, name: str) -> pl.DataFrame:
    """Modal non-null value of ``col`` per ``group`` (ties: smallest value), deterministic."""
    return (
        df.filter(pl.col(col).is_not_null())
        .group_by(group, col)
        .len()
        .sort([group, "len", col], descending=[False, True, False])
        .unique(subset=[group], keep="first", maintain_order=True)
        .select(group, pl.col(col).alias(name))
    )


def align(
    claims: pl.DataFrame,
    articles: pl.DataFrame,
    sources: pl.DataFrame,
    params: Params | None = None,
    lex_dir: str | None = None,
) -> Result:
    """Give every claim a proposition_id, link_reason and link_score; build the propositions table."""
    p = params or Params()
    df = prepare(claims, articles, sources, lex_dir)
    df = df.with_columns(
        _pred_score=pl.when(pl.col("predicate") == "unknown")
        .then(pl.lit(p.unknown_predicate_score))
        .otherwise(1.0),
        _src_score=pl.when(pl.col("source_id").is_null() | (pl.col("source_id") == pl.col("source_group")))
        .then(1.0)
        .otherwise(pl.lit(p.related_source_score)),
    )
    key = [*EVENT_KEY, "source_group"]
    amb = pl.col("_alt").list.len().fill_null(0) > 0
    has_src = pl.col("source_group").is_not_null()
    # 1.+2. attributed claims with an unambiguous predicate: key, statement windows, misattribution
    att = _keyed(df.filter(has_src & ~amb), key, p)
    # 3. ambiguous cues ("schickt 12.000"): read as a compatible predicate when a better-supported
    # proposition of it carries the claim's value; the others are keyed as the lexicon reads them
    amb_att, rest_att = _resolve_ambiguous(df.filter(has_src & amb), att, p, same_source=True)
    amb_una, rest_una = _resolve_ambiguous(df.filter(~has_src & amb), att, p, same_source=False)
    if rest_att.height:
        att = _keyed(pl.concat([df.filter(has_src & ~amb), rest_att], how="diagonal_relaxed"), key, p)
    att = pl.concat([att, amb_att], how="diagonal_relaxed")
    # 4. unattributed claims join the best attributed candidate, or get their own propositions
    una = pl.concat([df.filter(~has_src & ~amb), rest_una], how="diagonal_relaxed")
    una = _join_unattributed(una, att, key, p)
    df = pl.concat([att, una, amb_una], how="diagonal_relaxed")
    if "_cue_predicate" not in df.columns:
        df = df.with_columns(_cue_predicate=pl.lit(None, pl.String))
    df = df.with_columns(
        proposition_id=pl.col("_pkey").map_elements(proposition_id, return_dtype=pl.String),
        link_score=(pl.col("_pred_score") * pl.col("_src_score") * pl.col("_join_score")).round(4),
        link_reason=_reason_expr(),
    )
    props = _propositions(df, sources)
    out = (
        df.sort("claim_id")
        .select(*claims.columns)
        .with_columns(df.sort("claim_id").select("proposition_id", "link_reason", "link_score"))
    )
    multi = props.filter(pl.col("n_reports") > 1)
    metrics = {
        "claims": out.height,
        "propositions": props.height,
        "propositions_multi_report": multi.height,
        "claims_in_multi_report_propositions": int(multi["n_claims"].sum() or 0),
        "predicate_unknown_share": round(
            float((df["predicate"] == "unknown").mean() or 0.0) if df.height else 0.0, 4
        ),
        "links_by_how": {k: int(v) for k, v in df.group_by("_how").len().sort("_how").iter_rows()},
    }
    return Result(claims=out, propositions=props, metrics=metrics)


def _pkey_expr() -> pl.Expr:
    return pl.concat_str(
        [
            pl.col("claim_type"),
            pl.col("entity_class"),
            pl.col("predicate"),
            pl.col("source_group").fill_null(""),
            pl.col("_frame").fill_null(""),
        ],
        separator="|",
    )


def _keyed(att: pl.DataFrame, key: list[str], p: Params) -> pl.DataFrame:
    """Attributed claims keyed by their own fields (statement windows), then misattribution repair."""
    att = att.sort([*key, "_t", "claim_id"], nulls_last=True)
    att = att.with_columns(_window_anchors(att, key, p.statement_window_days))
    att = att.with_columns(_frame=_frame_expr(), _how=pl.lit("key"), _join_score=pl.lit(1.0))
    att = att.with_columns(_pkey=_pkey_expr())
    # possible misattribution: a one-outlet proposition matching a well-supported one of another source
    return _repair_misattribution(att, p)


def _resolve_ambiguous(
    amb: pl.DataFrame, att: pl.DataFrame, p: Params, same_source: bool
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read claims with an ambiguous cue as a compatible predicate where the evidence says so.

    Candidates: propositions of ``att`` (attributed, unambiguous claims) with the claim's claim_type,
    entity class and deadline (none), a predicate among the claim's own and its compatible ones
    (``_alt``), the claim's source group when ``same_source`` (unattributed claims: any group), a
    compatible time (asof: the claim within the window of the proposition's start; open: the claim not
    before the proposition's first report minus the window) and a modal value within
    ``ambiguous_value_tolerance`` of the claim's value. The value only chooses between the readings the
    lexicon allows; it never splits a proposition. The best-supported candidate wins (reports, claims, key);
    when it has the claim's own predicate, or its score (``ambiguous_link_score`` x, for an unattributed
    claim, ``unattributed_join_score`` x its share of the matching candidates' reports) is below
    ``min_link_score``, the claim is left to the ordinary rules. Returns (resolved, left).
    """
    if amb.height == 0 or att.height == 0:
        return amb.head(0), amb
    summ = _prop_summary(att).join(
        _modal_by(att.select("_pkey", "value"), "_pkey", "value", "_modal"), on="_pkey"
    )
    on = [*EVENT_KEY, "source_group"] if same_source else EVENT_KEY
    rows = amb.with_row_index("_row")
    w = pl.duration(days=p.statement_window_days)
    cand = (
        rows.select(
            "_row",
            "claim_type",
            "entity_class",
            "_deadline",
            "_t",
            "value",
            *(["source_group"] if same_source else []),
            _own=pl.col("predicate"),
            predicate=pl.concat_list(pl.col("predicate"), pl.col("_alt")),
        )
        .explode("predicate", empty_as_null=True)
        .join(
            summ.select(*on, "_pkey", "_frame", "_anchor", "_modal", "n_reports", "n_claims", "first_time"),
            on=on,
            nulls_equal=True,
        )
        .filter(
            pl.when(pl.col("_anchor").is_not_null())
            .then(((pl.col("_t") - pl.col("_anchor")).abs() <= w).fill_null(False))
            .otherwise((pl.col("_t") >= pl.col("first_time") - w).fill_null(False))
            & (
                (pl.col("value") - pl.col("_modal")).abs()
                <= p.ambiguous_value_tolerance * pl.col("_modal").abs()
            )
        )
        .with_columns(_support=pl.col("n_reports").sum().over("_row"))
        .sort(["_row", "n_reports", "n_claims", "_pkey"], descending=[False, True, True, False])
        .unique(subset=["_row"], keep="first", maintain_order=True)
        .with_columns(
            _join_score=pl.lit(p.ambiguous_link_score)
            * (1.0 if same_source else p.unattributed_join_score)
            * pl.col("n_reports")
            / pl.col("_support")
        )
        .filter((pl.col("predicate") != pl.col("_own")) & (pl.col("_join_score") >= p.min_link_score))
        .select(
            "_row",
            "_pkey",
            "_frame",
            "_anchor",
            "_join_score",
            _read_as=pl.col("predicate"),
        )
    )
    done = (
        rows.join(cand, on="_row")
        .with_columns(
            _cue_predicate=pl.col("predicate"),
            predicate=pl.col("_read_as"),
            _asof=pl.lit(False),
            _how=pl.lit("ambiguous" if same_source else "ambiguous_unattributed"),
        )
        .drop("_row", "_read_as")
    )
    left = rows.join(cand.select("_row"), on="_row", how="anti").drop("_row")
    return done, left


def _reason_expr() -> pl.Expr:
    base = pl.format(
        "entity={} ({}); predicate={} [{}]; source={}; frame={}",
        pl.col("entity_class"),
        pl.col("entity").fill_null("?"),
        pl.col("predicate"),
        pl.col("predicate_cue").fill_null("no cue"),
        pl.col("source_id").fill_null("outlet"),
        pl.col("_frame").fill_null("open"),
    )
    how = (
        pl.when(pl.col("_how") == "misattribution")
        .then(pl.lit("; possible misattribution: value and event match a better-supported source"))
        .when(pl.col("_how") == "unattributed")
        .then(pl.lit("; unattributed, joined by entity+predicate+time"))
        .when(pl.col("_how").is_in(["ambiguous", "ambiguous_unattributed"]))
        .then(
            pl.format(
                "; ambiguous cue ({} or {}), read as {}: a better-supported proposition carries the value{}",
                pl.col("_cue_predicate"),
                pl.col("_alt").list.join(" or "),
                pl.col("predicate"),
                pl.when(pl.col("_how") == "ambiguous_unattributed")
                .then(pl.lit("; unattributed"))
                .otherwise(pl.lit("")),
            )
        )
        .when(pl.col("_how") == "own")
        .then(pl.lit("; unattributed, no attributed match"))
        .otherwise(pl.lit(""))
    )
    back = (
        pl.when(pl.col("_backref_days") > 0)
        .then(pl.format("; stated earlier (back-reference, -{}d)", pl.col("_backref_days")))
        .otherwise(pl.lit(""))
    )
    rel = (
        pl.when(pl.col("source_id").is_not_null() & (pl.col("source_id") != pl.col("source_group")))
        .then(pl.concat_str(pl.lit("; source group "), pl.col("source_group")))
        .otherwise(pl.lit(""))
    )
    return pl.concat_str(base, rel, back, how)


def _prop_summary(att: pl.DataFrame) -> pl.DataFrame:
    return att.group_by("_pkey").agg(
        pl.col("claim_type").first(),
        pl.col("entity_class").first(),
        pl.col("predicate").first(),
        pl.col("_deadline").first(),
        pl.col("source_group").first(),
        pl.col("_frame").first(),
        pl.col("_anchor").first(),
        n_reports=pl.col("unit").n_unique(),
        n_outlets=pl.col("outlet").n_unique(),
        n_claims=pl.len(),
        values=pl.col("value").drop_nulls(),
        first_time=pl.col("report_time").min(),
    )


def _compatible_time(a: pl.Expr, b: pl.Expr, window_days: int) -> pl.Expr:
    """Both open (null), or within ``window_days`` of each other."""
    w = pl.duration(days=window_days)
    return (a.is_null() & b.is_null()) | ((a - b).abs() <= w).fill_null(False)


def _repair_misattribution(att: pl.DataFrame, p: Params) -> pl.DataFrame:
    if att.height == 0:
        return att
    summ = _prop_summary(att)
    # modal value of each candidate target (most claims; ties: smallest value)
    modal = _modal_by(att.select("_pkey", "value"), "_pkey", "value", "_modal")
    small = summ.filter((pl.col("n_outlets") == 1) & (pl.col("values").list.len() > 0))
    big = summ.filter(pl.col("n_reports") >= p.misattribution_min_reports).join(modal, on="_pkey")
    if small.height == 0 or big.height == 0:
        return att
    cand = small.join(big, on=EVENT_KEY, suffix="_q", nulls_equal=True).filter(
        (pl.col("source_group") != pl.col("source_group_q"))
        & _compatible_time(pl.col("_anchor"), pl.col("_anchor_q"), p.statement_window_days)
    )
    if cand.height == 0:
        return att
    cand = cand.explode("values", empty_as_null=True).with_columns(
        _ok=((pl.col("values") - pl.col("_modal")).abs() <= p.misattribution_tolerance * pl.col("_modal"))
    )
    cand = (
        cand.group_by("_pkey", "_pkey_q", "n_reports_q", "n_claims_q")
        .agg(pl.col("_ok").all())
        .filter("_ok")
        .sort(["_pkey", "n_reports_q", "n_claims_q", "_pkey_q"], descending=[False, True, True, False])
        .unique(subset=["_pkey"], keep="first", maintain_order=True)
        .select("_pkey", "_pkey_q")
    )
    if cand.height == 0:
        return att
    target = summ.select(
        pl.col("_pkey").alias("_pkey_q"),
        pl.col("_frame").alias("_frame_q"),
        pl.col("_anchor").alias("_anchor_q"),
    )
    cand = cand.join(target, on="_pkey_q")
    att = att.join(cand, on="_pkey", how="left")
    hit = pl.col("_pkey_q").is_not_null()
    return att.with_columns(
        _frame=pl.when(hit).then(pl.col("_frame_q")).otherwise(pl.col("_frame")),
        _anchor=pl.when(hit).then(pl.col("_anchor_q")).otherwise(pl.col("_anchor")),
        _how=pl.when(hit).then(pl.lit("misattribution")).otherwise(pl.col("_how")),
        _join_score=pl.when(hit).then(pl.lit(p.misattribution_score)).otherwise(pl.col("_join_score")),
        _pkey=pl.when(hit).then(pl.col("_pkey_q")).otherwise(pl.col("_pkey")),
    ).drop("_pkey_q", "_frame_q", "_anchor_q")


def _join_unattributed(una: pl.DataFrame, att: pl.DataFrame, key: list[str], p: Params) -> pl.DataFrame:
    if una.height == 0:
        return una
    una = una.with_row_index("_row")
    joined = una.head(0)
    if att.height:
        summ = _prop_summary(att)
        cand = una.select("_row", *EVENT_KEY, "_t", "_asof").join(
            summ.select(*EVENT_KEY, "_pkey", "_frame", "_anchor", "n_reports", "n_claims"),
            on=EVENT_KEY,
            nulls_equal=True,
        )
        cand = cand.filter(
            pl.when(pl.col("_asof"))
            .then(_compatible_time(pl.col("_t"), pl.col("_anchor"), p.statement_window_days))
            .otherwise(pl.col("_anchor").is_null())
        )
        cand = (
            cand.with_columns(
                _support=pl.col("n_reports").sum().over("_row"),
                _dist=(pl.col("_t") - pl.col("_anchor")).abs().fill_null(pl.duration(days=0)),
            )
            # nearest statement window first, then the best-supported proposition
            .sort(
                ["_row", "_dist", "n_reports", "n_claims", "_pkey"],
                descending=[False, False, True, True, False],
            )
            .unique(subset=["_row"], keep="first", maintain_order=True)
            .with_columns(
                _join_score=pl.lit(p.unattributed_join_score) * pl.col("n_reports") / pl.col("_support")
            )
            .filter(pl.col("_join_score") >= p.min_link_score)
            .select("_row", "_pkey", "_frame", "_anchor", "_join_score")
        )
        joined = una.join(cand, on="_row").with_columns(_how=pl.lit("unattributed"))
    rest = una.join(joined.select("_row"), on="_row", how="anti").sort(
        [*key, "_t", "claim_id"], nulls_last=True
    )
    rest = rest.with_columns(_window_anchors(rest, key, p.statement_window_days))
    rest = rest.with_columns(_frame=_frame_expr(), _how=pl.lit("own"), _join_score=pl.lit(1.0))
    rest = rest.with_columns(_pkey=_pkey_expr())
    return pl.concat([joined, rest], how="diagonal_relaxed").drop("_row")


def _propositions(df: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    names = dict(zip(sources["source_id"].to_list(), sources["name"].to_list(), strict=True))
    modal_src = _modal_by(df, "proposition_id", "source_id", "source_id")
    props = (
        df.group_by("proposition_id")
        .agg(
            pl.col("_pkey").first(),
            pl.col("claim_type").first(),
            pl.col("entity_class").first(),
            pl.col("predicate").first(),
            pl.col("_frame").first().alias("time_frame"),
            n_claims=pl.len(),
            n_articles=pl.col("article_id").n_unique(),
            n_outlets=pl.col("outlet").drop_nulls().n_unique(),
            n_reports=pl.col("unit").n_unique(),
        )
        .join(modal_src, on="proposition_id", how="left")
        .with_columns(pl.col("n_outlets").clip(lower_bound=1))
    )
    who = pl.col("source_id").replace_strict(names, default=pl.col("source_id")).fill_null("unattributed")
    props = props.with_columns(
        label=pl.format(
            "{} {} ({}){}",
            pl.col("entity_class"),
            pl.col("predicate").str.replace_all("_", " "),
            who,
            pl.when(pl.col("time_frame").is_not_null())
            .then(pl.concat_str(pl.lit(", "), pl.col("time_frame")))
            .otherwise(pl.lit("")),
        )
    )
    return props.sort("proposition_id").drop("_pkey")
