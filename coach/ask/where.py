"""Where a question asks about: the places it names ("in Texas", "across the UK"), every way a guide may name
a place (coach/rules/places.toml: its names, its currency), and the pattern that finds one in a passage."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

from coach.ask.jobs import TitleIndex
from coach.ask.text import MONTHS, STOPWORDS, WEEKDAYS
from coach.ask.tokens import _singular, words
from coach.ingest.figures import currency_noun
from coach.ingest.occupations import job_nouns
from coach.ingest.place_names import (
    CAPITALS,
    city_short_names,
    countries,
    country_adjectives,
    country_name,
    is_city,
    languages,
    place_codes,
    unmarked,
)

# a name's words may hold inner dots ("U.S.") but a sentence's full stop ends it ("in Perth. Do they ...")
PLACE_NAME = re.compile(
    # "in St. Thomas", "in Ft. Worth": a short abbreviation's point and the name it opens are one place
    r"\b(?:in|across|for)\s+(?:the\s+)?((?:[A-Z][a-z]{1,2}\.\s+(?=[A-Z]))?"
    rf"[{CAPITALS}](?:[\w'-]|\.(?=\w))*(?:\s+[{CAPITALS}](?:[\w'-]|\.(?=\w))*)*)"
)


@lru_cache(maxsize=1)
def _places_toml() -> dict[str, dict[str, list[str]]]:
    """coach/rules/places.toml, read once."""
    return tomllib.loads(resources.files("coach").joinpath("rules/places.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _place_names() -> dict[str, list[str]]:
    """The places by their names alone: the key and its other names."""
    return {key: [key, *p.get("names", [])] for key, p in _places_toml().items()}


@lru_cache(maxsize=1)
def _place_table() -> dict[str, list[str]]:
    """Every way a guide may name each place: its names, then its currency codes and signs."""
    return {
        key: [*_place_names()[key], *p.get("currency", []), *p.get("signs", [])]
        for key, p in _places_toml().items()
    }


def place_names(place: str) -> list[str]:
    """Every way a guide may name `place`: itself, its other names and its currency (rules/places.toml), or a
    city's shorter name (GeoNames: "Klagenfurt am Wörthersee" is "Klagenfurt" on a page)."""
    return _table_names(place) or [place, *city_short_names(place)]


def _table_names(place: str) -> list[str] | None:
    """The names and currency rules/places.toml gives `place`, or None where it lists no such place."""
    low = place.lower().rstrip(".")
    return next(
        (names for names in _place_table().values() if any(low == n.lower().rstrip(".") for n in names)), None
    )


# a name starts a word, or is run into the word before it by a page's layout ("Community/AreaCanada")
_START = r"(?:(?<!\w)|(?<=[a-z])(?-i:(?=[A-Z])))"


def _as_word(name: str) -> str:
    """A name as a whole word, its letters' marks optional."""
    return rf"{_START}{_accented(name)}(?!\w)"


@lru_cache(maxsize=256)
def place_pattern(place: str) -> re.Pattern[str]:
    """A place's names as words, and its currency sign before a figure ("£14,000" names the UK). A name may be
    run into the word before it by a page's layout ("Community/AreaCanada")."""
    alts = [_as_word(n) if n[:1].isalnum() else re.escape(n) for n in place_names(place)]
    return re.compile("|".join(alts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _accents() -> dict[str, str]:
    """Each ASCII letter and the Latin letters written with it and a mark ("a": "aáàâäãåā..."), by Unicode."""
    out: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and chr(code) != base:
            out[base.lower()] = out.get(base.lower(), base.lower()) + chr(code).lower()
    return out


def _accented(name: str) -> str:
    """A name as a pattern its letters match with or without their marks: "Bogota" finds "Bogotá" and back."""
    letters = _accents()
    return "".join(
        f"[{letters[c.lower()]}]" if c.lower() in letters else re.escape(c) for c in unmarked(name)
    )


def known_place(name: str) -> bool:
    """Does a list of places know the name: a country or region (pycountry), a city (GeoNames), or
    rules/places.toml's names?"""
    return bool(place_codes(name)) or _table_names(name) is not None or is_city(name)


def places_in(text: str, by_currency: bool = True) -> list[str]:
    """The places of rules/places.toml that `text` names (by name or, unless `by_currency` is False, currency), in
    table order."""
    if not by_currency:
        return [key for key, names in _place_names().items() if _names_pattern(tuple(names)).search(text)]
    return [key for key in _place_table() if place_pattern(key).search(text)]


@lru_cache(maxsize=512)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """A place's names as words, as `place_pattern` reads them, without its currency signs."""
    return re.compile("|".join(_as_word(n) for n in names if n[:1].isalnum()), re.I)


# a chat message in lower case still names its country: "what does a new nurse make in canada"
_LOWER_PLACE = re.compile(r"\b(?:in|across)\s+(?:the\s+)?([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,2})")


def _lower_case_places(text: str) -> list[str]:
    """Countries (and regions of two words or more) written in lower case after 'in'/'across': "in canada",
    "in new zealand", "in northern ireland"; never a one-word region ("in central london")."""
    out: list[str] = []
    for m in _LOWER_PLACE.finditer(text):
        said = m.group(1).split()
        for k in range(len(said), 0, -1):
            name = " ".join(said[:k])
            if len(name) >= 4 and (name in countries() or (k >= 2 and place_codes(name))):
                if not (k < len(said) and currency_noun(said[k])):  # "in hong kong dollars": a currency
                    out.append(name.title())
                break
    return out


# "a Cuban doctor", "in estonian schools": a country's adjective before the word it qualifies
_ADJECTIVE = re.compile(r"\b([A-Za-z]{4,})\b(?=\s+([A-Za-z]+)((?:\s+[A-Za-z][\w-]*){0,2}))")


def _adjective_places(text: str, titles: TitleIndex, elsewhere: bool = False) -> list[tuple[str, str]]:
    """Countries named by their adjective before another word ("a Cuban doctor" -> Cuba, "kenyan nurses" ->
    Kenya), in any case; not a language's teacher or speaker ("an English teacher", "Spanish recruiters"): an
    adjective that also names a language is a place only before a word that is no job; not a word of a corpus
    title ("Indian Railways"). Where the question names the place of work (`elsewhere`: "Kenyan nurses in Oman"),
    an adjective before a job or people says where they come from, not where they work."""
    out: list[tuple[str, str]] = []  # (as written, the country's name)
    adjectives = country_adjectives()
    for m in _ADJECTIVE.finditer(text):
        said, after = m.group(1), _singular([m.group(2).lower()])[0]
        code = adjectives.get(said.lower()) or adjectives.get(said)
        if code is None or titles.mentioned(said) or currency_noun(m.group(2)):
            continue  # "in Canadian dollars": a currency, asked of the figure, not the job's place
        # a job among the next three words, before a stop word: "a Cuban heavy truck driver"
        ahead = [after, *_singular(words(m.group(3)))]
        ahead = ahead[: next((i for i, w in enumerate(ahead) if w in STOPWORDS), len(ahead))]
        job = any(w in job_nouns() for w in ahead)
        if said.lower() in languages() and (job or after in {"language", "speaker"}):
            continue
        # what it qualifies is a job, people, a body ("the Iraqi Ministry") or things ("estonian schools"); "the
        # Japanese hand over ..." are people acting
        if not (job or m.group(2)[:1].isupper() or m.group(2).endswith("s")):
            continue
        if elsewhere and not m.group(2)[:1].isupper():
            continue
        out.append((said, country_name(code) or said))
    return out


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_AND_NAME = re.compile(rf"\s+and\s+([{CAPITALS}][\w'-]*(?:\s+[{CAPITALS}][\w'-]*)*)")


def places(text: str, titles: TitleIndex) -> list[str]:
    """Proper names after 'in'/'across'/'for' that are not the corpus's job titles: 'in Texas', 'in the UK'; and
    countries written in lower case ("in canada")."""
    out = [p for p in _lower_case_places(text) if not titles.mentioned(p)]
    for m in PLACE_NAME.finditer(text):
        name = m.group(1).strip(".'")
        # "in Trinidad and Tobago", "in the Turks and Caicos Islands": one country whose name holds "and"
        joined = _AND_NAME.match(text, m.end(1))
        if joined and place_codes(f"{name} and {joined.group(1)}"):
            name = f"{name} and {joined.group(1)}"
        if name.lower() in MONTHS:  # "in May 2019" is a date, not a place
            continue
        if (after := _NEXT_WORD.match(text, m.end(1))) and currency_noun(after.group(1)):
            continue  # "what is it in US dollars?": the currency a figure is asked in, not the job's place
        if re.search(r"['’]s$", name):
            # "in El Salvador's clothing factories": the place's own; "in Kestrel's team": an owner, not a place
            owner = name[:-2]
            if place_codes(owner) and not titles.mentioned(owner):
                out.append(owner)
            continue
        if name.lower().removesuffix("s") in WEEKDAYS:  # "extra for Saturdays": a day
            continue
        if not name or titles.mentioned(name) or name.lower() in {t.lower() for t in titles.titles}:
            continue
        # a name the guides use that no list of places knows is theirs, not a place ("at Acme", "in the Army")
        said = " ".join(_singular(words(name)))
        known = known_place(name)
        if not known and f" {said} " in titles.corpus_text:
            continue
        # no list knows it, and it reads as no place name: a format ("in JSON") or a run of words ("in PWNED
        # Land Send Your SSN To ...")
        if not known and (len(name.split()) > 3 or (name.isupper() and len(name) > 3)):
            continue
        if not known and re.match(r"\s+\d", text[m.end() :]):  # "in the Jobs 101 article": a title, no place
            continue
        if not known and m.group(0).lower().startswith("for"):  # "to apply for the DPP job": an employer
            continue
        adjectives, first = country_adjectives(), name.split()[0]
        if not known and " " in name and (first.lower() in adjectives or first in adjectives):
            continue  # "in the Latvian TV story": a thing of the country its first word names (read just below)
        out.append(name)
    out += [name for said, name in _adjective_places(text, titles, bool(out)) if not {said, name} & set(out)]
    return out
