#!/usr/bin/env python3
"""Writes the benchmark corpus: a deterministic multilingual archive of markdown pages.

    python3 bench/corpus.py --pages 5000 --out DIR [--seed 1] [--languages en,sv,fi,...]

DIR/content/<lang>/<section>/<slug>.md, the same path in every language that has the document (so the path
alone links translations, for build-site and for Hugo with one contentDir per language). Every document is in
English; about 10 % only in English; each language after en and sv covers about 70 % of the documents (benchmark
text on the Swedish word lists, marked with its language, not a translation). Front matter: title, date (an
ISO 8601 date-time), summary, tags (2-5 of 40 per language, Swedish ones with å, ä, ö), years (the date's year, so
Hugo can build the year archive build-site makes by itself), and translationKey on documents that have a
translation. Bodies of 600-1200 words: headings, paragraphs, bullet and numbered lists, links, emphasis, inline
code, one blockquote.

Every document draws from random generators seeded with (seed, document number, purpose) only, so the corpus
is byte-identical from run to run, N=1000 is the first thousand documents of N=5000, and adding a language
changes no other language's files. Standard library only.
"""

import argparse
import json
import os
import random
import shutil
import sys

SECTIONS = [("projects", 3), ("reports", 3), ("events", 2), ("articles", 4)]
ENGLISH_ONLY = 0.10
FURTHER_LANGUAGE_COVERAGE = 0.70
FIRST_YEAR, LAST_YEAR = 2003, 2025


class Words:
    """One language's word lists and the shapes its sentences take."""

    def __init__(self, **lists):
        self.__dict__.update(lists)


ENGLISH = Words(
    tags=["archives", "oral history", "schools", "research", "theatre", "neighbourhoods", "rivers", "wind power",
          "housing", "railways", "public health", "trade unions", "refugees", "elections", "newspapers", "reading",
          "choirs", "poetry", "software", "open access", "grants", "legislation", "children", "care homes",
          "farming", "woodland", "coastal fishing", "visitors", "buildings", "crafts", "sign language",
          "national minorities", "twinning", "local councils", "border regions", "audits", "census", "scanning",
          "monuments", "civil society"],
    things=["archive", "study circle", "survey", "exhibition", "field trip", "handbook", "database", "seminar",
            "partnership", "working group", "pilot scheme", "collection", "yearbook", "catalogue", "network",
            "workshop", "register", "report", "festival", "hearing", "campaign", "inventory", "map", "course"],
    qualities=["regional", "cross-border", "modest", "long-running", "volunteer-led", "bilingual", "digital",
               "early", "joint", "unfinished", "careful", "small", "national", "experimental", "annual"],
    doings=["recorded", "planned", "financed", "catalogued", "discussed", "translated", "published", "extended",
            "reviewed", "photographed", "summarised", "revisited", "compared", "opened", "closed"],
    manners=["slowly", "together", "in public", "on paper", "at short notice", "for the first time", "again"],
    actors=["the county museum", "two parishes", "a group of pensioners", "the harbour board", "students",
            "the library staff", "local historians", "the town council", "a reference group", "three schools"],
    times=["in the winter of {y}", "during {y}", "before the elections", "over two summers", "after the merger",
           "in the spring term", "between {y} and {y2}", "at the end of the project"],
    openers=["Later,", "Even so,", "By then,", "In the end,", "At first,", "Meanwhile,", "Partly for that reason,"],
    headings=["How it began", "Who took part", "What was found", "Money", "Problems", "Afterwards", "Sources",
              "Method", "Timeline", "Open questions", "Thanks", "Related material"],
    links=["the minutes", "the final report", "the call for proposals", "the photographs", "the data",
           "the press cuttings", "the budget", "the evaluation"],
    titles=["The {quality} {thing} in {place}", "{Place}, {year}: a {thing}", "Notes from the {thing} in {place}",
            "A {quality} {thing} and what came of it", "{Thing} at {place}", "Looking back at the {place} {thing}"],
    summary="{Actors} {did} a {quality} {thing} in {place} {time}.",
    sentences=["{actors} {did} the {thing} {manner}", "the {thing} was {did} by {actors} {time}",
               "{time} {actors} {did} a {quality} {thing}", "nobody had {did} the {thing} in {place} before",
               "the {quality} {thing} drew on material from {year2}"],
    glue=" and ", said="said",
)

SWEDISH = Words(
    tags=["arkiv", "muntlig historia", "skolor", "forskning", "teater", "stadsdelar", "älvar", "vindkraft",
          "bostäder", "järnvägar", "folkhälsa", "fackföreningar", "flyktingar", "val", "tidningar", "läsning",
          "körer", "poesi", "programvara", "öppen tillgång", "bidrag", "lagstiftning", "barn", "äldreboenden",
          "jordbruk", "skogsmark", "kustfiske", "besökare", "byggnader", "hantverk", "teckenspråk",
          "nationella minoriteter", "vänorter", "kommuner", "gränsregioner", "revision", "folkräkning", "skanning",
          "fornminnen", "civilsamhälle"],
    things=["arkivet", "studiecirkeln", "enkäten", "utställningen", "studieresan", "handboken", "databasen",
            "seminariet", "partnerskapet", "arbetsgruppen", "försöket", "samlingen", "årsboken", "katalogen",
            "nätverket", "verkstaden", "registret", "rapporten", "festivalen", "utfrågningen", "kampanjen",
            "inventeringen", "kartan", "kursen"],
    qualities=["regionala", "gränsöverskridande", "blygsamma", "långvariga", "ideella", "tvåspråkiga", "digitala",
               "tidiga", "gemensamma", "ofullbordade", "noggranna", "lilla", "nationella", "försöksvisa", "årliga"],
    doings=["spelade in", "planerade", "finansierade", "katalogiserade", "diskuterade", "översatte", "gav ut",
            "förlängde", "granskade", "fotograferade", "sammanfattade", "återbesökte", "jämförde", "öppnade",
            "avslutade"],
    manners=["långsamt", "tillsammans", "offentligt", "på papper", "med kort varsel", "för första gången", "igen"],
    actors=["länsmuseet", "två församlingar", "en grupp pensionärer", "hamnstyrelsen", "studenter",
            "bibliotekets personal", "hembygdsforskare", "kommunfullmäktige", "en referensgrupp", "tre skolor"],
    times=["vintern {y}", "under {y}", "före valet", "under två somrar", "efter sammanslagningen", "under vårterminen",
           "mellan {y} och {y2}", "i slutet av projektet"],
    openers=["Senare", "Ändå", "Då", "Till slut", "Först", "Samtidigt", "Delvis därför"],
    headings=["Hur det började", "Vilka som deltog", "Vad som hittades", "Pengar", "Problem", "Efteråt", "Källor",
              "Metod", "Tidslinje", "Öppna frågor", "Tack", "Relaterat material"],
    links=["protokollen", "slutrapporten", "utlysningen", "fotografierna", "datan", "pressklippen", "budgeten",
           "utvärderingen"],
    titles=["Det {quality} {thing} i {place}", "{Place}, {year}: {thing}", "Anteckningar från {thing} i {place}",
            "{Thing} och vad det ledde till", "{Thing} i {place}", "Tillbakablick på {thing} i {place}"],
    summary="{Actors} {did} {thing} i {place} {time}.",
    sentences=["{actors} {did} {thing} {manner}", "{thing} {did} av {actors} {time}",
               "{time} {did} {actors} {thing}", "ingen hade {did} {thing} i {place} tidigare",
               "det {quality} {thing} byggde på material från {year2}"],
    glue=" och ", said="sa",
)

PLACES = ["Tartu", "Daugavpils", "Kaunas", "Turku", "Tromsø", "Akureyri", "Aalborg", "Visby", "Narva", "Klaipėda",
          "Liepāja", "Oulu", "Bodø", "Ísafjörður", "Esbjerg", "Gävle", "Pärnu", "Šiauliai", "Ventspils", "Vaasa",
          "Malmö", "Luleå", "Hamar", "Rønne"]
SLUG_WORDS = ["quay", "loft", "mill", "ferry", "lighthouse", "school", "depot", "barn", "square", "market",
              "tannery", "bridge", "granary", "pier", "forge", "kiln", "orchard", "chapel", "weir", "sawmill"]


def capitalised(text):
    """The first letter in upper case, past any leading markdown marks."""
    for index, character in enumerate(text):
        if character.isalpha():
            return text[:index] + character.upper() + text[index + 1:]
    return text


class Prose:
    """Markdown text in one language, from one random generator."""

    def __init__(self, words, rng, place, year, language):
        self.words, self.rng, self.place, self.year, self.language = words, rng, place, year, language

    def pick(self, name):
        return self.rng.choice(getattr(self.words, name))

    def marked(self, text):
        roll = self.rng.random()
        if roll < 0.05:
            return f"*{text}*"
        if roll < 0.08:
            return f"**{text}**"
        if roll < 0.09:
            return "`" + text.replace(" ", "_") + "`"
        return text

    def fill(self, pattern):
        y2 = self.year + self.rng.randint(1, 3)
        time = self.pick("times").format(y=self.year, y2=y2)
        values = dict(actors=self.marked(self.pick("actors")), did=self.pick("doings"),
                      thing=self.marked(self.pick("things")), quality=self.pick("qualities"),
                      manner=self.pick("manners"), time=time, place=self.place, year=self.year,
                      year2=self.year - self.rng.randint(5, 60))
        for key in ["actors", "thing", "place"]:
            values[key[0].upper() + key[1:]] = capitalised(str(values[key]))
        values["Did"] = capitalised(values["did"])
        return pattern.format(**values)

    def sentence(self):
        text = self.fill(self.pick("sentences"))
        roll = self.rng.random()
        if roll < 0.2:
            text = self.pick("openers") + " " + text
        elif roll < 0.4:
            text += self.words.glue + self.fill(self.pick("sentences"))
        if self.rng.random() < 0.07:
            text += f" ([{self.pick('links')}](https://records.example.net/{self.language}/{self.rng.randint(100, 99999)}))"
        return capitalised(text) + "."

    def paragraph(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self):
        return self.fill(self.pick("titles"))

    def summary(self):
        return self.fill(self.words.summary)

    def quote(self):
        return f"> {self.paragraph(2)}\n>\n> — {capitalised(self.pick('actors'))}"

    def items(self, numbered, count):
        lines = []
        for number in range(1, count + 1):
            text = capitalised(self.fill(self.pick("sentences")))
            if self.rng.random() < 0.15:
                text = f"[{capitalised(self.pick('links'))}](https://records.example.net/{self.language}/list/{self.rng.randint(1, 999)}): {text}"
            lines.append(f"{number}. {text}" if numbered else f"- {text}")
        return "\n".join(lines)


def body(prose, shape, length):
    """Blocks until `length` words; `shape` decides which blocks, so every language of a document has the same
    outline, and `prose` their words."""
    blocks = [prose.paragraph(shape.randint(3, 6)) for _ in range(2)]
    headings = list(prose.words.headings)
    shape.shuffle(headings)
    quoted, after_heading = False, False
    while sum(len(block.split()) for block in blocks) < length:
        roll = shape.random()
        if roll < 0.2 and not after_heading:
            marks = "##" if shape.random() < 0.7 else "###"
            blocks.append(f"{marks} {headings[len(blocks) % len(headings)]}")
            after_heading = True
            continue
        after_heading = False
        if roll < 0.32:
            blocks.append(prose.items(False, shape.randint(3, 6)))
        elif roll < 0.38:
            blocks.append(prose.items(True, shape.randint(3, 5)))
        elif roll < 0.43 and not quoted:
            blocks.append(prose.quote())
            quoted = True
        else:
            blocks.append(prose.paragraph(shape.randint(3, 7)))
    if not quoted:
        blocks.append(prose.quote())
    return "\n\n".join(blocks) + "\n"


def quoted(text):
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def page(title, date, year, summary, tags, key):
    lines = ["---", f"title: {quoted(title)}", f"date: {date}", f"summary: {quoted(summary)}", "tags:"]
    lines += [f"  - {quoted(tag)}" for tag in tags]
    lines.append(f"years: [\"{year}\"]")
    if key:
        lines.append(f"translationKey: {quoted(key)}")
    return "\n".join(lines + ["---", "", ""])


def document(seed, number, further_languages):
    """(section, slug, {language: file text}) for document `number`."""
    facts = random.Random(f"{seed}|facts|{number}")
    section = facts.choices([name for name, _ in SECTIONS], weights=[weight for _, weight in SECTIONS])[0]
    year = facts.randint(FIRST_YEAR, LAST_YEAR)
    date = f"{year:04d}-{facts.randint(1, 12):02d}-{facts.randint(1, 28):02d}T{facts.randint(8, 17):02d}:{facts.choice([0, 10, 20, 30, 40, 50]):02d}:00Z"
    slug = f"{year}-{facts.choice(SLUG_WORDS)}-{facts.choice(SLUG_WORDS)}-{number:05d}"
    place = facts.choice(PLACES)
    tags = facts.sample(range(40), facts.randint(2, 5))
    length = facts.randint(600, 1200)
    languages = ["en"] if facts.random() < ENGLISH_ONLY else ["en", "sv"]
    for language in further_languages:
        if random.Random(f"{seed}|covers|{language}|{number}").random() < FURTHER_LANGUAGE_COVERAGE:
            languages.append(language)
    key = f"{section}-{number:05d}" if len(languages) > 1 else None
    texts = {}
    for language in languages:
        words = ENGLISH if language == "en" else SWEDISH
        prose = Prose(words, random.Random(f"{seed}|words|{language}|{number}"), place, year, language)
        title = prose.title()
        if language not in ("en", "sv"):
            title += f" ({language})"
        matter = page(title, date, year, prose.summary(), [words.tags[t] for t in tags], key)
        texts[language] = matter + body(prose, random.Random(f"{seed}|shape|{number}"), length)
    return section, slug, texts


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, required=True, help="documents (all in English)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--languages", default="en,sv", help="comma-separated; must start with en,sv (default en,sv)")
    options = parser.parse_args(arguments)
    languages = [code.strip() for code in options.languages.split(",") if code.strip()]
    if languages[:2] != ["en", "sv"] or len(set(languages)) != len(languages):
        parser.error("--languages must start with en,sv and name each language once")
    content = os.path.join(options.out, "content")
    shutil.rmtree(content, ignore_errors=True)
    written = {language: 0 for language in languages}
    for number in range(options.pages):
        section, slug, texts = document(options.seed, number, languages[2:])
        for language, text in texts.items():
            folder = os.path.join(content, language, section)
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, slug + ".md"), "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
            written[language] += 1
    print(f"{sum(written.values())} files ({', '.join(f'{k} {v}' for k, v in written.items())}) in {content}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
