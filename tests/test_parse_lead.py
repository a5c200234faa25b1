"""Lead paragraphs (standfirst, teaser, chapo) open the body of HTML articles; teaser cards never do.

The rule (``lexicon/chrome/html/lead.yaml``) is checked on a real demo page whose bold teaser carries
the story's key number, on generated pages that put teaser-classed link cards inside and next to the
article, and on every demo HTML page and WARC record: whatever the rule adds must be a marked lead right
under the headline, and everything else must still be trafilatura's own body.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import trafilatura

from newsclaims import htmlpage, warc

REPO = Path(__file__).resolve().parents[1]
DEMO_HTML = REPO / "data" / "raw" / "demo" / "html"
DEMO_WARC = REPO / "data" / "raw" / "demo" / "warc"
RUNDFUNK = DEMO_HTML / "rundfunk-nord-20241019-nordkorea-truppen.html"

BODY = "".join(
    f"<p>Paragraph {i} of the story: the harbour authority said on Monday that {i * 120} containers were "
    f"held back by the storm, and that the backlog would take about {i + 2} days to clear.</p>"
    for i in range(1, 7)
)
TEASERS = (
    "Another story entirely: the city council has approved a new budget for road repairs this winter.",
    "Yet another story: analysts expect energy prices to fall again next month, the agency said.",
)
CARDS = "".join(f'<li><a href="/other{i}"><p class="teaser">{t}</p></a></li>' for i, t in enumerate(TEASERS))
LEAD = "The harbour will stay closed until Friday. Ships are being sent to other ports along the coast."


def page(lead_html: str = "", cards_in_article: str = "", summary_after: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Storm closes harbour | Gen News</title></head><body>"
        "<header><nav><ul><li><a href='/'>Home</a></li></ul></nav></header><main><article>"
        f"<h1>Storm closes harbour</h1><p class='byline'>By A. Reporter</p>{lead_html}{cards_in_article}"
        f"<div class='article-body'>{BODY}</div>{summary_after}</article>"
        f"<aside class='related'><h2>More stories</h2><ul>{CARDS}</ul></aside></main>"
        "<footer><p>© Gen News</p></footer></body></html>"
    )


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_rundfunk_lead_is_first_paragraph() -> None:
    text = htmlpage.parse(RUNDFUNK.read_text(encoding="utf-8")).text
    first = paragraphs(text)[0]
    assert first.startswith("Nordkorea schickt 12.000 Soldaten nach Russland.")
    assert first.endswith("eingetroffen.")
    assert text.count("Nordkorea schickt 12.000 Soldaten") == 1
    # the furniture above it stays out
    assert "Stand:" not in text and "Krieg gegen die Ukraine" not in text


@pytest.mark.parametrize(
    "lead_html",
    [
        f"<p class='article-teaser'>{LEAD}</p>",
        f"<p class='standfirst'>{LEAD}</p>",
        f"<div class='story__intro'>{LEAD}</div>",
        f"<p><strong>{LEAD}</strong></p>",
    ],
)
def test_marked_lead_opens_the_body(lead_html: str) -> None:
    text = htmlpage.parse(page(lead_html)).text
    assert paragraphs(text)[0] == LEAD
    assert paragraphs(text)[1].startswith("Paragraph 1 of the story")


def test_teaser_cards_do_not_leak_into_the_body() -> None:
    # teaser-classed, prose-length, punctuated: only the list/link around them says they are not the lead
    for html in (page(), page(cards_in_article=f"<ul class='x'>{CARDS}</ul>")):
        text = htmlpage.parse(html).text
        assert paragraphs(text)[0].startswith("Paragraph 1 of the story")
        for t in TEASERS:
            assert t not in text
    # a teaser card between a real lead and the body does not displace the lead either
    text = htmlpage.parse(page(f"<p class='teaser'>{LEAD}</p>", f"<ul>{CARDS}</ul>")).text
    assert paragraphs(text)[0] == LEAD and not any(t in text for t in TEASERS)


def test_not_a_lead() -> None:
    # no final punctuation (a subtitle), too short, or a summary box after the body: nothing is added
    for lead_html in (
        "<p class='standfirst'>The harbour will stay closed until Friday as ships are sent elsewhere</p>",
        "<p class='teaser'>Harbour closed.</p>",
    ):
        assert paragraphs(htmlpage.parse(page(lead_html)).text)[0].startswith("Paragraph 1")
    late = page(summary_after=f"<p class='summary'>{LEAD}</p>")
    assert paragraphs(htmlpage.parse(late).text)[0].startswith("Paragraph 1")


def _demo_pages() -> list[tuple[str, str]]:
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DEMO_HTML.glob("*.html"))]
    for w in sorted(DEMO_WARC.glob("*.warc*")):
        with w.open("rb") as f:
            for rec in warc.records(f, 20_000_000):
                if not rec.reason:
                    pages.append((f"{w.name}#{rec.record_id}", rec.payload.decode("utf-8")))
    return pages


@pytest.mark.skipif(not RUNDFUNK.is_file(), reason="demo corpus absent")
def test_demo_pages_only_gain_marked_leads() -> None:
    rules = htmlpage.lead_rules()
    gained = []
    for name, html in _demo_pages():
        ours = paragraphs(htmlpage.parse(html).text)
        plain = " ".join((trafilatura.extract(html, include_comments=False) or "").split())
        added = [p for p in ours if p not in plain]
        assert added in ([], ours[:1]), f"{name}: paragraphs not from trafilatura's body: {added}"
        if added:
            gained.append(name)
            tree = lxml.html.fromstring(html)
            h1 = next(tree.iter("h1"))
            # the element it came from: the first prose block after the headline, marked as a lead
            el = next(e for e in h1.itersiblings() if " ".join(e.text_content().split()) == added[0])
            tokens = set(re.split(r"[^0-9a-z]+", (el.get("class") or "").lower()))
            bold = len(el) == 1 and el[0].tag in rules.bold_tags
            assert tokens & rules.class_tokens or bold, name
    assert "rundfunk-nord-20241019-nordkorea-truppen.html" in gained
