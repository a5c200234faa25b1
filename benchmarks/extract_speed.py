"""Extraction throughput and peak memory on generated ~4 KB news articles (issue 5 target: >= 500/s/core).

Articles are generated from sentence templates in German, English and French with numbers, qualifiers,
dates, sources, hedges and plenty of plain prose, so that every code path runs. Prints articles/s on one core
(in process) and on all cores (worker processes over row ranges of one Arrow table), the peak resident memory
of the main process and of the largest worker, and the median article size.

    .venv/bin/python benchmarks/extract_speed.py [--articles 4000]
"""

# ruff: noqa: E501  (template sentences are data)
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import time
from pathlib import Path

import polars as pl

from newsclaims.extract import Params, extract, extract_parallel
from newsclaims.lexicon_lang import available_languages

TEMPLATES = {
    "de": [
        "Der südkoreanische Geheimdienst NIS geht davon aus, dass Nordkorea insgesamt rund {n} Soldaten entsendet.",
        "Nach Angaben des Pentagons sollen bereits mehr als {n} Soldaten in der Region Kursk sein.",
        "Im Osten Russlands würden derzeit {n} nordkoreanische Infanteristen ausgebildet, sagte Kyrylo Budanow.",
        "Bei den Angriffen sollen zwischen {n} und {m} Menschen getötet worden sein, so der ukrainische Generalstab.",
        "Laut Verteidigungsministerium wurden in der Nacht drei Drohnen abgeschossen.",
        "„Wir rechnen mit bis zu {n} weiteren Soldaten“, sagte ein Sprecher der Regierung am Freitag.",
        "Er rechne damit, dass sie ab {d}. November zum Einsatz bereit seien.",
        "Die Regierung in Berlin beobachtet die Entwicklung nach eigenen Worten mit großer Sorge.",
        "Pjöngjang unterstützt den russischen Angriffskrieg gegen die Ukraine bereits massiv mit Waffen.",
        "Erst im Juni unterzeichneten Moskau und Pjöngjang einen Vertrag über eine strategische Zusammenarbeit.",
        "Beobachter sprechen von einer neuen Phase des Krieges, die Europa vor schwierige Fragen stellt.",
    ],
    "en": [
        "About {n} North Korean troops have reportedly been sent to Russia, the Pentagon said on Monday.",
        "South Korea's spy agency told lawmakers that at least {n} soldiers had arrived in Vladivostok.",
        "Kirby said between {n} and {m} troops would be ready for combat by December.",
        "Ukrainian officials said some {n} civilians had been evacuated from the region since Friday.",
        '"We expect up to {n} more troops," a government spokesperson told reporters on Tuesday.',
        "Three generals were among those killed, according to the Institute for the Study of War.",
        "Analysts say the deployment marks a turning point in the relationship between the two countries.",
        "The Kremlin has not confirmed the reports and called them fake, according to state media.",
        "Officials in Kyiv have long warned that Pyongyang supplies Moscow with shells and missiles.",
        "The move comes weeks after the two countries signed a mutual defence treaty in June.",
    ],
    "fr": [
        "Selon les services de renseignement sud-coréens, Pyongyang aurait envoyé environ {n} soldats.",
        "Le Pentagone estime que plus de {n} militaires nord-coréens seront déployés d'ici décembre.",
        "Au moins {n} civils auraient été évacués de la région depuis vendredi, selon les autorités locales.",
        "« Nous attendons jusqu'à {n} soldats supplémentaires », a déclaré un porte-parole du gouvernement.",
        "Le président ukrainien a dénoncé le silence des partenaires occidentaux face à cette escalade.",
        "Les autorités russes n'ont pas commenté ces informations, ont indiqué des diplomates à Bruxelles.",
        "La coopération militaire entre les deux pays s'est nettement renforcée ces derniers mois.",
    ],
}
# Prose without claims: real 4 KB reports carry ~6-10 claims (the demo corpus: 142 claims in 36 articles of
# ~2 KB), so about one sentence in four carries a number or date, as below.
PROSE = {
    "de": [
        "Die Lage an der Front bleibt nach Einschätzung von Beobachtern äußerst angespannt.",
        "Viele Menschen in der Region verfolgen die Nachrichten mit wachsender Unruhe.",
        "Die Regierung kündigte an, die Lage weiter genau zu beobachten und sich mit den Partnern abzustimmen.",
        "Kritiker werfen dem Westen vor, zu zögerlich auf die neue Entwicklung zu reagieren.",
        "In der Hauptstadt kamen am Abend Vertreter mehrerer Ministerien zu Beratungen zusammen.",
        "Die Opposition forderte eine rasche Aufklärung und mehr Transparenz gegenüber der Öffentlichkeit.",
        "Am 18. Oktober hatte das Kabinett um 14.30 Uhr eine Sondersitzung einberufen.",
        "Schon 2022 hatte Machthaber Kim Jong Un (40) Moskau seine Unterstützung zugesichert.",
        "Die Preise für Lebensmittel stiegen im Vergleich zum Vorjahr um 12 Prozent.",
        "Der 3. Teil der Serie erscheint in der kommenden Woche, Lesedauer: 4 Min.",
    ],
    "en": [
        "The situation on the front line remains tense, according to observers in the region.",
        "Many residents say they follow the news with growing unease and fear for their relatives.",
        "Western governments have so far been cautious in their public statements about the development.",
        "Critics accuse the allies of reacting too slowly to a conflict that keeps changing shape.",
        "Diplomats met behind closed doors on Tuesday evening to discuss possible responses.",
        "The opposition demanded more transparency and a full briefing of parliament.",
        "On October 18, the cabinet met at 2:30 pm for an emergency session in the capital.",
        "Back in 2022, Kim Jong Un, 40, had already promised Moscow his full support.",
        "Food prices rose 12% compared with the previous year, the statistics office said.",
        "The defence budget for 2025 amounts to $850 billion, up from last year.",
    ],
    "fr": [
        "La situation sur le front reste tendue, selon plusieurs observateurs sur place.",
        "De nombreux habitants suivent l'actualité avec une inquiétude croissante pour leurs proches.",
        "Les gouvernements occidentaux restent prudents dans leurs déclarations publiques.",
        "Les critiques reprochent aux alliés de réagir trop lentement à l'évolution du conflit.",
        "Des diplomates se sont réunis à huis clos mardi soir pour discuter des réponses possibles.",
        "Le 18 octobre, le gouvernement s'était réuni à 14h30 en séance extraordinaire.",
        "Dès 2022, Kim Jong Un, 40 ans, avait promis son soutien à Moscou.",
        "Les prix de l'alimentation ont augmenté de 12 % sur un an, selon l'Insee.",
    ],
}
CLAIM_SHARE = 0.3  # share of sentences drawn from the claim templates


def _num(lang: str, rnd: random.Random) -> str:
    v = rnd.choice([300, 1500, 3000, 8000, 10000, 11000, 12000])
    s = f"{v:,}"
    return s.replace(",", ".") if lang == "de" else (s.replace(",", " ") if lang == "fr" else s)


def make_articles(n: int, size: int = 4000, seed: int = 7) -> pl.DataFrame:
    """``n`` articles of about ``size`` characters: paragraphs of 2-5 sentences, about three sentences in ten
    with a claim, the rest prose that also carries non-claim numbers (dates, times, years, ages, shares,
    money, counters) as news text does; a caption on German articles."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        lang = ("de", "en", "fr")[i % 3]
        paras, cur, total = [], [], 0
        para_len = rnd.randint(2, 5)
        while total < size:
            t = rnd.choice(TEMPLATES[lang] if rnd.random() < CLAIM_SHARE else PROSE[lang])
            s = t.format(n=_num(lang, rnd), m=_num(lang, rnd), d=rnd.randint(1, 28))
            cur.append(s)
            total += len(s) + 1
            if len(cur) >= para_len:
                paras.append(" ".join(cur))
                cur, para_len = [], rnd.randint(2, 5)
        if cur:
            paras.append(" ".join(cur))
        rows.append(
            {
                "article_id": f"a{i:016x}",
                "text": "\n\n".join(paras),
                "captions": ["Soldaten bei einer Parade in Pjöngjang (Archivbild)."] if lang == "de" else [],
                "language": lang,
                "published_at": dt.datetime(2024, 10, 20, 8, 27, tzinfo=dt.UTC),
            }
        )
    return pl.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--batch-size", type=int, default=250, help="articles per worker task (all cores)")
    ap.add_argument(
        "--parsed",
        type=Path,
        help="also time one core on a parse output (its articles.parquet), e.g. of real pages: "
        "newsclaims parse ../shared/benchmarks/article-extraction/html --out /tmp/real",
    )
    args = ap.parse_args()
    arts = make_articles(args.articles)
    size = arts["text"].str.len_bytes()
    extract(arts.head(50), Params())  # warm up: lexicons compiled, simplemma dictionaries loaded

    load = os.getloadavg()[0]
    t0, cpu0 = time.perf_counter(), time.process_time()
    c, m, _s = extract(arts, Params())
    one = args.articles / (time.perf_counter() - t0)
    one_cpu = args.articles / (time.process_time() - cpu0)
    peak_one = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cores = os.cpu_count() or 1
    t0 = time.perf_counter()
    c2, _m2, _s2 = extract_parallel(arts, Params(workers=0, batch_size=args.batch_size))
    many = args.articles / (time.perf_counter() - t0)
    assert c2.equals(c), "parallel output differs from in-process output"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"articles: {args.articles} generated (median {size.median() / 1024:.1f} KB, mean "
        f"{size.mean() / 1024:.1f} KB of text), {c.height} claims ({c.height / args.articles:.1f} per article), "
        f"{m.height} mentions"
    )
    kb_cpu = size.sum() / 1024 * one_cpu / args.articles
    print(
        f"one core: {one:,.0f} articles/s ({one_cpu:,.0f} per CPU second, {kb_cpu:,.0f} KB of text per CPU "
        f"second; load average {load:.1f} before)"
    )
    print(f"all cores ({cores}): {many:,.0f} articles/s (batches of {args.batch_size})")
    print(
        f"peak memory (RSS): main process {peak:,.0f} MB ({peak_one:,.0f} MB after the one-core run), "
        f"largest worker {peak_child:,.0f} MB"
    )
    if args.parsed:
        f = args.parsed / "articles.parquet" if args.parsed.is_dir() else args.parsed
        real = pl.read_parquet(f)
        # only articles in a language with a lexicon: the others are skipped by extract and would flatter
        real = real.filter(pl.col("language").is_in(available_languages()))
        kb = real["text"].str.len_bytes()
        extract(real, Params())  # warm up: lemma dictionaries of the languages these articles need
        t0, cpu0 = time.perf_counter(), time.process_time()
        cr, _mr, _sr = extract(real, Params())
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        print(
            f"{f}: {real.height} articles with a lexicon language (median {kb.median() / 1024:.1f} KB, mean {kb.mean() / 1024:.1f} KB), "
            f"{cr.height} claims; one core: {real.height / wall:,.0f} articles/s ({real.height / cpu:,.0f} per "
            f"CPU second), {kb.sum() / 1024 / cpu:,.0f} KB of text per CPU second"
        )


if __name__ == "__main__":
    main()
