"""Score extracted claims against hand-annotated gold (docs/annotation.md): ``newsclaims evaluate``.

Why this design: the gold set is written by people who never see our ids, so gold articles are matched to
parsed articles by input path and URL (as the annotation guide says), and gold sources are written as plain
names, resolved through the registry's aliases in any language. Claims are matched one-to-one within an
article on claim type and value (claim_date for time claims); precision and recall count claims, and the
accuracy of entity, source, qualifier, hedged and claim_date is measured on matched pairs, overall and per
language. Any extractor that writes the claims table can be scored the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import polars as pl

from newsclaims.attribution import norm_name, registry, slug

FIELDS = ("entity", "source", "qualifier", "hedged", "claim_date")
VALUE_REL_TOL = 1e-6  # values are normalised floats: equal up to float noise


class GoldError(ValueError):
    """A gold file is not in the documented format."""


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold lines from a JSONL file or every *.jsonl in a folder (sorted), each with its origin."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise FileNotFoundError(f"gold {path}: no JSONL file found (give a .jsonl file or a folder of them)")
    out = []
    for f in files:
        for no, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise GoldError(f"{f}:{no}: not valid JSON ({e.msg}); one JSON object per line") from None
            if not isinstance(d, dict) or "claims" not in d or not (d.get("article") or d.get("url")):
                raise GoldError(f"{f}:{no}: needs 'claims' and 'article' or 'url' (docs/annotation.md)")
            d["_where"] = f"{f.name}:{no}"
            out.append(d)
    return out


def _norm_path(p: str | None) -> str:
    return (p or "").replace("\\", "/").lstrip("./")


_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ocid|cmpid)$", re.IGNORECASE)


def norm_url(u: str | None) -> str:
    """A URL as gold written elsewhere and a parsed page both identify it: scheme (http = https), host
    without "www." in lower case, no default port, fragment, tracking parameters or trailing slash."""
    u = (u or "").strip()
    if not u:
        return ""
    p = urlsplit(u if _URL.match(u) else "https://" + u)
    host = (p.hostname or "").lower().removeprefix("www.")
    if p.port and p.port not in (80, 443):
        host += f":{p.port}"
    query = "&".join(q for q in p.query.split("&") if q and not _TRACKING.match(q.split("=", 1)[0]))
    return host + (p.path.rstrip("/") or "") + ("?" + query if query else "")


def match_articles(gold: list[dict[str, Any]], articles: pl.DataFrame) -> list[str | None]:
    """article_id for each gold line: path and URL together, else whichever identifies one article.

    ``article`` may hold a URL instead of a path (docs/annotation.md); URLs are compared normalised
    (:func:`norm_url`), since gold written by others copies them from a browser, the parser from the page."""
    rows = articles.select("article_id", "path", "url").sort("article_id").to_dicts()
    urls = [norm_url(r["url"]) for r in rows]
    out: list[str | None] = []
    for g in gold:
        art, gu = (g.get("article") or "").strip(), (g.get("url") or "").strip()
        if _URL.match(art):
            art, gu = "", gu or art
        gp, gu = _norm_path(art), norm_url(gu)
        by_path = [
            r["article_id"]
            for r in rows
            if gp
            and (
                _norm_path(r["path"]) == gp
                or _norm_path(r["path"]).endswith("/" + gp)
                or gp.endswith("/" + _norm_path(r["path"]))
            )
        ]
        by_url = [r["article_id"] for r, u in zip(rows, urls, strict=True) if gu and u == gu]
        both = [a for a in by_path if a in set(by_url)]
        if both:
            out.append(both[0])
        elif len(by_path) == 1 and not (gu and by_url):
            out.append(by_path[0])
        elif len(by_url) == 1:
            out.append(by_url[0])
        elif len(by_path) == 1:
            out.append(by_path[0])
        else:
            out.append(None)
    return out


def _date(v: Any) -> dt.date | None:
    """ISO date; a month ("2024-12") or a year ("2025") is its first day, as the claims table writes them."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.date):
        return v
    t = str(v).strip()
    if len(t) == 4 and t.isdigit():
        return dt.date(int(t), 1, 1)
    if len(t) == 7 and t[4] == "-":
        return dt.date(int(t[:4]), int(t[5:]), 1)
    return dt.date.fromisoformat(t[:10])


def _key(claim_type: str, value: Any, claim_date: Any) -> tuple:
    if claim_type == "time":
        return ("time", _date(claim_date))
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ("quantity", None)
    return ("quantity", round(float(value), 6))


@dataclass
class _Tally:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    articles: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    seen: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def metrics(self) -> dict[str, Any]:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out: dict[str, Any] = {
            "articles": self.articles,
            "gold_claims": self.gold,
            "pred_claims": self.pred,
            "matched": self.tp,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
        }
        for f in FIELDS:
            out[f"{f}_accuracy"] = round(self.right[f] / self.seen[f], 4) if self.seen[f] else None
        return out


def evaluate(
    gold: list[dict[str, Any]],
    articles: pl.DataFrame,
    claims: pl.DataFrame,
    sources: pl.DataFrame | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Metrics overall and per language, and human-readable disagreements (for error analysis)."""
    reg = registry()
    ids = match_articles(gold, articles)
    lang_of = dict(zip(articles["article_id"], articles["language"], strict=True))
    src_name = {}
    if sources is not None and sources.height:
        src_name = dict(zip(sources["source_id"], sources["name"], strict=True))
    by_art: dict[str, list[dict]] = {}
    for c in claims.sort(["article_id", "field", "char_start"]).to_dicts():
        by_art.setdefault(c["article_id"], []).append(c)
    tallies: dict[str, _Tally] = {"all": _Tally()}
    notes: list[str] = []
    seen_articles: set[str] = set()
    for g, aid in zip(gold, ids, strict=True):
        lang = g.get("language") or (lang_of.get(aid) if aid else None) or "und"
        scopes = [tallies["all"], tallies.setdefault(lang, _Tally())]
        gclaims = g.get("claims") or []
        if aid is None:
            notes.append(f"{g['_where']}: no parsed article for {g.get('article')!r} / {g.get('url')!r}")
            for t in scopes:
                t.gold += len(gclaims)
                t.articles += 1
            continue
        if aid in seen_articles:
            notes.append(f"{g['_where']}: article {aid} already matched by another gold line")
        seen_articles.add(aid)
        preds = list(by_art.get(aid, []))
        for t in scopes:
            t.articles += 1
            t.gold += len(gclaims)
            t.pred += len(preds)
        used: set[int] = set()
        for gc in gclaims:
            ctype = gc.get("claim_type") or "quantity"
            try:
                if isinstance(gc.get("value"), (str, bool)):
                    raise TypeError("value as text")  # "12.000" would read as 12.0
                k = _key(ctype, gc.get("value"), gc.get("claim_date"))
            except (TypeError, ValueError):
                raise GoldError(
                    f"{g['_where']}: claim {gc!r}: value must be a number (12000, not '12.000') and "
                    "claim_date an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)"
                ) from None
            cands = [
                (j, p)
                for j, p in enumerate(preds)
                if j not in used and _key(p["claim_type"], p["value"], p["claim_date"]) == k
            ]
            if not cands:
                notes.append(f"{g['_where']} [{aid}] missed: {gc.get('text') or k}")
                continue
            gsrc = reg.resolve_name(gc.get("source"))
            scored = []
            for j, p in cands:
                agree = _agreement(gc, gsrc, p, src_name)
                scored.append((-sum(agree.values()), j, p, agree))
            scored.sort(key=lambda x: (x[0], x[1]))
            _s, j, p, agree = scored[0]
            used.add(j)
            for t in scopes:
                t.tp += 1
                for f, ok in agree.items():
                    t.seen[f] += 1
                    t.right[f] += int(ok)
            for f, ok in agree.items():
                if not ok:
                    pv = {
                        "entity": p["entity"],
                        "source": p["source_id"],
                        "qualifier": p["qualifier"],
                        "hedged": p["hedged"],
                        "claim_date": p["claim_date"],
                    }[f]
                    gv = gsrc if f == "source" else gc.get(f)
                    notes.append(
                        f"{g['_where']} [{aid}] {f}: gold {gv!r} pred {pv!r} in "
                        f"{(gc.get('text') or '')!r} | {p['sentence'][:160]!r}"
                    )
        for j, p in enumerate(preds):
            if j not in used:
                notes.append(f"{g['_where']} [{aid}] extra: {p['number_text']!r} in {p['sentence'][:90]!r}")
    metrics = {k: t.metrics() for k, t in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0]))}
    return metrics, notes


def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in slug(norm_name(name)).split("-") if t)


def same_unknown_source(gold_name: str, pred_name: str) -> bool:
    """Two names of sources outside the registry denote the same source when the words of one are all
    words of the other ("Ed Alvarez" ~ "Interim BART Police Chief Ed Alvarez", "InfoNation" ~ "the
    InfoNation"; "Munich police" ~ "police"): gold written by others names a new source in its own words,
    the extractor reads it as written, and neither has a registry entry to agree on. Names of the registry
    must agree exactly (by id): there the registry, not wording, decides."""
    g, p = _name_tokens(gold_name), _name_tokens(pred_name)
    return bool(g and p) and (g <= p or p <= g)


def _agreement(
    gc: dict[str, Any], gsrc: str | None, p: dict[str, Any], src_name: dict[str, str] | None = None
) -> dict[str, bool]:
    out: dict[str, bool] = {}
    if "entity" in gc and gc.get("entity") is not None:
        out["entity"] = (p["entity"] or "").strip().lower() == str(gc["entity"]).strip().lower()
    if "source" in gc:
        pid = p["source_id"] or None
        out["source"] = pid == gsrc
        if not out["source"] and gsrc and pid and gsrc.startswith("x-") and pid.startswith("x-"):
            out["source"] = same_unknown_source(str(gc["source"]), (src_name or {}).get(pid) or pid[2:])
    if "qualifier" in gc and gc.get("qualifier"):
        out["qualifier"] = p["qualifier"] == gc["qualifier"]
    if "hedged" in gc and gc.get("hedged") is not None:
        out["hedged"] = bool(p["hedged"]) == bool(gc["hedged"])
    if (gc.get("claim_type") or "quantity") == "time":
        out["claim_date"] = _date(p["claim_date"]) == _date(gc.get("claim_date"))
    return out


def format_table(metrics: dict[str, Any]) -> str:
    """Plain-text table, one row per scope (all, then languages)."""
    cols = [
        "articles",
        "gold_claims",
        "pred_claims",
        "matched",
        "precision",
        "recall",
        "f1",
        *(f"{f}_accuracy" for f in FIELDS),
    ]
    heads = [
        "scope",
        "articles",
        "gold",
        "pred",
        "matched",
        "P",
        "R",
        "F1",
        "entity",
        "source",
        "qualifier",
        "hedged",
        "date",
    ]
    lines = ["  ".join(f"{h:>9}" for h in heads)]
    for scope, m in metrics.items():
        vals = [scope]
        for c in cols:
            v = m[c]
            vals.append("-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)))
        lines.append("  ".join(f"{v:>9}" for v in vals))
    return "\n".join(lines)
