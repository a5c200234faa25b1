"""Hand-written gold for the generalisation set, as compact rows; writes gold.jsonl, gold-dev.jsonl, gold-test.jsonl.

Also gold-test2.jsonl (GOLD_TEST2), gold-test3.jsonl (GOLD_TEST3) and gold-test4.jsonl (GOLD_TEST4), the blind
German test sets.

Each claim row: (text, value, value_high, qualifier, entity, source, hedged) for quantity claims, and
("T", text, claim_date, granularity, entity, source, hedged) for time claims. Written by hand from the texts in
../raw/ following docs/annotation.md (never from extractor output). Split rule: within each language, articles
sorted by file name; every third one (index 2, 5, 8, ...) is test, the rest dev. Schedules ("bis Mittwoch
bleibt es windig", "by Monday", "from April") are no time claims (docs/annotation.md, as the real-page gold
of main has it): six such time claims were dropped from the first version of this gold.

    .venv/bin/python data/generalise/tools/gold_src.py
"""

import csv
import json
from pathlib import Path

N = None
GOLD = {
    "rheinkurier-20240603-hochwasser-sueddeutschland.txt": [
        ("mindestens vier Menschen", 4, N, "at_least", "deaths", N, False),
        ("mehr als 40.000 Einsatzkräfte", 40000, N, "more_than", "emergency workers", "Bavarian Interior Ministry", False),
        ("rund 3.000 Menschen", 3000, N, "approx", "people", N, False),
        ("mehr als 600 Notrufe", 600, N, "more_than", "emergency calls", "Augsburg fire brigade", False),
        ("Dutzende Menschen", N, N, "approx", "people", "Augsburg fire brigade", False),
        ("zwei Menschen", 2, N, "exact", "missing people", "Markus Vogt", False),
    ],
    "nordpost-20250131-arbeitsmarkt-januar.txt": [
        ("2,993 Millionen Menschen", 2993000, N, "exact", "unemployed", "Federal Employment Agency", False),
        ("186.000", 186000, N, "exact", "unemployed", N, False),
        ("188.000", 188000, N, "exact", "unemployed", N, False),
        ("um 11.000", 11000, N, "exact", "unemployed", "Federal Employment Agency", False),
        ("632.000 offene Stellen", 632000, N, "exact", "vacancies", N, False),
        ("66.000", 66000, N, "exact", "vacancies", N, False),
        ("rund 270.000", 270000, N, "approx", "workers", N, False),
        ("knapp 46 Millionen", 46000000, N, "approx", "employed people", "Federal Statistical Office", False),
        ("rund drei Millionen Arbeitslose", 3000000, N, "approx", "unemployed", "Institute for Employment Research", False),
        ("drei Millionen", 3000000, N, "exact", "unemployed", "Institute for Employment Research", False),
    ],
    "elbbote-20250310-warnstreik-flughaefen.txt": [
        ("Hunderttausende Reisende", N, N, "approx", "passengers", N, False),
        ("mehr als 3.400 Flüge", 3400, N, "more_than", "flights", "ADV", False),
        ("etwa 510.000 Passagiere", 510000, N, "approx", "passengers", "ADV", False),
        ("rund 1.050", 1050, N, "approx", "flights", "Fraport", False),
        ("1.116 geplanten Starts und Landungen", 1116, N, "exact", "flights", "Fraport", False),
        ("alle 280 für Montag geplanten Verbindungen", 280, N, "exact", "flights", "Hamburg Airport", False),
        ("zwölf zusätzliche ICE-Verbindungen", 12, N, "exact", "train services", "Deutsche Bahn", False),
    ],
    "suedanzeiger-20240902-landtagswahl-thueringen.txt": [
        ("32", 32, N, "exact", "seats", N, False),
        ("88 Abgeordneten", 88, N, "exact", "seats", N, False),
        ("23 Sitze", 23, N, "exact", "seats", N, False),
        ("15", 15, N, "exact", "seats", N, False),
        ("zwölf", 12, N, "exact", "seats", N, False),
        ("sechs", 6, N, "exact", "seats", N, False),
        ("45 Sitze", 45, N, "exact", "seats", N, False),
        ("Rund 1,66 Millionen Menschen", 1660000, N, "approx", "voters", N, False),
        ("mehr als 410.000 Wählerinnen und Wähler", 410000, N, "more_than", "voters", "returning officer", False),
        ("44 Mandate", 44, N, "exact", "seats", N, False),
        ("etwa 35.000 frühere CDU-Wähler", 35000, N, "approx", "voters", "Infratest dimap", False),
        ("21.640 Wählerinnen und Wähler", 21640, N, "exact", "voters", "Infratest dimap", False),
        ("100 Stimmbezirken", 100, N, "exact", "polling districts", "Infratest dimap", False),
    ],
    "wesertageblatt-20241112-prozess-pflegedienst.txt": [
        ("in 214 Fällen", 214, N, "exact", "cases", "court", False),
        ("zwei Mitarbeiterinnen", 2, N, "exact", "employees", "prosecutors", True),
        ("37 Pflegebedürftige", 37, N, "exact", "patients", "prosecutors", False),
        ("elf Verhandlungstagen", 11, N, "exact", "hearing days", N, False),
        ("mehr als 40 Zeugen", 40, N, "more_than", "witnesses", N, False),
        ("bis zu 60 Hausbesuche", 60, N, "at_most", "home visits", "former employee", False),
        ("mehrere Hundert ähnliche Verfahren", N, N, "approx", "cases", "prosecutors", False),
    ],
    "rheinkurier-20250305-asylantraege-2024.txt": [
        ("229.751 Erstanträge", 229751, N, "exact", "asylum applications", "Federal Office for Migration and Refugees", False),
        ("gut 329.000", 329000, N, "more_than", "asylum applications", N, False),
        ("76.765", 76765, N, "exact", "asylum applications", "Federal Office for Migration and Refugees", False),
        ("Rund 23.000 Erstanträge", 23000, N, "approx", "asylum applications", N, False),
        ("mehr als 30.000 Menschen", 30000, N, "more_than", "people", "Nancy Faeser", False),
        ("rund 83.000 unerlaubte Einreisen", 83000, N, "approx", "entries", "German Federal Police", False),
        ("knapp 128.000", 128000, N, "approx", "entries", "German Federal Police", False),
        ("etwa 2.000 mutmaßliche Schleuser", 2000, N, "approx", "smugglers", "German Federal Police", True),
        ("mehr als 2.200 Menschen", 2200, N, "more_than", "deaths", "United Nations", False),
        ("20.084 Menschen", 20084, N, "exact", "people", "German government", False),
        ("etwa 4.000", 4000, N, "approx", "people", "German government", False),
    ],
    "nordpost-20241120-legionellen-ausbruch.txt": [
        ("31 Menschen", 31, N, "exact", "cases", "health department", False),
        ("zwei von ihnen", 2, N, "exact", "deaths", "health department", False),
        ("19 Fällen", 19, N, "exact", "cases", N, False),
        ("Zwölf Patientinnen und Patienten", 12, N, "exact", "patients", "health department", False),
        ("drei davon", 3, N, "exact", "patients", "health department", False),
        ("14 Stellen", 14, N, "exact", "sites", "Katrin Hübner", False),
        ("rund 2.000 Legionellose-Fälle", 2000, N, "approx", "cases", N, False),
        ("mehr als 200 Anrufe", 200, N, "more_than", "calls", N, True),
    ],
    "elbbote-20240822-busunfall-a7.txt": [
        ("zwei Menschen", 2, N, "exact", "deaths", N, False),
        ("14 weitere Insassen", 14, N, "exact", "wounded", "police", False),
        ("drei von ihnen", 3, N, "exact", "wounded", "police", False),
        ("43 Fahrgästen", 43, N, "exact", "passengers", N, False),
        ("rund 120 Kräften", 120, N, "approx", "firefighters", "Heidekreis fire brigade", False),
        ("Drei Rettungshubschrauber", 3, N, "exact", "helicopters", N, False),
        ("zwei Kränen", 2, N, "exact", "cranes", N, False),
        ("vier Menschen", 4, N, "exact", "deaths", N, False),
        ("5.841 Menschen", 5841, N, "exact", "wounded", "Federal Statistical Office", False),
    ],
    "suedanzeiger-20241006-derby-zuschauer.txt": [
        ("60.000 Zuschauern", 60000, N, "exact", "spectators", N, False),
        ("mehr als 1.000 Beamtinnen und Beamte", 1000, N, "more_than", "police officers", "police", False),
        ("zwei Gruppen", 2, N, "exact", "groups", "police", False),
        ("zwölf Personen", 12, N, "exact", "people", "police", False),
        ("etwa 40 Bengalos", 40, N, "approx", "flares", "police", False),
        ("Drei Ordner", 3, N, "exact", "stewards", "police", False),
        ("Etwa 8.000 Freiburger Fans", 8000, N, "approx", "fans", N, False),
    ],
    "wesertageblatt-20240725-stellenabbau-zf.txt": [
        ("T", "Bis Ende 2028", "2028-01-01", "year", "jobs", "ZF", False),
        ("zwischen 11.000 und 14.000 Stellen", 11000, 14000, "range", "jobs", "ZF", False),
        ("rund 54.000 Menschen", 54000, N, "approx", "employees", N, False),
        ("etwa 169.000", 169000, N, "approx", "employees", N, False),
        ("mehrere Tausend Arbeitsplätze", N, N, "approx", "jobs", "IG Metall", False),
        ("etwa 7.150 Stellen", 7150, N, "approx", "jobs", "Continental", False),
        ("bis zu 3.800 Arbeitsplätze", 3800, N, "at_most", "jobs", N, True),
        ("T", "bis 2035", "2035-01-01", "year", "jobs", "VDA", False),
        ("rund 140.000 Jobs", 140000, N, "approx", "jobs", "VDA", False),
    ],
    "rheinkurier-20241015-nahost-opfer.txt": [
        ("mehr als 42.000 Menschen", 42000, N, "more_than", "deaths", "Palestinian authorities", False),
        ("42.344 Toten", 42344, N, "exact", "deaths", "Gaza Health Ministry", False),
        ("mehr als 99.000 Verletzten", 99000, N, "more_than", "wounded", "Gaza Health Ministry", False),
        ("rund 17.000 Kämpfer", 17000, N, "approx", "soldiers", "Israel Defense Forces", False),
        ("Dutzende Terroristen", N, N, "approx", "soldiers", "Israel Defense Forces", False),
        ("350 Soldaten", 350, N, "exact", "deaths", "Israel Defense Forces", False),
        ("rund 1.200 Menschen", 1200, N, "approx", "deaths", N, False),
        ("etwa 250", 250, N, "approx", "hostages", N, False),
        ("101", 101, N, "exact", "hostages", N, True),
        ("mehr als 2.300 Tote", 2300, N, "more_than", "deaths", "Lebanese Health Ministry", False),
        ("mindestens 21 Menschen", 21, N, "at_least", "deaths", "anonymous officials", False),
        ("etwa 1,9 Millionen Menschen", 1900000, N, "approx", "displaced people", "OCHA", False),
        ("Hunderttausende", N, N, "approx", "people", "OCHA", True),
    ],
    "nordpost-20250224-ukraine-drei-jahre-krieg.txt": [
        ("mehr als 46.000 ukrainische Soldaten", 46000, N, "more_than", "deaths", "Volodymyr Zelensky", False),
        ("Etwa 380.000", 380000, N, "approx", "wounded", "Volodymyr Zelensky", False),
        ("Zehntausende Soldaten", N, N, "approx", "soldiers", "Volodymyr Zelensky", False),
        ("rund 860.000 Soldaten", 860000, N, "approx", "casualties", "General Staff of the Armed Forces of Ukraine", False),
        ("1.150 russische Soldaten", 1150, N, "exact", "casualties", "General Staff of the Armed Forces of Ukraine", False),
        ("mehr als 10.000 Panzer", 10000, N, "more_than", "tanks", "General Staff of the Armed Forces of Ukraine", False),
        ("22 ukrainische Drohnen", 22, N, "exact", "drones", "Russian Ministry of Defence", False),
        ("fast eine Million Soldaten", 1000000, N, "approx", "casualties", "Kremlin", False),
        ("bis zu 250.000 Soldaten", 250000, N, "at_most", "deaths", "UK Ministry of Defence", True),
        ("mehr als 90.000 gefallenen russischen Soldaten", 90000, N, "more_than", "deaths", "Mediazona", False),
        ("mindestens 12.600 getötete Zivilisten", 12600, N, "at_least", "deaths", "UN Human Rights Monitoring Mission in Ukraine", False),
        ("mehr als 650 Kinder", 650, N, "more_than", "deaths", "UN Human Rights Monitoring Mission in Ukraine", False),
        ("Rund 6,9 Millionen Menschen", 6900000, N, "approx", "refugees", "UNHCR", False),
        ("185 Drohnen", 185, N, "exact", "drones", "Ukrainian Air Force", False),
        ("mehrere Tausend Menschen", N, N, "approx", "people", "organisers", False),
    ],
    "elbbote-20241021-sturm-norddeutschland.txt": [
        ("mehr als 300 sturmbedingten Einsätzen", 300, N, "more_than", "operations", "Hamburg fire brigade", False),
        ("Hunderte Reisende", N, N, "approx", "passengers", N, False),
        ("zwei Aufenthaltszüge", 2, N, "exact", "trains", "Deutsche Bahn", False),
        ("rund 450 Einsätze", 450, N, "approx", "operations", "police", False),
        ("Drei Menschen", 3, N, "exact", "wounded", "police", False),
    ],
    "suedanzeiger-20250217-firmenpleiten.txt": [
        ("21.812 beantragte Unternehmensinsolvenzen", 21812, N, "exact", "insolvencies", "Federal Statistical Office", False),
        ("72.100 Verbraucherinsolvenzen", 72100, N, "exact", "insolvencies", "Federal Statistical Office", False),
        ("rund 320.000 Arbeitsplätze", 320000, N, "approx", "jobs", "Creditreform", False),
        ("knapp 24.000 Unternehmen", 24000, N, "approx", "companies", "DIHK", False),
    ],
    "wesertageblatt-20240918-razzia-schleuser.txt": [
        ("Rund 500 Einsatzkräfte", 500, N, "approx", "police officers", "German Federal Police", False),
        ("24 Wohnungen und Geschäftsräume", 24, N, "exact", "premises", "German Federal Police", False),
        ("Elf Männer", 11, N, "exact", "people", N, False),
        ("mindestens 180 Menschen", 180, N, "at_least", "people", N, True),
        ("drei Schusswaffen", 3, N, "exact", "weapons", N, False),
        ("Dutzende gefälschte Pässe", N, N, "approx", "passports", N, False),
        ("27 Menschen", 27, N, "exact", "people", "police", True),  # carried from "nach Erkenntnissen der Ermittler"
        ("vier weitere Verdächtige", 4, N, "exact", "suspects", N, False),
        ("mehr als 2.500 mutmaßliche Schleuser", 2500, N, "more_than", "smugglers", N, True),
    ],
    "rheinkurier-20250209-demo-muenchen.txt": [
        ("rund 250.000 Menschen", 250000, N, "approx", "people", "police", False),
        ("mehr als 320.000 Teilnehmerinnen und Teilnehmern", 320000, N, "more_than", "participants", "organisers", False),
        ("mehr als 200 Organisationen", 200, N, "more_than", "organisations", N, False),
        ("rund 1.300 Beamten", 1300, N, "approx", "police officers", N, False),
        ("zwei Festnahmen", 2, N, "exact", "arrests", "police", False),
        ("etwa 60 Menschen", 60, N, "approx", "people", "police", False),
        ("etwa 65.000 Menschen", 65000, N, "approx", "people", "police", False),
        ("rund 20.000", 20000, N, "approx", "people", N, True),
        ("mehr als 100 Städten", 100, N, "more_than", "cities", N, False),
    ],
    "eveningledger-20240928-hurricane-helene.txt": [
        ("At least 44 people", 44, N, "at_least", "deaths", "anonymous officials", False),
        ("four states", 4, N, "exact", "states", "anonymous officials", False),
        ("More than 4 million homes and businesses", 4000000, N, "more_than", "customers", "PowerOutage.us", False),
        ("about 1.2 million customers", 1200000, N, "approx", "customers", N, False),
        ("dozens of water rescues", N, N, "approx", "rescues", "Buncombe County Sheriff's Office", False),
        ("about 150 people", 150, N, "approx", "missing people", "Quentin Miller", False),
        ("more than 1,500 staff", 1500, N, "more_than", "staff", "Federal Emergency Management Agency", False),
        ("millions of meals", N, N, "approx", "meals", "Federal Emergency Management Agency", False),
        ("some 3,000 homes", 3000, N, "approx", "homes", "Ron DeSantis", False),
        ("Eleven people", 11, N, "exact", "deaths", "Ron DeSantis", True),  # hedged: carries the source
        ("two people", 2, N, "exact", "deaths", "South Carolina Emergency Management Division", False),
    ],
    "coastaltimes-20250121-uk-jobs-figures.txt": [
        ("Around 1.56 million people", 1560000, N, "approx", "unemployed", N, False),
        ("about 60,000", 60000, N, "approx", "unemployed", N, False),
        ("an estimated 47,000", 47000, N, "approx", "employees", "HM Revenue and Customs", False),
        ("about 812,000", 812000, N, "approx", "vacancies", N, False),
        ("200 chief financial officers", 200, N, "exact", "executives", "British Retail Consortium", False),
        ("roughly 2.8 million people", 2800000, N, "approx", "people", "Department for Work and Pensions", False),
    ],
    "metroherald-20241012-boeing-layoffs.txt": [
        ("roughly 17,000 employees", 17000, N, "approx", "employees", "Boeing", False),
        ("About 33,000 members", 33000, N, "approx", "workers", N, False),
        ("tens of thousands of staff", N, N, "approx", "staff", N, False),
        ("around 171,000 people", 171000, N, "approx", "employees", "Boeing", False),
    ],
    "eveningledger-20250102-channel-crossings.txt": [
        ("Almost 37,000 people", 37000, N, "approx", "migrants", "Home Office", False),
        ("36,816 migrants", 36816, N, "exact", "migrants", "Home Office", False),
        ("29,437", 29437, N, "exact", "migrants", "Home Office", False),
        ("45,774 people", 45774, N, "exact", "migrants", N, False),
        ("At least 78 people", 78, N, "at_least", "deaths", "International Organization for Migration", False),
        ("more than 70", 70, N, "more_than", "deaths", "French authorities", False),
        ("some 19,000 people", 19000, N, "approx", "people", "Home Office", False),
        ("about 90,000 cases", 90000, N, "approx", "cases", "UK government", False),
        ("more than 35,000 asylum seekers", 35000, N, "more_than", "asylum seekers", "UK government", False),
    ],
    "coastaltimes-20241108-fraud-trial.txt": [
        ("hundreds of pensioners", N, N, "approx", "pensioners", N, False),
        ("14 counts", 14, N, "exact", "counts", N, False),
        ("412 investors", 412, N, "exact", "investors", "court", False),
        ("two holiday homes", 2, N, "exact", "homes", "prosecutors", False),
        ("more than 60 of them", 60, N, "more_than", "investors", "Sarah Whitfield", False),
        ("a dozen investors", 12, N, "exact", "investors", N, False),
        ("about 30 officers", 30, N, "approx", "police officers", "Dorset Police", False),
        ("more than 200,000 documents", 200000, N, "more_than", "documents", "Dorset Police", False),
        ("a further three people", 3, N, "exact", "people", "Paul Carney", True),
        ("nearly 150 complaints", 150, N, "approx", "complaints", "Financial Conduct Authority", False),
    ],
    "metroherald-20250304-measles-texas.txt": [
        ("159 cases", 159, N, "exact", "cases", "Texas Department of State Health Services", False),
        ("22 patients", 22, N, "exact", "patients", "Texas Department of State Health Services", False),
        ("nine cases", 9, N, "exact", "cases", "anonymous officials", False),
        ("2,000 doses", 2000, N, "exact", "doses", "Robert F. Kennedy Jr.", False),
        ("164 cases", 164, N, "exact", "cases", "Centers for Disease Control and Prevention", False),
        ("several hundred vaccinations", N, N, "approx", "vaccinations", "Katherine Wells", False),
    ],
    "eveningledger-20241119-ukraine-1000-days.txt": [
        ("12,164 civilians", 12164, N, "exact", "deaths", "UN Human Rights Monitoring Mission in Ukraine", False),
        ("589 children", 589, N, "exact", "deaths", "UN Human Rights Monitoring Mission in Ukraine", False),
        ("More than 26,000 civilians", 26000, N, "more_than", "wounded", N, False),
        ("about 720,000 troops", 720000, N, "approx", "casualties", "General Staff of the Armed Forces of Ukraine", False),
        ("1,500", 1500, N, "exact", "casualties", "General Staff of the Armed Forces of Ukraine", False),
        ("more than 150,000 Russian soldiers", 150000, N, "more_than", "deaths", "UK Ministry of Defence", False),
        ("roughly 57,000 military deaths", 57000, N, "approx", "deaths", "anonymous officials", False),
        ("as many as 150,000 wounded", 150000, N, "at_most", "wounded", "anonymous officials", False),
        ("12 Ukrainian drones", 12, N, "exact", "drones", "Russian Ministry of Defence", False),
        ("5,937 soldiers", 5937, N, "exact", "deaths", "Kremlin", False),
        ("about 11,000 North Korean troops", 11000, N, "approx", "soldiers", N, True),
        ("More than 6 million Ukrainians", 6000000, N, "more_than", "refugees", "UNHCR", False),
    ],
    "coastaltimes-20240715-euro-final-crowds.txt": [
        ("A crowd of 65,600", 65600, N, "exact", "spectators", "organisers", False),
        ("an estimated 20,000 England supporters", 20000, N, "approx", "fans", "organisers", False),
        ("about 24 million people", 24000000, N, "approx", "viewers", "broadcasters", False),
        ("more than 20 million", 20000000, N, "more_than", "viewers", "broadcasters", False),
        ("Thousands of fans", N, N, "approx", "fans", N, False),
        ("34 people", 34, N, "exact", "people", "Berlin police", False),
        ("More than 4,500 officers", 4500, N, "more_than", "police officers", N, False),
        ("around 200 fans", 200, N, "approx", "fans", "police", False),
        ("11 people", 11, N, "exact", "people", "Metropolitan Police", False),
        ("two officers", 2, N, "exact", "wounded", "Metropolitan Police", False),
        # counts of goals, matches and titles are claims (as the real-page gold of main counts goals);
        # scores, points and table places are not
        ("four European titles", 4, N, "exact", "titles", N, False),
        ("all seven of their matches", 7, N, "exact", "matches", N, False),
        ("15 goals", 15, N, "exact", "goals", N, False),
    ],
}


# Test2 (blind): 10 German texts written on 4 December 2026 by the quality-de2 session before any rule of that
# round was changed, annotated by hand from the texts; all of it is test (no dev part). Written to
# gold-test2.jsonl only (gold.jsonl, gold-dev.jsonl and gold-test.jsonl keep the first 24 texts).
GOLD_TEST2 = {
    "havelblick-20250612-waldbrand-jueterbog.txt": [
        ("Mehr als 300 Einsatzkräfte", 300, N, "more_than", "emergency workers", "Landkreis Teltow-Fläming", False),
        ("Zwei Löschhubschrauber", 2, N, "exact", N, N, False),
        ("etwa 120 Bewohner", 120, N, "approx", N, "police", False),
        ("zwei Feuerwehrleute", 2, N, "exact", "firefighters", "Rico Walentin", False),
        ("252 Waldbrände", 252, N, "exact", N, "Umweltministerium", False),
        ("mehr als 180 Brände", 180, N, "more_than", N, "Umweltministerium", False),
    ],
    "mainecho-20250305-gdl-streik.txt": [
        ("mehr als 1.300 Züge", 1300, N, "more_than", N, "Deutsche Bahn", False),
        ("mehr als 10.000 Mitglieder", 10000, N, "more_than", N, "Claus Weselsky", False),
        ("in zwei Instanzen", 2, N, "exact", N, N, False),
        ("rund 10.000 zusätzliche Stellen", 10000, N, "approx", "jobs", "Deutsche Bahn", False),
        ("rund 220.000 Menschen", 220000, N, "approx", "people", N, False),
        ("etwa 40.000 Mitglieder", 40000, N, "approx", N, "GDL", False),
    ],
    "saarpost-20241122-krankenhausreform.txt": [
        ("rund 1.700 Krankenhäuser", 1700, N, "approx", N, "Federal Statistical Office", False),
        ("knapp 477.000 Betten", 477000, N, "approx", N, "Federal Statistical Office", False),
        ("mehr als 80 Kliniken", 80, N, "more_than", N, "Deutsche Krankenhausgesellschaft", False),
        ("Tausende Todesfälle", N, N, "approx", "deaths", "Karl Lauterbach", False),
        ("T", "Bis 2030", "2030-01-01", "year", N, "Deutsche Krankenhausgesellschaft", False),
        ("bis zu 400 Standorte", 400, N, "at_most", N, "Deutsche Krankenhausgesellschaft", False),
        ("rund 74 Millionen Versicherte", 74000000, N, "approx", N, "Spitzenverband der Krankenkassen", False),
    ],
    "ostseewelle-20250402-kriminalstatistik.txt": [
        ("191.388 Straftaten", 191388, N, "exact", N, "police", False),
        ("etwa 2.600 weniger", 2600, N, "approx", N, "police", False),
        ("7.219 Fälle", 7219, N, "exact", "cases", "police", False),
        ("1.154 Taten", 1154, N, "exact", N, "police", False),
        ("4.870 Tatverdächtige", 4870, N, "exact", "suspects", "police", False),
        ("rund 300 mehr", 300, N, "approx", "suspects", "police", False),
        ("in 2.103 Fällen", 2103, N, "exact", "cases", "police", False),
        ("mehr als 8.000", 8000, N, "more_than", "cases", "police", False),
        ("rund 6.500 Mitglieder", 6500, N, "approx", N, "Gewerkschaft der Polizei", False),
        ("mindestens 500 Beamtinnen und Beamte", 500, N, "at_least", N, "Gewerkschaft der Polizei", False),
        ("T", "bis 2027", "2027-01-01", "year", "jobs", "interior ministry", False),
        ("rund 400 zusätzliche Stellen", 400, N, "approx", "jobs", "interior ministry", False),
    ],
    "alpenrundschau-20250828-transfer-stuermer.txt": [
        ("in 33 Ligaspielen", 33, N, "exact", N, N, False),
        ("29 Tore", 29, N, "exact", N, N, False),
        ("neun weitere", 9, N, "exact", N, N, False),
        ("14 Länderspiele", 14, N, "exact", N, N, False),
        ("etwa 200 Fans", 200, N, "approx", "fans", N, False),
        ("bis zu 5.000 Zuschauer", 5000, N, "at_most", "spectators", "FC Bayern München", False),
        ("drei Neuzugänge", 3, N, "exact", N, N, False),
        ("sechs Spieler", 6, N, "exact", N, N, False),
        ("26 Profis", 26, N, "exact", N, N, False),
        ("Hunderte Anhänger", N, N, "approx", N, N, False),
    ],
    "mainecho-20250916-lampedusa-ankuenfte.txt": [
        ("112 Boote", 112, N, "exact", N, "Italian Interior Ministry", False),
        ("mehr als 4.300 Menschen", 4300, N, "more_than", "people", "Italian Interior Ministry", False),
        ("etwa 400 Personen", 400, N, "approx", "people", N, False),
        ("rund 2.800 Menschen", 2800, N, "approx", "people", "Rotes Kreuz", False),
        ("mindestens 600 Migranten", 600, N, "at_least", "migrants", N, False),
        ("rund 48.000 Menschen", 48000, N, "approx", "people", "UNHCR", False),
        ("mindestens 1.100 Menschen", 1100, N, "at_least", N, "International Organization for Migration", False),
        ("Hunderte unbegleitete Minderjährige", N, N, "approx", N, "Helfer", False),
        ("73 Menschen", 73, N, "exact", "people", "Sea-Watch", False),
        ("Zwei weitere Menschen", 2, N, "exact", "deaths", "Sea-Watch", True),
        ("9.600 Menschen", 9600, N, "exact", "people", "Federal Office for Migration and Refugees", False),
    ],
    "havelblick-20250120-cyberangriff-kreisverwaltung.txt": [
        ("sämtliche rund 1.400 Arbeitsplätze", 1400, N, "approx", N, "Landkreis Potsdam-Mittelmark", False),
        ("bis zu 60 Server", 60, N, "at_most", N, "Marko Köhler", False),
        ("mehr als 3.000 Anträge", 3000, N, "more_than", N, "Landkreis Potsdam-Mittelmark", False),
        ("mehr als 100 kommunale Einrichtungen", 100, N, "more_than", N,
         "Bundesamt für Sicherheit in der Informationstechnik", False),
    ],
    "saarpost-20250213-umfrage-bundestagswahl.txt": [
        ("1.349 zufällig ausgewählte Wahlberechtigte", 1349, N, "exact", "voters", N, False),
        ("2.004 Befragten", 2004, N, "exact", N, "Insa", False),
        ("rund 59,2 Millionen Deutsche", 59200000, N, "approx", N, "Federal Returning Officer", False),
        ("etwa 2,3 Millionen Erstwähler", 2300000, N, "approx", "voters", "Federal Returning Officer", False),
        ("die 630 Sitze", 630, N, "exact", "seats", N, False),
        ("4.506 Kandidatinnen und Kandidaten", 4506, N, "exact", N, N, False),
        ("mehr als 700.000 Menschen", 700000, N, "more_than", "people", "Berlin returning officer", False),
        ("rund 400.000", 400000, N, "approx", "people", N, False),
        ("mehr als 500.000", 500000, N, "more_than", "people", N, True),
        ("mehr als 1.000 Veranstaltungen", 1000, N, "more_than", N, "SPD", False),
        ("rund 8.000 Freiwillige", 8000, N, "approx", N, "Grüne", False),
    ],
    "ostseewelle-20250507-urteil-autohersteller.txt": [
        ("mehreren Tausend Käufern", N, N, "approx", N, "court", False),
        ("rund 12.000 Fahrzeughalter", 12000, N, "approx", N, "Verbraucherzentrale Bundesverband", False),
        ("etwa 98.000 Fahrzeuge", 98000, N, "approx", N, N, False),
        ("rund 8.500 Verfahren", 8500, N, "approx", N, "Volkswagen", False),
        ("weitere 30.000 Halter", 30000, N, "exact", N, "Ramona Pop", False),
        ("mindestens 20.000 Dieselverfahren", 20000, N, "at_least", N, "Bundesgerichtshof", False),
        ("1.900 neue Klagen", 1900, N, "exact", N, "Stuttgart court", False),
        ("T", "Bis 2030", "2030-01-01", "year", "jobs", "Volkswagen", False),
        ("rund 7.000 Stellen", 7000, N, "approx", "jobs", "Volkswagen", False),
    ],
    "alpenrundschau-20250619-nahost-liveticker.txt": [
        ("mehr als 40 Ziele", 40, N, "more_than", N, "Israel Defense Forces", False),
        ("mindestens 27 Menschen", 27, N, "at_least", "deaths", "anonymous officials", False),
        ("mehr als 60 Verletzten", 60, N, "more_than", "wounded", "Gaza Health Ministry", False),
        ("etwa 15 Raketen", 15, N, "approx", "missiles", "Israel Defense Forces", False),
        ("rund 500 Lastwagen", 500, N, "approx", N, "OCHA", False),
        ("rund 100.000 Menschen", 100000, N, "approx", "people", "organisers", False),
        ("mehreren Zehntausend Teilnehmern", N, N, "approx", "participants", "police", False),
        ("noch 53 Geiseln", 53, N, "exact", "hostages", "Israeli government", False),
        ("mindestens 20 von ihnen", 20, N, "at_least", "hostages", "Israeli government", True),
        ("mehr als 55.600", 55600, N, "more_than", "deaths", "Gaza Health Ministry", False),
    ],
}


# Round quality-de3: five German dev texts rich in organisations outside the registry that the text
# introduces once with their name ("der Landkreis Oder-Spree", "die Hilfsorganisation Ärzte ohne Grenzen") and
# later cites by the bare noun ("teilte der Landkreis mit", "eine Sprecherin der Hilfsorganisation"). All dev;
# written to gold-dev.jsonl after the first 24 texts' dev split (gold.jsonl and gold-test.jsonl keep those 24).
GOLD_DEV3 = {
    "spreekurier-20250714-unwetter-oder-spree.txt": [
        ("drei Gemeinden", 3, N, "exact", N, N, False),
        ("mehr als 640 Einsätze", 640, N, "more_than", "operations", "Landkreis Oder-Spree", False),
        ("Rund 1.200 Einsatzkräfte", 1200, N, "approx", "emergency workers", "Landkreis Oder-Spree", False),
        ("etwa 300 Keller", 300, N, "approx", N, "Stadt Fürstenwalde", False),
        ("45 Menschen", 45, N, "exact", "people", "Stadt Fürstenwalde", False),
        ("zwei Straßen", 2, N, "exact", N, N, False),
        ("14 Bäume", 14, N, "exact", N, "Frank Steffen", False),
        ("noch 80 Einsatzkräfte", 80, N, "exact", "emergency workers", "Landkreis Oder-Spree", False),
        ("27 Unwetterwarnungen", 27, N, "exact", N, "German Weather Service", False),
    ],
    "spreekurier-20250820-flughafen-ber-stoerung.txt": [
        ("86 Starts und Landungen", 86, N, "exact", "flights", "Flughafen BER", False),
        ("Rund 9.000 Passagiere", 9000, N, "approx", "passengers", "Flughafen BER", False),
        ("Etwa 2.400 Gepäckstücke", 2400, N, "approx", N, "Flughafen BER", False),
        ("14 Flüge", 14, N, "exact", "flights", "Eurowings", False),
        ("rund 1.500 Kundinnen und Kunden", 1500, N, "approx", N, "Eurowings", False),
        ("40 zusätzliche Beamte", 40, N, "exact", "police officers", "German Federal Police", False),
        ("mindestens 60 Fällen", 60, N, "at_least", "cases", "Fairplane", False),
        ("rund 25,5 Millionen Passagiere", 25500000, N, "approx", "passengers", N, False),
        ("insgesamt 3,2 Millionen Reisenden", 3200000, N, "exact", "passengers", "Flughafen BER", False),
    ],
    "lahnbote-20250402-hilfsorganisation-sudan.txt": [
        ("312 schwer unterernährte Kinder", 312, N, "exact", "children", "Ärzte ohne Grenzen", False),
        ("mindestens 40 Kinder", 40, N, "at_least", "children", "Ärzte ohne Grenzen", False),
        ("25 internationalen", 25, N, "exact", N, "Ärzte ohne Grenzen", False),
        ("etwa 200 sudanesischen Mitarbeitenden", 200, N, "approx", N, "Ärzte ohne Grenzen", False),
        ("mehr als zwölf Millionen Menschen", 12000000, N, "more_than", "people", "UNHCR", False),
        ("Rund 3,8 Millionen", 3800000, N, "approx", "people", "UNHCR", False),
        ("1.850 Lebensmittelpakete", 1850, N, "exact", N, "Sudanhilfe Hessen", False),
        ("600 Familien", 600, N, "exact", N, "Karim Osman", False),
        ("27 Menschen", 27, N, "exact", "deaths", N, True),
        ("zwei weitere mobile Kliniken", 2, N, "exact", N, "Ärzte ohne Grenzen", False),
        ("T", "bis Juni", "2025-06-01", "month", N, "Ärzte ohne Grenzen", False),
    ],
    "lahnbote-20250611-klinikum-stellenabbau.txt": [
        ("260 Stellen", 260, N, "exact", "jobs", N, False),
        ("rund 9.800 Beschäftigte", 9800, N, "approx", "employees", "Universitätsklinikum Gießen", False),
        ("etwa 420.000 Patientinnen und Patienten", 420000, N, "approx", "patients", "Universitätsklinikum Gießen", False),
        ("mindestens 150 Pflegekräfte", 150, N, "at_least", N, "Tobias Hahn", False),
        ("1.300 Beschäftigte", 1300, N, "exact", "employees", "Verdi", False),
        ("mehr als 30 Bauprojekte", 30, N, "more_than", N, "Wissenschaftsministerium", False),
        ("zwei kleinere Krankenhäuser", 2, N, "exact", N, N, False),
        ("38 zusätzliche Betten", 38, N, "exact", N, "Landkreis Gießen", False),
        ("rund 1.870 Krankenhäuser", 1870, N, "approx", N, "Federal Statistical Office", False),
    ],
    "moselblatt-20250925-trinkwasser-keime.txt": [
        ("etwa 40.000 Menschen", 40000, N, "approx", "people", "Stadtwerke Trier", False),
        ("fünf Stadtteilen", 5, N, "exact", N, "Stadtwerke Trier", False),
        ("18 Proben", 18, N, "exact", N, "health department", False),
        ("mehr als 1.100 Anrufe", 1100, N, "more_than", "calls", "Stadt Trier", False),
        ("vier Ausgabestellen", 4, N, "exact", N, "Stadt Trier", False),
        ("Rund 25 Mitarbeitende", 25, N, "approx", N, "Stadt Trier", False),
        ("zwei Kliniken", 2, N, "exact", N, N, False),
        ("320 Patienten", 320, N, "exact", "patients", "Brüderkrankenhaus Trier", False),
        ("weiterer 30 Proben", 30, N, "exact", N, "Stadtwerke Trier", False),
        ("12.000 Haushalte", 12000, N, "exact", N, N, False),
    ],
}


# Test3 (blind): 12 German texts written on 4 December 2026 by the quality-de4 session (an AI assistant) on beats
# and outlets not in the other texts, without reading the extraction rules or any extractor output; annotated by
# hand from the texts only. All of it is test. Written to gold-test3.jsonl only (the other gold files keep their
# content). Daily counts ("täglich rund 18.000 Fahrzeuge", "rund 40.000 Fahrgästen an einem Werktag") are rates,
# not claims; planned "sollen" is no hedge; an unnamed "hieß es" after an organisation's statement is that
# organisation.
GOLD_TEST3 = {
    "bodenseeblatt-20250928-interboot-bilanz.txt": [
        ("rund 71.000 Besucherinnen und Besucher", 71000, N, "approx", N, "Messe Friedrichshafen", False),
        ("etwa 74.000 Gäste", 74000, N, "approx", N, "Messe Friedrichshafen", False),
        ("Mehr als 450 Aussteller", 450, N, "more_than", N, N, False),
        ("22 Ländern", 22, N, "exact", N, N, False),
        ("über 100 Boote", 100, N, "more_than", N, N, False),
        ("mehr als 14.000 Menschen", 14000, N, "more_than", "people", "Martin Kästle", False),
        ("180 Ausstellern", 180, N, "exact", N, "Bundesverband Wassersportwirtschaft", False),
        ("rund 25.000 Arbeitsplätze", 25000, N, "approx", "jobs", "Bundesverband Wassersportwirtschaft", False),
        ("Mehrere Hundert Fans", N, N, "approx", "fans", N, False),
        ("23 kleinere Unfälle", 23, N, "exact", N, "police", False),
    ],
    "bodenseeblatt-20251120-studierende-wintersemester.txt": [
        ("rund 352.000 Frauen und Männer", 352000, N, "approx", N, "Statistisches Landesamt Baden-Württemberg", False),
        ("etwa 3.000 weniger", 3000, N, "approx", N, "Statistisches Landesamt Baden-Württemberg", False),
        ("knapp 47.000 junge Menschen", 47000, N, "approx", "people", "Statistisches Landesamt Baden-Württemberg", False),
        ("mehr als 55.000 Studierende", 55000, N, "more_than", N, "Statistisches Landesamt Baden-Württemberg", False),
        ("10.640 Studierende", 10640, N, "exact", N, "Universität Konstanz", False),
        ("2.310 Erstsemester", 2310, N, "exact", N, "Universität Konstanz", False),
        ("rund 4.700 Studierenden", 4700, N, "approx", N,
         "Hochschule Konstanz für Technik, Wirtschaft und Gestaltung", False),
        ("mehr als 1.200 Studierende", 1200, N, "more_than", N, "Studierendenwerk Seezeit", False),
        ("rund 3.300 Plätze", 3300, N, "approx", N, "Studierendenwerk Seezeit", False),
        ("T", "bis Ende 2027", "2027-01-01", "year", N, "Wissenschaftsministerium", False),
        ("rund 2.000 zusätzliche Wohnheimplätze", 2000, N, "approx", N, "Wissenschaftsministerium", False),
        ("mindestens 800 bezahlbare Zimmer", 800, N, "at_least", N, "Allgemeiner Studierendenausschuss", False),
    ],
    "elsterkurier-20241212-rsv-welle-sachsen.txt": [
        ("1.284 Infektionen", 1284, N, "exact", "cases", "Landesuntersuchungsanstalt Sachsen", False),
        ("4.960 Fälle", 4960, N, "exact", "cases", "Landesuntersuchungsanstalt Sachsen", False),
        ("Drei Kinder", 3, N, "exact", "deaths", "Landesuntersuchungsanstalt Sachsen", False),
        ("alle 42 Betten", 42, N, "exact", N, "Universitätsklinikum Leipzig", False),
        ("16 Kinder", 16, N, "exact", "children", "Universitätsklinikum Leipzig", False),
        ("Dutzende kleine Patienten", N, N, "approx", "patients", N, False),
        ("23 Kinder", 23, N, "exact", "children", N, True),
        ("etwa 9.500 Säuglinge", 9500, N, "approx", N, "Sozialministerium", False),
        ("mehr als 40 Kinderarztsitze", 40, N, "more_than", N, "Berufsverband der Kinder- und Jugendärzte", False),
        ("rund 9.000 laborbestätigte RSV-Fälle", 9000, N, "approx", "cases", "Robert Koch Institute", False),
    ],
    "elsterkurier-20251014-strassenbahn-lkw-unfall.txt": [
        # "elf Menschen ..., zwei von ihnen schwer. Das teilte die Polizeidirektion Leipzig mit.": the next
        # sentence names the source of the first
        ("elf Menschen", 11, N, "exact", "wounded", "Leipzig police", False),
        ("zwei von ihnen", 2, N, "exact", "wounded", "Leipzig police", False),
        ("drei Kinder", 3, N, "exact", "children", "Leipzig police", True),
        ("etwa 60 Fahrgäste", 60, N, "approx", "passengers", "Leipziger Verkehrsbetriebe", False),
        ("rund 50 Einsatzkräften", 50, N, "approx", "emergency workers", N, False),
        ("Sechs Rettungswagen", 6, N, "exact", N, "Leipzig fire brigade", False),
        ("zwei Notärzte", 2, N, "exact", N, "Leipzig fire brigade", False),
        ("137 Kollisionen", 137, N, "exact", N, "Leipzig police", False),
        ("68 Menschen", 68, N, "exact", "wounded", "Leipzig police", False),
    ],
    "harzecho-20250211-brueckensperrung-halberstadt.txt": [
        ("23 Spannbetonbrücken", 23, N, "exact", N, "Thomas Brandt", False),
        ("T", "bis Ende Juni", "2025-06-01", "month", N, "Thomas Brandt", False),
        ("rund 40 Unternehmen", 40, N, "approx", "companies", "Industrie- und Handelskammer Magdeburg", False),
        ("mehr als 2.500 Beschäftigten", 2500, N, "more_than", "employees", "Industrie- und Handelskammer Magdeburg",
         False),
        ("fünf Linien", 5, N, "exact", N, "Harzer Verkehrsbetriebe", False),
        ("zwölf Haltestellen", 12, N, "exact", N, "Harzer Verkehrsbetriebe", False),
        ("rund 1.800 Schülerinnen und Schülern", 1800, N, "approx", N, "Harzer Verkehrsbetriebe", False),
        ("rund 4.000 Autobahnbrücken", 4000, N, "approx", N, "Bundesverkehrsministerium", False),
    ],
    "harzecho-20250703-windpark-genehmigt.txt": [
        ("neun Anlagen", 9, N, "exact", N, N, False),
        ("rund 60.000 Haushalte", 60000, N, "approx", N, "Elbwind Energie", False),
        ("T", "Bis Ende 2027", "2027-01-01", "year", N, "Katrin Oelze", False),
        ("alle neun Anlagen", 9, N, "exact", N, "Katrin Oelze", False),
        ("mehr als 1.300 Bürgerinnen und Bürger", 1300, N, "more_than", N, N, False),
        ("acht Brutpaare", 8, N, "exact", N, "Uwe Berndt", False),
        ("rund 2.900 Windräder", 2900, N, "approx", N, "Fachagentur Wind und Solar", False),
        ("41 neue Anlagen", 41, N, "exact", N, "Bundesverband Windenergie", False),
    ],
    "neckarbote-20250318-rueckruf-blutdrucksenker.txt": [
        ("14 Chargen", 14, N, "exact", N, "Bundesinstitut für Arzneimittel und Medizinprodukte", False),
        ("rund 9.000 Apotheken", 9000, N, "approx", N, "Donautal Pharma", False),
        ("etwa 420.000 Packungen", 420000, N, "approx", N, "Donautal Pharma", False),
        ("Dutzende verunsicherte Kunden", N, N, "approx", N, "Bundesvereinigung Deutscher Apothekerverbände", False),
        ("rund 900.000 Menschen", 900000, N, "approx", "people", "Krankenkassen", False),
        ("rund 1.100 Mitarbeiterinnen und Mitarbeiter", 1100, N, "approx", "employees", "Donautal Pharma", False),
        ("zwei Standorten", 2, N, "exact", N, "Donautal Pharma", False),
        ("T", "Bis Ende April", "2025-04-01", "month", N, "Donautal Pharma", False),
        ("rund 300.000 Packungen", 300000, N, "approx", N, "Donautal Pharma", False),
    ],
    "neckarbote-20250522-containerdorf-gemeinderat.txt": [
        ("rund 150 Bürgerinnen und Bürger", 150, N, "approx", N, N, False),
        ("bis zu 180 Menschen", 180, N, "at_most", "people", N, False),
        ("weitere 1.200 Geflüchtete", 1200, N, "exact", "refugees", "Landkreis Esslingen", False),
        ("94 Geflüchtete", 94, N, "exact", "refugees", "Andreas Kübler", False),
        ("mehr als 2.000 Unterschriften", 2000, N, "more_than", N, "Bürgerinitiative Lebenswertes Wendlingen", False),
        ("zwölf", 12, N, "exact", "seats", N, False),
        ("26 Sitze", 26, N, "exact", "seats", N, False),
        ("zwei alternative Grundstücke", 2, N, "exact", N, N, False),
        ("T", "Bis Ende September", "2025-09-01", "month", N, "Landkreis Esslingen", False),
        ("ersten 60 Bewohnerinnen und Bewohner", 60, N, "exact", N, "Landkreis Esslingen", False),
    ],
    "pegnitzbote-20250109-tiergarten-inventur.txt": [
        ("3.142 Tiere", 3142, N, "exact", N, "Tiergarten Nürnberg", False),
        ("3.018 Tiere", 3018, N, "exact", N, N, False),
        ("mehr als 300 Jungtiere", 300, N, "more_than", N, "Lorenz Pfister", False),
        ("zwei Eisbärenzwillinge", 2, N, "exact", N, N, False),
        ("etwa 1.500 Fische", 1500, N, "approx", N, "Tiergarten Nürnberg", False),
        ("zwei Seekühe", 2, N, "exact", N, N, False),
        ("14 Tiere", 14, N, "exact", N, "Tiergarten Nürnberg", False),
        ("rund 1,08 Millionen Menschen", 1080000, N, "approx", "people", N, False),
        ("etwa 20.000 weniger", 20000, N, "approx", "people", N, False),
        ("96 Tierpflegerinnen und Tierpfleger", 96, N, "exact", N, N, False),
    ],
    "pegnitzbote-20250702-hitzewelle-notrufe.txt": [
        ("rund 2.300 Notrufe", 2300, N, "approx", "emergency calls", "Integrierte Leitstelle Nürnberg", False),
        ("mehr als 1.100 Einsätzen", 1100, N, "more_than", "operations", "Integrierte Leitstelle Nürnberg", False),
        ("17 Rettungswagen", 17, N, "exact", N, "Bayerisches Rotes Kreuz", False),
        ("mehr als 120 Patientinnen und Patienten", 120, N, "more_than", "patients", "Klinikum Nürnberg", False),
        ("Drei Bewohnerinnen", 3, N, "exact", N, "police", False),
        ("knapp 31.000 Badegäste", 31000, N, "approx", N, "Stadt Nürnberg", False),
        ("zwölf öffentlichen Gebäuden", 12, N, "exact", N, N, False),
        ("etwa 3.000 Menschen", 3000, N, "approx", "deaths", "Robert Koch Institute", False),
    ],
    "ruhrblick-20250128-ueberfall-sparkasse.txt": [
        ("zwei Tätern", 2, N, "exact", N, N, False),
        ("vier Beschäftigte", 4, N, "exact", "employees", "Bochum police", False),
        ("zwei Kunden", 2, N, "exact", N, "Bochum police", False),
        ("mehr als 30 Streifenwagen", 30, N, "more_than", N, "Bochum police", False),
        ("drei Bankfilialen", 3, N, "exact", N, N, False),
        ("mindestens vier Männern", 4, N, "at_least", N, "anonymous officials", True),
        ("69 Überfälle", 69, N, "exact", N, "Bundeskriminalamt", False),
        ("mehr als 1.600", 1600, N, "more_than", N, "Bundeskriminalamt", False),
        ("zwei Filialen", 2, N, "exact", N, "Sparkassenverband Westfalen-Lippe", False),
    ],
    "ruhrblick-20250902-umfrage-lehrermangel.txt": [
        ("1.311 Schulleiterinnen und Schulleiter", 1311, N, "exact", N, N, False),
        ("402", 402, N, "exact", N, N, False),
        ("rund 5.400", 5400, N, "approx", "vacancies", "Schulministerium", False),
        ("etwa 700 weniger", 700, N, "approx", "vacancies", "Schulministerium", False),
        ("zwischen 8.000 und 10.000 Lehrkräfte", 8000, 10000, "range", N, "Martina Schöllgen", False),
        ("mehr als 120 Stellen", 120, N, "more_than", "vacancies", N, True),
        ("2.150 Quereinsteigerinnen und Quereinsteiger", 2150, N, "exact", N, "Schulministerium", False),
        ("T", "Bis 2027", "2027-01-01", "year", "jobs", "Schulministerium", False),
        ("rund 1.000 zusätzliche Stellen", 1000, N, "approx", "jobs", "Schulministerium", False),
    ],
}


# Test4 (blind): 10 German texts written on 4 December 2026 by the quality-de5 session (an AI assistant) on beats
# and outlets not in the other texts, without reading the extraction rules or any extractor output; annotated by
# hand from the texts only. All of it is test. Written to gold-test4.jsonl only (the other gold files keep their
# content). Rates ("pro Saison", "400.000 neuen Wohnungen pro Jahr", "Auf 100 Beitragszahler ... rund 52
# Rentner"), repetitions ("287.000-mal"), measures ("7,1 Millionen Maß Bier", "560 Tonnen", "30.000 Hektar") and
# scale levels ("Warnstufe 3 von 5") are no claims; the actor of an act or a plan is no source.
GOLD_TEST4 = {
    "hauptstadtjournal-20250618-baugenehmigungen.txt": [
        ("71.900 Wohnungen", 71900, N, "exact", "homes", "Federal Statistical Office", False),
        ("rund 2.500 Wohnungen", 2500, N, "approx", "homes", N, False),
        ("18.600 Wohnungen", 18600, N, "exact", "homes", N, False),
        ("mehr als 380.000 Wohnungen", 380000, N, "more_than", "homes", N, False),
        ("215.900", 215900, N, "exact", "homes", N, False),
        ("251.900 Wohnungen", 251900, N, "exact", "homes", "Federal Statistical Office", False),
        ("rund 780.000 Wohnungen", 780000, N, "approx", "homes", "Federal Statistical Office", False),
        ("rund 185.000 fertiggestellten Wohnungen", 185000, N, "approx", "homes",
         "Bundesverband deutscher Wohnungs- und Immobilienunternehmen", False),
        ("etwa 30.000 Arbeitsplätze", 30000, N, "approx", "jobs", "Zentralverband Deutsches Baugewerbe", False),
        ("Weitere Tausende Stellen", N, N, "approx", "jobs", "Zentralverband Deutsches Baugewerbe", False),
        ("rund 1.500 Unternehmen", 1500, N, "approx", "companies", "Ifo-Institut", False),
    ],
    "hauptstadtjournal-20250716-rentenstatistik.txt": [
        ("rund 21,4 Millionen Menschen", 21400000, N, "approx", "people", "Deutsche Rentenversicherung Bund", False),
        ("etwa 160.000 mehr", 160000, N, "approx", "people", N, False),
        ("knapp 26 Millionen Renten", 26000000, N, "approx", N, N, False),
        ("rund 1,44 Millionen Menschen", 1440000, N, "approx", "people", "Deutsche Rentenversicherung Bund", False),
        ("rund 740.000 Menschen", 740000, N, "approx", "people", "Federal Statistical Office", False),
        ("mehr als 2,2 Millionen Mitglieder", 2200000, N, "more_than", N, "Sozialverband VdK", False),
        ("Hunderttausende ältere Menschen", N, N, "approx", "people", "Sozialverband VdK", False),
        ("T", "Bis 2036", "2036-01-01", "year", N, "Federal Statistical Office", False),
        ("rund 12,9 Millionen Erwerbspersonen", 12900000, N, "approx", N, "Federal Statistical Office", False),
    ],
    "isarkurier-20250215-lawine-nebelhorn.txt": [
        # "wie das Polizeipräsidium ... mitteilte" belongs to the second sentence, not to the first
        ("zwei Skitourengeher", 2, N, "exact", "deaths", N, False),
        ("vier Tourengehern", 4, N, "exact", N, N, False),
        ("rund 60 Einsatzkräfte", 60, N, "approx", "emergency workers", "Bergwacht Bayern", False),
        ("zwei Hubschraubern", 2, N, "exact", N, "Bergwacht Bayern", False),
        ("14 Lawineneinsätze", 14, N, "exact", "operations", "Bergwacht Bayern", False),
        ("zwei Abfahrten", 2, N, "exact", N, N, False),
        # "im Durchschnitt zwei bis drei Menschen pro Saison" is an average, no claim
        ("waren es drei", 3, N, "exact", "deaths", "Deutscher Alpenverein", False),
        ("17 Lawinentote", 17, N, "exact", "deaths", "Österreichisches Kuratorium für Alpine Sicherheit", False),
    ],
    "isarkurier-20251005-wiesn-bilanz.txt": [
        ("Rund 6,5 Millionen Besucherinnen und Besucher", 6500000, N, "approx", N, "organisers", False),
        ("6,7 Millionen", 6700000, N, "exact", N, "organisers", False),
        ("1.052 Einsätze", 1052, N, "exact", "operations", "Munich police", False),
        ("etwa 90 weniger", 90, N, "approx", "operations", "Munich police", False),
        ("497 Menschen", 497, N, "exact", "people", "Munich police", False),
        ("In 43 Fällen", 43, N, "exact", "cases", "Munich police", False),
        ("rund 7.400 Patientinnen und Patienten", 7400, N, "approx", "patients", "Aicher Ambulanz", False),
        ("mehr als 600", 600, N, "more_than", "patients", "Aicher Ambulanz", False),
        ("Etwa 1.000 Menschen", 1000, N, "approx", "people", N, False),
        ("mehr als 4.300 Gegenstände", 4300, N, "more_than", N, "Stadt München", False),
        ("rund 650 Geldbeutel", 650, N, "approx", N, N, False),
        ("etwa 480 Handys", 480, N, "approx", N, N, False),
        ("Mehr als 540.000 Brathendl", 540000, N, "more_than", N, "Wiesnwirte", False),
    ],
    "nordseekurier-20250923-frachter-elbe-glueckstadt.txt": [
        ("Die 16 Besatzungsmitglieder", 16, N, "exact", N, N, False),
        ("Vier Schlepper", 4, N, "exact", N, N, False),
        ("640 Container", 640, N, "exact", N, "Brandt Feederline", False),
        ("14 mit Gefahrgut", 14, N, "exact", N, "Brandt Feederline", False),
        ("Mehr als 30 Schiffe", 30, N, "more_than", "ships", "Wasserstraßen- und Schifffahrtsamt Elbe-Nordsee", False),
        ("142 Unfälle", 142, N, "exact", N, "Bundesstelle für Seeunfalluntersuchung", False),
        ("23 Grundberührungen", 23, N, "exact", N, "Bundesstelle für Seeunfalluntersuchung", False),
        ("knapp 7.600 Seeschiffe", 7600, N, "approx", "ships", "Hafen Hamburg Marketing", False),
    ],
    "nordseekurier-20251107-gefluegelpest-cloppenburg.txt": [
        ("Alle rund 38.000 Tiere", 38000, N, "approx", N, N, False),
        # the Veterinäramt is the district's office
        ("126 Geflügelhaltungen", 126, N, "exact", N, "Landkreis Cloppenburg", False),
        ("knapp zwei Millionen Tieren", 2000000, N, "approx", N, "Landkreis Cloppenburg", False),
        ("21 Ausbrüche", 21, N, "exact", N, "Landwirtschaftsministerium", False),
        ("Mehr als 640.000 Hühner, Puten, Enten und Gänse", 640000, N, "more_than", N, "Landwirtschaftsministerium",
         False),
        ("zwölf Bundesländern", 12, N, "exact", N, "Friedrich-Loeffler-Institut", False),
        ("mehr als 50 Ausbrüche", 50, N, "more_than", N, "Friedrich-Loeffler-Institut", False),
        # reportative "sollen" right after the institute's sentence carries its source
        ("Tausende Kraniche", N, N, "approx", N, "Friedrich-Loeffler-Institut", True),
    ],
    "pfalzecho-20251120-waldzustandsbericht.txt": [
        ("164 Aufnahmepunkten", 164, N, "exact", N, N, False),
        ("rund 3.900 Bäume", 3900, N, "approx", N, N, False),
        ("T", "Bis 2030", "2030-01-01", "year", N, N, False),
        ("rund 20 Millionen junge Bäume", 20000000, N, "approx", N, N, False),
        ("etwa neun Millionen Setzlinge", 9000000, N, "approx", N, "Klimaschutzministerium", False),
        ("44 Forstämter", 44, N, "exact", N, N, False),
        ("120 zusätzliche Försterinnen und Förster", 120, N, "exact", N, N, False),
        ("rund 330.000 Privatwaldbesitzer", 330000, N, "approx", N, "Waldbesitzerverband für Rheinland-Pfalz", False),
    ],
    "pfalzecho-20251210-haushalt-landtag.txt": [
        ("1.150 zusätzliche Stellen", 1150, N, "exact", "jobs", "Barbara Konrad", False),
        ("T", "Bis Ende 2027", "2027-01-01", "year", "police officers", "Barbara Konrad", False),
        ("rund 10.500", 10500, N, "approx", "police officers", "Barbara Konrad", False),
        ("57 Änderungsanträge", 57, N, "exact", N, "Marcus Fehling", False),
        ("mehr als 1.300", 1300, N, "more_than", N, "Gemeinde- und Städtebund Rheinland-Pfalz", False),
        ("rund 2.300 Ortsgemeinden", 2300, N, "approx", N, "Gemeinde- und Städtebund Rheinland-Pfalz", False),
        ("mehr als 2.000 Stellen", 2000, N, "more_than", "vacancies", "Rechnungshof Rheinland-Pfalz", False),
        ("mindestens 1.000 Lehrkräfte", 1000, N, "at_least", N, "Gewerkschaft Erziehung und Wissenschaft", False),
        ("55", 55, N, "exact", "seats", N, False),
        ("101 Sitze", 101, N, "exact", "seats", N, False),
    ],
    "wupperkurier-20250514-drohung-gesamtschule.txt": [
        ("Rund 1.300 Schülerinnen und Schüler", 1300, N, "approx", N, "Wuppertal police", False),
        ("etwa 110 Lehrkräfte", 110, N, "approx", N, "Wuppertal police", False),
        ("Mehr als 200 Polizistinnen und Polizisten", 200, N, "more_than", "police officers", N, False),
        ("vier Sprengstoffspürhunden", 4, N, "exact", N, N, False),
        ("Hunderte Eltern", N, N, "approx", N, N, False),
        ("zwölf Schulpsychologen und Seelsorger", 12, N, "exact", N, "Stadt Wuppertal", False),
        ("47 Drohungen", 47, N, "exact", N, "North Rhine-Westphalia Interior Ministry", False),
        ("in 19 Fällen", 19, N, "exact", "cases", "North Rhine-Westphalia Interior Ministry", False),
    ],
    "wupperkurier-20251127-prozess-autoschieber.txt": [
        # the count of defendants is the outlet's; the "sollen" of the relative clause hedges the accusation
        ("fünf Männer", 5, N, "exact", N, N, False),
        ("in 63 Fällen", 63, N, "exact", "cases", "prosecutors", False),
        ("insgesamt 71 Fahrzeuge", 71, N, "exact", N, "prosecutors", True),
        ("Zwei Mitangeklagte", 2, N, "exact", N, N, False),
        ("elf Wohnungen und Lagerhallen", 11, N, "exact", N, N, False),
        ("14 gestohlene Autos", 14, N, "exact", N, N, False),
        ("22 weitere Verhandlungstage", 22, N, "exact", N, N, False),
        ("rund 60 Zeuginnen und Zeugen", 60, N, "approx", "witnesses", N, False),
        ("4.178 Autos", 4178, N, "exact", N, "Landeskriminalamt Nordrhein-Westfalen", False),
        ("rund 400 mehr", 400, N, "approx", N, "Landeskriminalamt Nordrhein-Westfalen", False),
        # "vermutlich" hedges the unknown true figure, not the association's count
        ("rund 14.600 gestohlene kaskoversicherte Pkw", 14600, N, "approx", N,
         "Gesamtverband der Deutschen Versicherungswirtschaft", False),
    ],
}


def claim(row):
    if row[0] == "T":
        _, text, date, gran, entity, source, hedged = row
        return {"claim_type": "time", "value": None, "value_high": None, "qualifier": "exact", "entity": entity,
                "source": source, "hedged": hedged, "claim_date": date, "granularity": gran, "text": text}
    text, value, high, qual, entity, source, hedged = row
    return {"claim_type": "quantity", "value": None if value is None else float(value),
            "value_high": None if high is None else float(high), "qualifier": qual, "entity": entity,
            "source": source, "hedged": hedged, "claim_date": None, "text": text}


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    manifest = {r["path"]: r for r in csv.DictReader((here / "manifest.csv").open(encoding="utf-8"))}
    every = set(GOLD) | set(GOLD_TEST2) | set(GOLD_DEV3) | set(GOLD_TEST3) | set(GOLD_TEST4)
    assert set(manifest) == every, set(manifest) ^ every
    lines = {"dev": [], "test": []}
    out = []
    for lang in ("de", "en"):
        paths = sorted(p for p in GOLD if manifest[p]["language"] == lang)
        for i, p in enumerate(paths):
            rec = {"article": p, "url": manifest[p]["url"], "language": lang, "claims": [claim(c) for c in GOLD[p]]}
            line = json.dumps(rec, ensure_ascii=False)
            out.append(line)
            lines["test" if i % 3 == 2 else "dev"].append(line)
    for p, rows in sorted(GOLD_DEV3.items()):
        rec = {"article": p, "url": manifest[p]["url"], "language": manifest[p]["language"],
               "claims": [claim(c) for c in rows]}
        lines["dev"].append(json.dumps(rec, ensure_ascii=False))
    for name, ls in (("gold", out), ("gold-dev", lines["dev"]), ("gold-test", lines["test"])):
        (here / f"{name}.jsonl").write_text("\n".join(ls) + "\n", encoding="utf-8")
        print(name, len(ls), "articles", sum(len(json.loads(x)["claims"]) for x in ls), "claims")
    test2 = [
        json.dumps({"article": p, "url": manifest[p]["url"], "language": manifest[p]["language"],
                    "claims": [claim(c) for c in rows]}, ensure_ascii=False)
        for p, rows in sorted(GOLD_TEST2.items())
    ]
    (here / "gold-test2.jsonl").write_text("\n".join(test2) + "\n", encoding="utf-8")
    print("gold-test2", len(test2), "articles", sum(len(rows) for rows in GOLD_TEST2.values()), "claims")
    test3 = [
        json.dumps({"article": p, "url": manifest[p]["url"], "language": manifest[p]["language"],
                    "claims": [claim(c) for c in rows]}, ensure_ascii=False)
        for p, rows in sorted(GOLD_TEST3.items())
    ]
    (here / "gold-test3.jsonl").write_text("\n".join(test3) + "\n", encoding="utf-8")
    print("gold-test3", len(test3), "articles", sum(len(rows) for rows in GOLD_TEST3.values()), "claims")
    test4 = [
        json.dumps({"article": p, "url": manifest[p]["url"], "language": manifest[p]["language"],
                    "claims": [claim(c) for c in rows]}, ensure_ascii=False)
        for p, rows in sorted(GOLD_TEST4.items())
    ]
    (here / "gold-test4.jsonl").write_text("\n".join(test4) + "\n", encoding="utf-8")
    print("gold-test4", len(test4), "articles", sum(len(rows) for rows in GOLD_TEST4.values()), "claims")


if __name__ == "__main__":
    main()
