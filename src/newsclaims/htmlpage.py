"""HTML pages: main text with trafilatura, metadata from JSON-LD and meta tags first, heuristics last.

Publishers state title, dates, section and author for search engines in JSON-LD and Open Graph tags; those
are more reliable than anything guessed from the visible page, so they are read first and
trafilatura/htmldate only fill the gaps. Captions are collected from <figcaption> (and caption-classed
elements) and kept out of the body, since a caption can carry its own claim. The page is parsed once with
lxml and the tree reused.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import lxml.html
import trafilatura
import yaml
from htmldate import find_date
from lxml import etree

from newsclaims import wire
from newsclaims.paths import lexicon_dir

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "webpage",
    "reviewnewsarticle",
    "askpublicnewsarticle",
}
_CRUMB_ROOTS = {"home", "startseite", "start", "accueil", "homepage", "news", "nachrichten"}
_LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage"}
_WS = re.compile(r"[ \t\r\f\v]+")
# Short closing lines ("Mit Material von dpa", "MPA and Reuters contributed to this report.", "— MPA") carry
# the wire credits of an HTML article; longer paragraphs are prose that may merely name an agency.
CREDIT_LINE_MAX_CHARS = 120
_TRAILING_CREDIT = re.compile(r"\(([A-Za-z][\w\-/ ]{0,24})\)\s*$")
KICKER_MAX_CHARS = 80
DATELINE_MAX_CHARS = 80
# Metadata dates before this year are placeholders, not publication dates: CMSs emit "0001-01-01T00:00:00"
# for an unset field (seen on 3 of the 181 real pages of the article-extraction benchmark). htmldate uses the
# same floor (its default min_date is 1995-01-01); the web's news archives start in the mid 1990s.
MIN_PUBLICATION_YEAR = 1995
_DATEISH = re.compile(r"\b(19|20)\d{2}\b|\d{1,2}[.:]\d{2}")


@dataclass
class Page:
    title: str | None = None
    kicker: str | None = None
    author: str | None = None
    section: str | None = None
    site_name: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    language: str | None = None
    text: str = ""
    captions: list[str] = field(default_factory=list)
    wire_credits: list[str] = field(default_factory=list)
    page_type: str | None = None  # "article", "listing" or None when the page does not say
    accessible_for_free: bool | None = None
    link_density: float = 0.0
    closed: bool = True  # the document ends with </html> or </body>


def parse_datetime(s: str | None) -> datetime | None:
    """ISO 8601 (with or without offset; naive times are taken as UTC) -> aware UTC datetime."""
    if not s:
        return None
    s = s.strip().replace("Z", "+00:00")
    s = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", s)
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        m = re.match(r"(\d{4}-\d{2}-\d{2})", s)
        if not m:
            return None
        dt = datetime.fromisoformat(m.group(1))
    if dt.year < MIN_PUBLICATION_YEAR:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def _clean(s: Any) -> str | None:
    if not isinstance(s, str):
        return None
    s = " ".join(s.split())
    return s or None


def _names(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict):
        n = v.get("name")
        return [n] if isinstance(n, str) else []
    if isinstance(v, list):
        return [x for item in v for x in _names(item)]
    return []


def _jsonld(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text or "")
        except (ValueError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            d = stack.pop(0)
            if isinstance(d, dict):
                if "@graph" in d and isinstance(d["@graph"], list):
                    stack.extend(d["@graph"])
                out.append(d)
            elif isinstance(d, list):
                stack.extend(d)
    return out


def _types(d: dict[str, Any]) -> set[str]:
    t = d.get("@type")
    ts = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in ts if x}


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in tree.xpath("//meta[@content]"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        if key and key not in out:
            out[key] = m.get("content", "").strip()
    for link in tree.xpath('//link[@rel="canonical"][@href]'):
        out.setdefault("canonical", link.get("href", "").strip())
    return out


def _captions(tree: lxml.html.HtmlElement) -> list[str]:
    caps: list[str] = []
    # One cheap substring test in XPath, the exact class rules in Python: a `caption` class token, or a
    # BEM/kebab "__caption" / "-caption" class (the normalize-space/concat XPath was 4% of a parse).
    for el in tree.xpath("//figcaption | //*[contains(@class, 'caption')]"):
        if el.tag != "figcaption":
            cls = el.get("class", "")
            if "caption" not in cls.split() and "__caption" not in cls and "-caption" not in cls:
                continue
        if el.xpath("ancestor::figcaption"):
            continue
        t = _clean(el.text_content())
        if t and t not in caps and len(t) <= 600:
            caps.append(t)
    return caps


def _breadcrumb(tree: lxml.html.HtmlElement, ld: list[dict[str, Any]]) -> str | None:
    """Section path from a JSON-LD BreadcrumbList or a breadcrumb-classed list ("World / Asia Pacific")."""
    names: list[str] = []
    bl = next((d for d in ld if "breadcrumblist" in _types(d)), None)
    if bl is not None:
        items = bl.get("itemListElement") or []
        items = sorted((i for i in items if isinstance(i, dict)), key=lambda i: int(i.get("position") or 0))
        for i in items:
            n = (
                i.get("name") or (i.get("item") or {}).get("name")
                if isinstance(i.get("item"), dict)
                else i.get("name")
            )
            if _clean(n):
                names.append(_clean(n))  # type: ignore[arg-type]
    if not names:
        for el in tree.xpath("//*[contains(@class, 'breadcrumb')][.//li or .//a][1]"):
            names = [
                t for t in (_clean(x.text_content()) for x in (el.xpath(".//li") or el.xpath(".//a"))) if t
            ]
            break
    while names and (names[0].lower() in _CRUMB_ROOTS or len(names[0]) > 60):
        names = names[1:]
    return " / ".join(n for n in names if len(n) <= 60) or None


def _link_density(tree: lxml.html.HtmlElement) -> float:
    body = tree.find("body")
    if body is None:
        return 0.0
    total = len(" ".join(body.text_content().split()))
    links = sum(len(" ".join((a.text_content() or "").split())) for a in body.iter("a"))
    return links / total if total else 0.0


@dataclass(frozen=True)
class LeadRules:
    """The lead-paragraph rule's vocabulary and limits (``lexicon/chrome/html/lead.yaml``)."""

    class_tokens: frozenset[str]
    bold_tags: frozenset[str]
    block_tags: frozenset[str]
    block_tokens: frozenset[str]
    min_chars: int
    max_chars: int
    max_link_share: float
    final_punctuation: re.Pattern[str]
    max_scan: int


@functools.cache
def lead_rules() -> LeadRules:
    d = yaml.safe_load((lexicon_dir() / "chrome" / "html" / "lead.yaml").read_text(encoding="utf-8"))
    low = lambda k: frozenset(str(x).lower() for x in d.get(k) or ())  # noqa: E731
    return LeadRules(
        class_tokens=low("class_tokens"),
        bold_tags=low("bold_tags"),
        block_tags=low("block_tags"),
        block_tokens=low("block_tokens"),
        min_chars=int(d["min_chars"]),
        max_chars=int(d["max_chars"]),
        max_link_share=float(d["max_link_share"]),
        final_punctuation=re.compile(str(d["final_punctuation"])),
        max_scan=int(d["max_scan"]),
    )


_TOKEN_SPLIT = re.compile(r"[^0-9a-z]+")
# Elements that make a <p>/<div> a container rather than one paragraph.
_BLOCK_CHILDREN = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "ul",
        "ol",
        "dl",
        "table",
        "figure",
        "blockquote",
        "form",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)
_PARA_TAGS = frozenset({"p", "div", "h2"})


def _tokens(el: lxml.html.HtmlElement) -> set[str]:
    return set(_TOKEN_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower())) - {""}


def _article_container(tree: lxml.html.HtmlElement, h1: Any) -> Any:
    """The main article element: the headline's nearest <article>/<main>, else the page's first one."""
    if h1 is not None:
        for a in h1.iterancestors():
            if a.tag in ("article", "main") or (a.get("role") or "").lower() == "main":
                return a
    art = next(tree.iter("article"), None)
    return art if art is not None else next(tree.iter("main"), None)


def _lead(tree: lxml.html.HtmlElement, h1: Any) -> str | None:
    """The article's lead paragraph (standfirst/teaser/chapo), or None (rule: lexicon/chrome/html/lead.yaml).

    Must run before trafilatura, which prunes the tree and drops teaser-classed elements: the lead is often
    where a news article states its key claim, so losing it loses the claim.
    """
    box = _article_container(tree, h1)
    if box is None:
        return None
    r = lead_rules()
    started = h1 is None or not any(a is box for a in h1.iterancestors())
    seen = 0
    for el in box.iter():
        if el is h1:
            started = True
            continue
        if not started or not isinstance(el.tag, str) or el.tag not in _PARA_TAGS:
            continue
        seen += 1
        if seen > r.max_scan:
            return None
        if any(isinstance(c.tag, str) and c.tag in _BLOCK_CHILDREN for c in el):
            continue  # a container: its own paragraphs are looked at in turn
        blocked = False
        for a in (el, *el.iterancestors()):
            if a is box:
                break
            if a.tag in r.block_tags or _tokens(a) & r.block_tokens:
                blocked = True
                break
        if blocked:
            continue
        text = _clean(el.text_content())
        if not text or len(text) < r.min_chars:
            continue  # byline, date line, label: keep looking
        # The first prose block after the headline: the lead if it is marked as one, else there is none.
        kids = [c for c in el if isinstance(c.tag, str)]
        bold = (
            el.tag == "p"
            and len(kids) == 1
            and kids[0].tag in r.bold_tags
            and not (el.text or "").strip()
            and not (kids[0].tail or "").strip()
        )
        if not (bold or _tokens(el) & r.class_tokens):
            return None
        links = sum(len(_clean(x.text_content()) or "") for x in el.iter("a"))
        if len(text) > r.max_chars or links > r.max_link_share * len(text):
            return None
        return text if r.final_punctuation.search(text) else None
    return None


def parse(
    html: str | bytes,
    url: str | None = None,
    *,
    favor_precision: bool = False,
    favor_recall: bool = False,
    include_tables: bool = True,
    include_comments: bool = False,
    find_dates: bool = True,
) -> Page:
    """Parse one HTML page into body, captions and metadata."""
    page = Page()
    tail = (html[-2048:] if isinstance(html, str) else html[-2048:].decode("utf-8", "ignore")).lower()
    page.closed = "</html>" in tail or "</body>" in tail
    tree = trafilatura.load_html(html)
    if tree is None:
        return page
    # Metadata first (trafilatura's extraction prunes the tree it is given).
    meta = _meta(tree)
    h1_el = next(tree.iter("h1"), None)
    h1 = _clean(h1_el.text_content()) if h1_el is not None else None
    title_tag = _clean(tree.findtext(".//title"))
    ld = _jsonld(tree)
    art = next((d for d in ld if _types(d) & (_ARTICLE_TYPES - {"webpage"})), None)
    listing = any(_types(d) & _LISTING_TYPES for d in ld)
    # og:type "website" is common on real article pages, so only JSON-LD listing types mark a listing.
    if art is not None or meta.get("og:type", "").lower() == "article":
        page.page_type = "article"
    elif listing:
        page.page_type = "listing"
    a = art or {}
    page.title = (
        _clean(a.get("headline"))
        or _clean(meta.get("og:title"))
        or _clean(meta.get("twitter:title"))
        or h1
        or (re.split(r"\s+[|–-]\s+", title_tag)[0] if title_tag else None)
    )
    tier = (meta.get("article:content_tier") or "").lower()
    if tier in ("locked", "metered"):
        page.accessible_for_free = False
    page.kicker = _clean(a.get("alternativeHeadline")) or _clean(meta.get("article:kicker"))
    authors = _names(a.get("author")) or ([meta["author"]] if meta.get("author") else [])
    page.author = "; ".join(dict.fromkeys(_clean(x) for x in authors if _clean(x))) or None  # type: ignore[arg-type]
    sec = a.get("articleSection")
    sec = sec[0] if isinstance(sec, list) and sec else sec
    page.section = _breadcrumb(tree, ld) or _clean(sec) or _clean(meta.get("article:section"))
    page.site_name = _clean(meta.get("og:site_name")) or (_names(a.get("publisher")) or [None])[0]
    page.url = _clean(meta.get("og:url")) or _clean(meta.get("canonical"))
    if not page.url:
        mep = a.get("mainEntityOfPage")
        page.url = _clean(mep if isinstance(mep, str) else (mep or {}).get("@id"))
    page.published_at = (
        parse_datetime(a.get("datePublished"))
        or parse_datetime(meta.get("article:published_time"))
        or parse_datetime(meta.get("date") or meta.get("dc.date") or meta.get("pubdate"))
    )
    page.modified_at = parse_datetime(a.get("dateModified")) or parse_datetime(
        meta.get("article:modified_time") or meta.get("og:updated_time")
    )
    lang = _clean(a.get("inLanguage")) or tree.get("lang") or meta.get("og:locale") or meta.get("language")
    page.language = re.split(r"[-_]", lang.strip().lower())[0] if lang else None
    free = a.get("isAccessibleForFree")
    if free is not None:
        page.accessible_for_free = str(free).lower() not in ("false", "0", "no")
    page.captions = _captions(tree)
    page.link_density = _link_density(tree)
    if page.published_at is None and find_dates:
        # htmldate looks at URL, visible dates and markup: slower, so only when the page states no date.
        try:
            d = find_date(tree, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        except Exception:  # htmldate raises on odd markup; a missing date is not an error
            d = None
        page.published_at = parse_datetime(d) if d else None
    lead = _lead(tree, h1_el)

    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        include_comments=include_comments,
        include_tables=include_tables,
        with_metadata=False,
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    # One paragraph per line from trafilatura -> blank-line paragraphs; captions out of the body.
    caps = set(page.captions)
    paras = [_WS.sub(" ", p).strip() for p in text.split("\n")]
    paras = [p for p in paras if p and p not in caps]
    # Headline furniture that trafilatura keeps at the top (kicker, headline, "Stand: <date>"): the page
    # states the headline in its metadata, so everything up to it within the first paragraphs goes.
    heads = {t for t in (page.title, h1) if t}
    ti = next((i for i, p in enumerate(paras[:4]) if p in heads), None)
    if ti is not None:
        if ti >= 1 and len(paras[ti - 1]) <= KICKER_MAX_CHARS and not page.kicker:
            page.kicker = paras[ti - 1]
        paras = paras[ti + 1 :]
        if paras and len(paras[0]) <= DATELINE_MAX_CHARS and _DATEISH.search(paras[0]):
            paras = paras[1:]
    tail_credit_lines = [p for p in paras[-3:] if len(p) <= CREDIT_LINE_MAX_CHARS]
    m = _TRAILING_CREDIT.search(paras[-1]) if paras else None
    page.wire_credits = wire.merge(
        wire.credits_in([page.author] if page.author else []),
        wire.dateline_credits(paras[0] if paras else None),
        wire.credits_in(tail_credit_lines),
        wire.credits_in([m.group(1)]) if m else [],
    )
    if paras and wire.is_signoff(paras[-1]):
        paras = paras[:-1]
    # The lead opens the body unless trafilatura kept it (or it is the title or a caption).
    if lead and paras and lead not in caps and lead not in heads:
        norm = " ".join(paras).lower()
        if lead.lower() not in norm:
            paras = [lead, *paras]
    page.text = "\n\n".join(paras)
    return page


def text_only(html: str | bytes, url: str | None = None) -> str:
    """Body text as ``parse`` produces it (for the benchmark)."""
    return parse(html, url, find_dates=False).text


__all__ = ["Page", "etree", "parse", "parse_datetime", "text_only"]
