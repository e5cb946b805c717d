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
from collections import Counter
from urllib.parse import urlsplit

from coach.ingest.figures import MONEY, currency_country
from coach.ingest.place_names import (
    CAPITALS,
    all_names,
    currency_signs,
    guide_names,
    host_names,
    is_region,
    languages,
    path_countries,
    place_codes,
    shared_regions,
    unmarked,
)

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


# "St. Lucia", "St. Helena": a saint's place as abbreviated, its point kept
# a run of capitalised words, with the small words that join a country's or region's name ("Democratic Republic of
# the Congo", "Trinidad and Tobago", "Isle of Man"), and a later word may open with an elided article ("Côte
# d'Ivoire", "Valle d’Aosta")
_JOINS = frozenset({"of", "the", "and"})
_JOINED = "|".join(sorted(_JOINS))
_ELIDED = "(?:[dl]['’])?"
_WORDS = re.compile(
    rf"(?:St\.\s+)?[{CAPITALS}][^\W\d_]+"
    rf"(?:(?:\s+(?:{_JOINED}))*\s+(?:St\.\s+)?{_ELIDED}[{CAPITALS}][^\W\d_]+){{0,3}}"
)

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
            for name, code in host_names().items():
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
    for sign, code in currency_signs().items():
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
            path_code = path_countries().get(said) if len(said) >= 4 else None
            if path_code and not taken_path & set(range(start, start + n)):
                taken_path |= set(range(start, start + n))
                named[path_code] += 3
                spelled.setdefault(path_code, set()).add(said)
    names = guide_names()
    addressed = {c for c in found if "-" not in c}  # the countries the address or the page's money names
    shared: Counter[str] = Counter()
    for m in _WORDS.finditer(f"{title}\n{text}"):
        words = _words_of(m.group(0), names)
        taken: set[int] = set()  # words of a longer place: "South" of "South Africa" names no region "South"
        for n in range(len(words), 0, -1):  # the longest run of capitalised words that is a place
            for start in range(len(words) - n + 1):
                if taken & set(range(start, start + n)):
                    continue
                said = " ".join(words[start : start + n])
                # a name in another language may drop its marks or keep them ("Guinée Equatoriale")
                hit = (
                    names.get(said.lower())
                    or names.get(unmarked(said).lower())
                    or _demonym(said.lower(), names)
                )
                if hit and "-" in hit and said.lower() in languages():
                    hit = None  # a region's adjective that is a language's name ("English", "Welsh") is the language
                # an abbreviation that is also a region of the address's country is that region: "TAFE SA" on
                # a .au site is South Australia, not South Africa
                local = [f"{c}-{said}" for c in addressed if said.isupper() and is_region(f"{c}-{said}")]
                hit = local[0] if hit and "-" not in hit and hit not in addressed and local else hit
                if hit and "-" in hit and said.lower() in shared_regions():
                    # a name several countries' regions share ("Central") waits until the page's countries are
                    # known
                    taken |= set(range(start, start + n))
                    shared[said.lower()] += 3 if m.start() < len(title) else 1
                elif hit:
                    taken |= set(range(start, start + n))
                    named[hit] += 3 if m.start() < len(title) else 1
                    spelled.setdefault(hit, set()).add(said.lower())
    # ... and is the region of the one country among them that the address, the money or the page names
    page_countries = addressed | {c for c in named if "-" not in c}
    for said, n in shared.items():
        if len(regions := [c for c in shared_regions()[said] if c.split("-")[0] in page_countries]) == 1:
            named[regions[0]] += n
            spelled.setdefault(regions[0], set()).add(said)
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
    if not found and len(said_countries := {c for c in named if "-" not in c}) == 1:
        # a page its address, its money and its repeated names place nowhere, that names one country and no
        # other, once ("rope makers ... at roadside stalls in Malawi"), is about that country
        found = said_countries
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
    'Toronto – Ontario' -> [('Ontario', 'CA-ON')], 'New South Wales' -> [('New South Wales', 'AU-NSW')]; a run
    joined by "of", "the" or "and" is one place where it names one ('Trinidad and Tobago', 'Port of Spain'), else
    the places its parts name ('India and South Africa')."""
    names = all_names()
    found: list[tuple[tuple[int, int], str, str]] = []  # (run's offset, word in it), name, code
    for m in _WORDS.finditer(text):
        words = _words_of(m.group(0), names)
        whole = _longest(words, 0, names)
        joined = [
            (at, n) for at, n, _name, _code in whole if _JOINS & {w.lower() for w in words[at : at + n]}
        ]
        found += [((m.start(), at), name, code) for at, _n, name, code in whole]
        covered = {i for at, n in joined for i in range(at, at + n)}
        part: list[int] = []
        for i, word in enumerate([*words, "and"]):  # each part between the joining words, on its own
            if word.lower() not in _JOINS and i not in covered:
                part.append(i)
                continue
            if part:
                hits = _longest(words[: part[-1] + 1], part[0], names)
                found += [((m.start(), at), name, code) for at, _n, name, code in hits]
            part = []
    out: list[tuple[str, str]] = []
    for _at, name, code in sorted(found, key=lambda f: f[0]):
        if (name, code) not in out:
            out.append((name, code))
    return out


def _longest(words: list[str], first: int, names: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """(start, length, name, code) of the places among `words[first:]` of the longest length that names any."""
    for n in range(len(words) - first, 0, -1):
        hits = [
            (start, n, name, code)
            for start in range(first, len(words) - n + 1)
            if (code := names.get((name := " ".join(words[start : start + n])).lower()))
        ]
        if hits:
            return hits
    return []
