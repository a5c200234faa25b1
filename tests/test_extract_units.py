"""Behaviour of each extraction concern on generated sentences in German, English and French.

Each test builds a small articles frame, runs the real extractor and checks what a researcher would read in
the claims table: values and qualifiers in every number style, furniture rejected, hedges told apart from
Konjunktiv and attribution, sources carried over, dates resolved against the publication date.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from newsclaims.extract import Params, extract
from newsclaims.lexicon_lang import load
from newsclaims.sentences import split

PUB = dt.datetime(2024, 10, 20, 8, 27, tzinfo=dt.UTC)  # a Sunday


def run(text: str, lang: str, captions: list[str] | None = None) -> pl.DataFrame:
    arts = pl.DataFrame(
        {
            "article_id": ["a0000000000000001"],
            "text": [text],
            "captions": [captions or []],
            "language": [lang],
            "published_at": [PUB],
        }
    )
    return extract(arts, Params())[0]


def quantities(text: str, lang: str) -> list[tuple]:
    c = run(text, lang).filter(pl.col("claim_type") == "quantity")
    return list(zip(c["value"], c["value_high"], c["qualifier"], strict=True))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Es sind rund 12.000 Soldaten.", (12000.0, None, "approx")),
        ("de", "Es sind 12 000 Soldaten.", (12000.0, None, "exact")),
        ("de", "Es sind zwölftausend Soldaten.", (12000.0, None, "exact")),
        ("de", "Es sind knapp 10.000 Soldaten.", (10000.0, None, "approx")),
        ("de", "Es sind mehr als 10.000 Soldaten.", (10000.0, None, "more_than")),
        ("de", "Es sind mindestens 3.000 Soldaten.", (3000.0, None, "at_least")),
        ("de", "Es sind bis zu 12.000 Soldaten.", (12000.0, None, "at_most")),
        ("de", "Es sind zwischen 10.000 und 12.000 Soldaten.", (10000.0, 12000.0, "range")),
        ("de", "Es sind drei Generäle.", (3.0, None, "exact")),
        ("de", "Es sind 1,5 Millionen Granaten.", (1500000.0, None, "exact")),
        ("en", "There are 12,000 troops.", (12000.0, None, "exact")),
        ("en", "There are 15-hundred troops.", (1500.0, None, "exact")),
        ("en", "There are 12-thousand troops.", (12000.0, None, "exact")),
        ("en", "There are ten thousand troops.", (10000.0, None, "exact")),
        ("en", "There are fewer than 3,000 troops.", (3000.0, None, "less_than")),
        ("en", "There are between 10,000 and 12,000 troops.", (10000.0, 12000.0, "range")),
        ("en", "There are some 3,000 troops.", (3000.0, None, "approx")),
        ("fr", "Il y a dix mille soldats.", (10000.0, None, "exact")),
        ("fr", "Il y a plus de 2 900 soldats.", (2900.0, None, "more_than")),
        ("fr", "Il y a entre 10 000 et 12 000 soldats.", (10000.0, 12000.0, "range")),
        ("fr", "Il y a quatre-vingts soldats.", (80.0, None, "exact")),
        ("fr", "Il y a moins de 500 soldats.", (500.0, None, "less_than")),
    ],
)
def test_number_styles_and_qualifiers(lang: str, text: str, expected: tuple) -> None:
    assert quantities(text, lang) == [expected]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Plötzlich: 20.10.2024 - 10:27 UhrLesedauer: 1 Min."),
        ("de", "Der 3. Anlauf scheiterte im Jahr 2023."),
        ("de", "Bild 3 von 12: Kim Jong Un (40) bei einer Parade."),
        ("de", "Die Kämpfe dauern seit drei Wochen an, Tel. 030 1234567."),
        ("de", "Der 34-jährige Soldat kam am 8. Oktober an."),
        ("en", "Photo 1 of 4. It took 3 days and cost $2 million, or 40 percent more."),
        ("en", "The 25-year-old arrived on October 8, 2024 at 10:30."),
        ("en", "Call +1 202 555 0100; article 4567891 says KN-23 missiles are 5G."),
        ("en", "Back in 2022, Kim Jong Un, 40, had promised Moscow his support."),
        ("fr", "Photo 3 sur 5. Il a 34 ans et il est arrivé le 1er novembre à 10h30."),
    ],
)
def test_page_furniture_is_not_a_claim(lang: str, text: str) -> None:
    assert quantities(text, lang) == []


def test_count_after_a_place_is_not_an_age() -> None:
    # the apposition rule for ages ("Kim Jong Un, 40,") leaves counts after a place name alone
    text = "In Kyiv, 1,500 soldiers gathered. In Kursk, 300, perhaps more, arrived."
    assert [q[0] for q in quantities(text, "en")] == [1500.0, 300.0]


def test_vague_quantities_have_no_value() -> None:
    for lang, text in [
        ("de", "Tausende Soldaten sind dort."),
        ("en", "Thousands of troops are there."),
        ("fr", "Plusieurs milliers de soldats sont là."),
    ]:
        c = run(text, lang)
        assert c.height == 1 and c["value"][0] is None and c["qualifier"][0] == "approx"
        assert c["entity"][0] == "soldiers"


def test_entities_and_unknown_nouns_keep_their_lemma() -> None:
    c = run("Russland lieferte 300 Drohnen und 12 Elitesoldaten sowie 40 Minen.", "de")
    assert c["entity"].to_list() == ["drones", "special forces", "Mine"]
    c = run("About 3,000 North Korean special forces troops arrived.", "en")
    assert (c["entity"][0], c["entity_text"][0]) == ("special forces", "North Korean special forces troops")
    c = run("At least 100 soldiers were killed and nearly 1,000 wounded.", "en")
    assert c["entity"].to_list() == ["deaths", "wounded"]


def test_hedges_versus_konjunktiv_and_belief() -> None:
    c = run("Nordkorea soll 12.000 Soldaten geschickt haben.", "de")
    assert (c["hedged"][0], c["hedge_cue"][0], c["epistemic"][0]) == (True, "soll", "hedged")
    c = run("Im Osten würden 11.000 Soldaten ausgebildet, sagte der Chef des Militärgeheimdienstes.", "de")
    assert (c["hedged"][0], c["epistemic"][0], c["speech"][0]) == (False, "attributed", "indirect")
    c = run("The Pentagon believes 10,000 troops are in Russia.", "en")
    assert (c["hedged"][0], c["source_id"][0], c["epistemic"][0]) == (False, "pentagon", "attributed")
    c = run("North Korea has reportedly sent 10,000 troops.", "en")
    assert (c["hedged"][0], c["source_id"][0], c["epistemic"][0]) == (True, None, "hedged")
    c = run("Selon l'Otan, Pyongyang aurait envoyé 12 000 soldats.", "fr")
    assert (c["hedged"][0], c["hedge_cue"][0], c["source_id"][0]) == (True, "aurait", "nato")
    c = run("Kiev préparait 3 000 soldats, a déclaré Zelensky.", "fr")
    assert (c["hedged"][0], c["source_id"][0]) == (False, "volodymyr-zelensky")
    c = run("Nordkorea hat 3.000 Soldaten geschickt.", "de")
    assert (c["source_id"][0], c["epistemic"][0], c["speech"][0]) == (None, "asserted", "none")


def test_direct_speech_in_quotes() -> None:
    c = run("„Es sind 3.000 Soldaten“, sagte Kirby.", "de")
    assert (c["speech"][0], c["source_id"][0]) == ("direct", "john-kirby")


def test_attribution_carried_to_the_next_sentence() -> None:
    text = (
        "Der Chef des Militärgeheimdienstes, Kyrylo Budanow, äußerte sich am Sonntag. "
        "Er rechne damit, dass 11.000 Infanteristen bereit seien."
    )
    c = run(text, "de")
    assert (c["source_id"][0], c["cue"][0]) == ("kyrylo-budanov", "rechne damit")
    text = "Nordkorea soll 12.000 Soldaten schicken. Wie der NIS weiter berichtet, erhalten sie Uniformen."
    assert run(text, "de")["source_id"][0] == "nis"
    text = "The NIS said 1,500 troops had left. Another 10,000 are reportedly being prepared."
    assert run(text, "en")["source_id"].to_list() == ["nis", "nis"]
    # a plain statement after an attributed one is the outlet's own
    text = "The NIS said 1,500 troops had left. Russia has 600,000 soldiers in Ukraine."
    assert run(text, "en")["source_id"].to_list() == ["nis", None]


def test_unknown_and_anonymous_sources_get_their_own_rows() -> None:
    arts = pl.DataFrame(
        {
            "article_id": ["a0000000000000001"],
            "text": [
                "According to the Baltic Defence Institute, 4,000 troops moved. "
                "Militärkreise sprechen von 200 Verletzten."
            ],
            "captions": [[]],
            "language": ["en"],
            "published_at": [PUB],
        }
    )
    c, _m, s = extract(arts, Params())
    assert c["source_id"][0] == "x-baltic-defence-institute"
    row = s.filter(pl.col("source_id") == "x-baltic-defence-institute").row(0, named=True)
    assert row["in_registry"] is False and row["name"] == "Baltic Defence Institute"
    c = run("Militärkreise sprechen von 200 Verletzten.", "de")
    assert (c["source_id"][0], c["entity"][0]) == ("anonymous-officials", "wounded")


@pytest.mark.parametrize(
    ("lang", "text", "date", "gran"),
    [
        ("de", "Die Truppen sollen ab 1. November einsatzbereit sein.", dt.date(2024, 11, 1), "day"),
        ("de", "Bis Dezember sollen es 10.000 Soldaten sein.", dt.date(2024, 12, 1), "month"),
        ("de", "Sie sollen ab kommendem Freitag eingesetzt werden.", dt.date(2024, 10, 25), "day"),
        ("en", "They will be ready for combat from November 1.", dt.date(2024, 11, 1), "day"),
        ("en", "More are expected to arrive by the end of the year.", dt.date(2024, 1, 1), "year"),
        ("en", "They should arrive by next week.", dt.date(2024, 10, 27), "day"),
        ("fr", "Ils devraient être déployés d'ici décembre.", dt.date(2024, 12, 1), "month"),
        ("fr", "Ils seront prêts à partir du 1er novembre.", dt.date(2024, 11, 1), "day"),
    ],
)
def test_deadlines_resolve_against_publication_date(lang: str, text: str, date: dt.date, gran: str) -> None:
    t = run(text, lang).filter(pl.col("claim_type") == "time")
    assert t.height == 1
    assert (t["claim_date"][0], t["date_granularity"][0]) == (date, gran)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Erst im Juni unterzeichneten Moskau und Pjöngjang einen Vertrag."),
        ("de", "Am Freitag sagte er, die Lage sei bis heute unklar."),
        ("en", "The troops arrived on 8 October, last week."),
        ("fr", "Vendredi dernier, les soldats sont arrivés."),
    ],
)
def test_past_dates_are_not_time_claims(lang: str, text: str) -> None:
    assert run(text, lang).filter(pl.col("claim_type") == "time").height == 0


def test_relative_weekdays_resolve() -> None:
    from newsclaims.timeexpr import find_dates

    pub = PUB.date()
    got = {(d.kind, d.date) for d in find_dates("am Freitag, vergangene Woche", load("de"), pub)}
    assert ("weekday", dt.date(2024, 10, 18)) in got and ("relative", dt.date(2024, 10, 13)) in got
    got = {d.date for d in find_dates("vendredi dernier", load("fr"), pub)}
    assert got == {dt.date(2024, 10, 18)}
    got = {d.date for d in find_dates("last week", load("en"), pub)}
    assert got == {dt.date(2024, 10, 13)}


def test_sentences_merge_ordinals_and_abbreviations() -> None:
    text = "Er rechne damit, dass sie ab 1. November bereit seien. Dr. Müller sagte z. B. nichts. Gut."
    spans = split(text, load("de"))
    assert [text[a:b] for a, b in spans] == [
        "Er rechne damit, dass sie ab 1. November bereit seien.",
        "Dr. Müller sagte z. B. nichts.",
        "Gut.",
    ]


def test_captions_are_their_own_fields() -> None:
    c = run("Kein Zahlenwerk hier.", "de", captions=["Rund 3.000 Soldaten beim Training."])
    assert c.height == 1 and c["field"][0] == "caption:0" and c["char_start"][0] == 0


def test_languages_without_a_lexicon_are_not_read_with_english_rules() -> None:
    """A Portuguese article gives no claims (English rules would read its digits as counts); the same
    statement in English does, and a missing language code is read as English."""
    pt = "Cerca de 12.000 soldados norte-coreanos estão na Rússia, segundo a agência de Seul."
    en = "About 12,000 North Korean soldiers are in Russia, according to Seoul's spy agency."
    assert run(pt, "pt").height == 0
    assert run(pt.replace("12.000", "12,000"), "pt").height == 0
    assert quantities(en, "en") == [(12000.0, None, "approx")]
    arts = pl.DataFrame(
        {
            "article_id": ["a1"],
            "text": [en],
            "captions": [[]],
            "language": [None],
            "published_at": [PUB],
        },
        schema_overrides={"language": pl.String},
    )
    assert extract(arts, Params())[0]["value"].to_list() == [12000.0]


def test_evaluate_matches_a_new_source_named_in_other_words() -> None:
    """A source outside the registry, read from the text as "Olena Kravets", agrees with gold that names
    her "Kravets" (the same person in fewer words) and disagrees with gold naming someone else."""
    from newsclaims.evaluate import evaluate

    text = "About 300 civilians were evacuated on Friday, said Olena Kravets, a regional spokeswoman."
    arts = pl.DataFrame(
        {
            "article_id": ["a1"],
            "text": [text],
            "captions": [[]],
            "language": ["en"],
            "published_at": [PUB],
            "path": ["x/kravets.txt"],
            "url": ["https://example.example/kravets"],
        }
    )
    claims, _m, sources = extract(arts, Params())
    assert claims["source_id"].to_list() == ["x-olena-kravets"]

    def source_accuracy(name: str) -> float:
        gold = [
            {
                "article": "x/kravets.txt",
                "language": "en",
                "_where": "t:1",
                "claims": [{"claim_type": "quantity", "value": 300, "source": name, "hedged": False}],
            }
        ]
        return evaluate(gold, arts, claims, sources)[0]["all"]["source_accuracy"]

    assert source_accuracy("Olena Kravets") == 1.0
    assert source_accuracy("Kravets") == 1.0
    assert source_accuracy("Ivan Petrov") == 0.0
    assert source_accuracy("National Intelligence Service") == 0.0
