"""Reading one figure: money in any currency and notation, percentages, durations and hours, their bounds, their
currency and their period. Used by `records.py`, which decides what each figure is a figure of."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "BARE",
    "MONEY",
    "SPELLED_MONEY",
    "bounds",
    "currency",
    "currency_country",
    "figures",
    "money_rules",
    "periods_in",
    "read_period",
]


def _currency_words() -> tuple[list[str], dict[str, list[str]]]:
    """The standard lists' currencies: every ISO 4217 code, current (pycountry) or withdrawn but still written on
    pages ("3,660 ZMK", "SLL 500,000": CLDR's English names, through babel), and the letters English locales write
    for one before a sum (CLDR: "Ksh" -> KES, "RM" -> MYR, "Rs" -> PKR, MUR, SCR)."""
    import pycountry
    from babel import Locale, localedata

    codes = sorted({c.alpha_3 for c in pycountry.currencies} | set(Locale.parse("en").currencies))
    letters: dict[str, list[str]] = {}
    for name in localedata.locale_identifiers():
        if name == "en" or name.startswith("en_"):
            for code, sign in Locale.parse(name).currency_symbols.items():
                if sign != code and len(sign) > 1 and sign[0].isalpha() and code not in letters.get(sign, []):
                    letters.setdefault(sign, []).append(code)
    return codes, letters


_ISO, _LETTERS = _currency_words()


@lru_cache(maxsize=1)
def money_rules() -> dict[str, Any]:
    """coach/rules/money.toml, read once: the words English means otherwise after a sum (here) and how a page
    writes its own money in letters (local_money.py)."""
    return tomllib.loads(resources.files("coach").joinpath("rules/money.toml").read_text("utf-8"))


def _currency_names() -> tuple[dict[str, str], dict[str, list[str]]]:
    """CLDR's English names of the currencies in use since 2000, singular and plural, written after a sum ("1,600
    Sudanese pounds" -> SDG), and the nouns they end in ("200,000 kip" -> LAK, "600 pesos" -> ARS, CLP, ... MXN,
    PHP), but for nouns that are mostly something else in English (`not_currency_nouns`, coach/rules/money.toml:
    "26,000 pounds" of a truck's weight), which count only in a full name. A page written before a currency was
    withdrawn still quotes it ("4 leva" of Bulgaria's lev, "kunas"), so today's list alone is not enough."""
    import pycountry
    from babel import Locale
    from babel.numbers import get_currency_name

    not_nouns = {w.lower() for w in money_rules()["not_currency_nouns"]}
    today = {c.alpha_3 for c in pycountry.currencies} | _since_2000()
    full: dict[str, str] = {}
    nouns: dict[str, list[str]] = {}
    for code in sorted(set(Locale.parse("en").currencies) & today):
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en").lower()
            if name == code.lower() or not re.fullmatch(r"[a-zà-ÿ'’. ]+", name):
                continue
            noun = name.split()[-1]
            if len(name.split()) > 1:
                full.setdefault(name, code)
            if noun not in not_nouns and code not in nouns.get(noun, []):
                nouns.setdefault(noun, []).append(code)
    return full, nouns


def _since_2000() -> set[str]:
    """Every currency some territory has had as legal tender since 2000 (CLDR, through babel)."""
    return set(_tender_territories())


@lru_cache(maxsize=1)
def _tender_territories() -> dict[str, frozenset[str]]:
    """Currency code -> the territories (and CLDR's regions) where it has been legal tender since 2000 (CLDR,
    through babel)."""
    import datetime

    from babel import Locale
    from babel.numbers import get_territory_currencies

    found: dict[str, set[str]] = {}
    for territory in map(str, Locale.parse("en").territories):
        try:
            codes = get_territory_currencies(
                territory, datetime.date(2000, 1, 1), datetime.date.today(), tender=True
            )
        except Exception:  # a region code babel knows no currencies for ("001", "150")
            continue
        for code in codes:
            found.setdefault(code, set()).add(territory)
    return {code: frozenset(t) for code, t in found.items()}


def _territories_of(code: str) -> frozenset[str]:
    """The countries and territories where `code` has been legal tender since 2000."""
    return frozenset(t for t in _tender_territories().get(code, frozenset()) if t.isalpha())


_FULL_NAMES, _NOUNS = _currency_names()


def _initials() -> dict[str, list[str]]:
    """The initials of a three-word currency name, written before a sum as its letters where no ISO code is
    ("NIS 6,200" of the New Israeli Sheqel, "NTD" of the New Taiwan Dollar): ISO 4217's names (pycountry) and
    CLDR's English ones, for currencies legal tender somewhere since 2000; only initials one currency has and
    no ISO code spells."""
    import pycountry
    from babel.numbers import get_currency_name

    found: dict[str, set[str]] = {}
    tender = _since_2000()
    for entry in pycountry.currencies:
        code = entry.alpha_3
        if code not in tender:
            continue
        for name in (entry.name, get_currency_name(code, locale="en")):
            words = re.findall(r"[A-Za-z]+", name)
            if len(words) == 3:
                found.setdefault("".join(w[0] for w in words).upper(), set()).add(code)
    return {sign: sorted(codes) for sign, codes in found.items() if len(codes) == 1 and sign not in _ISO}


_LETTERS.update({sign: codes for sign, codes in _initials().items() if sign not in _LETTERS})


def currency_noun(word: str) -> bool:
    """Is `word` the noun a currency's English name ends in, in the singular or plural ("dollars", "rand",
    "leva")?"""
    low = word.lower()
    return low in _NOUNS or low.removesuffix("s") in _NOUNS


_NAMES = "|".join(re.escape(n) for n in sorted({*_FULL_NAMES, *_NOUNS}, key=len, reverse=True))
# every currency sign Unicode knows ("Sc": $ £ € ₹ ₦ ₱ ₩ ...), and the letters written for one before a sum: any
# ISO 4217 code ("AED 15,000"), CLDR's letters ("RM 3,500", "Ksh 5,000"), a country's dollar ("NZ$"), "Rs.",
# and one capital run into a grouped sum ("N150,000", "P260,000") or "#" where a keyboard has no sign
_SIGNS = "".join(re.escape(chr(c)) for c in range(0x20, 0x10000) if unicodedata.category(chr(c)) == "Sc")
_CODES_3 = "|".join(_ISO)
_WORDS = "|".join(re.escape(w.rstrip(".")) for w in sorted(_LETTERS, key=len, reverse=True))
# the letters of three or more that a sum is also written before ("95 000 FCFA", "5,000 TSh"; not "R", "K")
_AFTER = "|".join(
    r"\s".join(map(re.escape, w.split()))
    for w in sorted((re.sub(r"[\s\u202f]+", " ", w) for w in _LETTERS), key=len, reverse=True)
    if len(w.replace(" ", "")) >= 3 and w.replace(" ", "").isalpha()
)
_CURRENCY = (
    # a dollar's country letters only with the sign ("C$45", not a car model's "C4"); "R 132 718", "Rs. 500" as such
    rf"(?:[{_SIGNS}]|\b(?:A|AU|C|CA|NZ|S|US)\$|\b(?:R|Rs|Kshs?|{_WORDS}|{_CODES_3})\.?\s?\$?(?=\s?\d)"
    rf"|(?<=[a-z])(?:{_CODES_3})(?=\s?\d)"  # a code run into its label by a page's layout: "Average SalaryINR 1,50,000"
    r"|\bP(?=\s\d{1,3},\d{3})"
    r"|\b[A-Z](?=\d{1,3}(?:,\d{3})+(?!,?\d))"  # "N150,000": a sign's letter run into a grouped sum
    r"|#(?=\d{1,3},\d{3}))"  # "#87,000": the sign written where a keyboard has no ₦ (a grouped sum, not "#1")
)

# "93,863", "48.13", and "132 718" as South Africa and Europe group thousands,
# and India's lakh grouping, "1,50,000" and "12,00,000"
_NUM = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,.])"
    r"|\d+(?:\.\d+)?"
)
_N = rf"(?:{_NUM})"
# a sum's scale word is part of it: "$7 billion" and "ISK 6.6bn" are not $7 and ISK 6.6
_SCALE = r"(?:\s?(?:[kK]\b|million\b|mn\b|m\b|billion\b|bn\b|trillion\b|lakhs?\b|LPA\b|crores?\b))?"
_AMOUNT = rf"{_CURRENCY}\s?{_N}{_SCALE}"
_RANGE_SEP = r"\s?(?:–|—|-|to)\s?"
# a sum or a range before the currency it names: "50-60", "50 to 60", "between 50 and 60" (leva)
_SPAN = rf"(?:between\s{_N}\sand\s{_N}|{_N}(?:{_RANGE_SEP}{_N})?)"
# money: "$78,405 – $83,722", "₹3.0-6.0 LPA", "US$69k", "AUD 55,000–AUD 65,000", "between $5 and $9", "6-8 lakh"
MONEY = re.compile(
    rf"(?:between\s)?{_AMOUNT}(?:{_RANGE_SEP}(?:{_CURRENCY}\s?)?{_N}{_SCALE}|\sand\s{_AMOUNT}"
    rf"|\s(?:to|and)\s(?:more than|over|less than|under)\s{_AMOUNT})?\+?"
    rf"|\b{_N}(?:{_RANGE_SEP}{_N})?\s?(?:lakhs?|LPA|crores?)\b"
    rf"|\b{_SPAN}\s?(?:{_CODES_3}|{_AFTER})\b"  # "53,000 CAD", "95,000 FCFA"
    # "1,600 Sudanese pounds", "20 Ghana cedis", "15 million Chilean pesos", "200,000 kip": a currency's name after
    # (not the "000" of a sum a page wrote with a space after its comma: "N50, 000 naira")
    rf"|(?<!\d,)(?<!\d,\s)\b{_SPAN}(?:\s(?:million|thousand|billion)\b)?\s(?:[A-Z][a-z]+\s)?"
    rf"(?i:{_NAMES})s?\b"  # ... in English's plural too: "200 rands"
)
# a sum spelled out before a currency's name: "thirty to forty US dollars", "five hundred rupees" (stated, not
# read as a figure: measures count it, records do not)
_SPELLED = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    "|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million"
)
SPELLED_MONEY = re.compile(
    rf"\b(?i:{_SPELLED})(?:[\s-]+(?i:{_SPELLED}|and|to))*\s(?:[A-Z][a-z]+\s)?(?i:{_NAMES})s?\b"
)
_PERCENT = re.compile(rf"[+-]?{_N}(?:{_RANGE_SEP}{_N})?\s?(?:%|percent\b|per cent\b)")
_WORD_NUMBERS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_DURATION = re.compile(  # a length of time, not an age ("at least 18 years of age", "21 years old")
    rf"\b(?:{_N}|{_WORD_NUMBERS})\+?(?:{_RANGE_SEP}(?:{_N}|{_WORD_NUMBERS}))?\+?[\s-]?(?:years?|yrs?(?!\s?\d)|months?|weeks?)\b"
    r"(?![\s-]+(?:of\s+age|old)\b)",
    re.I,
)
_HOURS = re.compile(rf"\b{_N}(?:{_RANGE_SEP}{_N})?[\s-]?(?:hours?|hrs?)\b", re.I)
# a count a week, no unit said ("Working hours: 37 to 40 a week"): hours where its label says so (records.py)
_A_WEEK = re.compile(rf"\b{_N}(?:{_RANGE_SEP}{_N})?(?=\s(?:a|per)\s(?:week|wk)\b)", re.I)
BARE = re.compile(rf"^\s*{_N}(?:{_RANGE_SEP}{_N})?\s*$")  # a table cell that is only a number
# the signs several countries write, read as the one most guides mean when the guide's places do not say
_CODES = {
    "A": "AUD",
    "AU": "AUD",
    "C": "CAD",
    "CA": "CAD",
    "NZ": "NZD",
    "S": "SGD",
    "US": "USD",
    "R": "ZAR",
    "Rs": "INR",
    "₹": "INR",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₦": "NGN",
    "Kshs": "KES",
    "₱": "PHP",
}
# currencies whose yearly pay runs to six figures and more: the size of a figure does not tell its period
_LARGE_UNITS = {"INR", "JPY", "NGN", "KES", "PHP", "ZAR"}
_PERIODS = (
    # "each"/"every" say a period as "per" does ("VND6.5 million each month")
    ("hour", re.compile(r"(?:per|each|every) hour|an hour|hourly|/ ?hr\b|/ ?hour|per hr\b|\bhr\b", re.I)),
    # a day's takings or wage ("Sh1000 a day", "RM24 daily"): no year's pay, whatever its currency
    # ... or a day's assignment's ("EGP 1,800 for a full 8-hour day")
    (
        "day",
        re.compile(
            r"(?:per|every) day|a day\b|\bdaily\b|/ ?day\b|per diem"
            r"|\b(?:a|per|each)\s+(?:full\s+|working\s+|normal\s+)?(?:\d+[- ]hours?\s+)?(?:work(?:ing)?\s+)?day\b",
            re.I,
        ),
    ),
    (
        "week",
        re.compile(
            r"(?:per|each|every) week|a week|weekly|/ ?week|/ ?wk|\b(?:a|per|each) \d+[- ]?(?:hour|hr) week\b",
            re.I,
        ),
    ),
    ("month", re.compile(r"(?:per|each|every) month|a month|monthly|/ ?month|/ ?mo\b", re.I)),
    (
        "year",
        re.compile(
            r"(?:per|each|every) year|a year|annual|annually|per annum|p\.a\.|/ ?year|/ ?yr|\bLPA\b|yearly",
            re.I,
        ),
    ),
)


def _number(text: str) -> float | None:
    m = re.search(_NUM, text)
    if not m:
        word = re.search(rf"\b({_WORD_NUMBERS})\b", text, re.I)
        return float(_WORD_NUMBERS.split("|").index(word.group(1).lower()) + 1) if word else None
    value = float(re.sub(r"[,\s]", "", m.group(0)))
    tail = text[m.end() : m.end() + 8].lower()
    if re.match(r"\s?k\b", tail):
        value *= 1_000
    elif re.match(r"\s?(million|mn?\b)", tail):
        value *= 1_000_000
    elif re.match(r"\s?(billion|bn\b)", tail):
        value *= 1_000_000_000
    elif re.match(r"\s?trillion", tail):
        value *= 1_000_000_000_000
    elif re.match(r"\s?(lakhs?|lpa)", tail) or re.search(r"lakh|lpa", text, re.I):
        value *= 100_000
    elif re.match(r"\s?crores?", tail):
        value *= 10_000_000
    return value


def bounds(value: str) -> tuple[float, float | None]:
    parts = re.split(rf"{_RANGE_SEP}|\sand\s", value, maxsplit=1)
    low = _number(parts[0]) or 0.0
    high = _number(parts[1]) if len(parts) > 1 and re.search(r"\d", parts[1]) else None
    if high is not None and re.search(r"lakh|lpa|crore", value, re.I) and low < high / 1000:
        low *= 100_000  # "3.0-6.0 LPA": the scale is written once, after the second bound
    return low, high


@lru_cache(maxsize=256)
def _country_currency(country: str) -> str:
    """The currency a country uses today (CLDR), or "" for a territory CLDR does not know."""
    from babel.numbers import get_territory_currencies

    try:
        found = get_territory_currencies(country)
    except Exception:  # babel names an unknown territory by raising; no currency is known for it
        return ""
    return found[0] if found else ""


@lru_cache(maxsize=256)
def _country_currencies(country: str) -> frozenset[str]:
    """Every currency a country has used since 1950 (CLDR), today's among them: Zambia's ZMW and the ZMK pages
    still quote."""
    import datetime

    from babel.numbers import get_territory_currencies

    try:
        found = get_territory_currencies(
            country, start_date=datetime.date(1950, 1, 1), end_date=datetime.date.today()
        )
    except Exception:  # an unknown territory
        return frozenset()
    return frozenset(found)


@lru_cache(maxsize=256)
def _local_signs(country: str) -> dict[str, str]:
    """The letters a country's own locales write for its legal tender (CLDR), each to its ISO code: "E" -> SZL in
    Eswatini, "M" -> LSL in Lesotho, "D" -> GMD in The Gambia. One capital says a currency only on a page about
    that country ("E35" elsewhere is a grade or a road), so these signs are read for its guides alone."""
    from babel import Locale, localedata
    from babel.numbers import get_territory_currencies

    try:
        tender = get_territory_currencies(country, tender=True)
    except Exception:  # an unknown territory
        return {}
    out: dict[str, str] = {}
    for name in localedata.locale_identifiers():
        if name.split("_")[-1] != country:
            continue
        symbols = Locale.parse(name).currency_symbols
        for code in tender:
            sign = symbols.get(code, code)
            if sign != code and sign.isascii() and sign[0].isalpha():
                out.setdefault(sign.rstrip("."), code)
    return out


def _one_country(places: list[str]) -> str:
    countries = {p.split("-")[0] for p in places}
    return next(iter(countries)) if len(countries) == 1 else ""


def currency_country(value: str) -> str:
    """The country a figure's own currency says it is in: the figure writes the currency's ISO code ("SGD
    180,000", "53,000 CAD"), letters CLDR gives one currency only ("RM 3,500", "Ksh 5,000") or a name after it
    that only one currency has ("30 soles", "200,000 kip"), and that is the national currency whose code opens
    with the country's code ("SGD" -> SG, "MYR" -> MY); "" for a sign several currencies write ("Rs", "$"), a
    currency of no one country ("EUR") and the US dollar, which pages about every country quote pay in."""
    code = currency(value, [])
    lead = re.match(r"\s*(?:between\s)?([A-Za-z]+)\.?", value)
    letters = lead.group(1) if lead else ""
    own = code in value or len(_LETTERS.get(letters, _LETTERS.get(letters + ".", []))) == 1
    # ... or names it after the sum by a name no other currency has ("30 soles", "1,600 Sudanese pounds"), when it
    # is one territory's tender alone (not "shekels", also Palestine's, nor "rand", also Lesotho's and Namibia's)
    own = own or (bool(code) and _named_currency(value, "") == code and len(_territories_of(code)) == 1)
    if not own or len(code) != 3 or code == "USD":
        return ""
    import pycountry

    country = code[:2]
    known = pycountry.countries.get(alpha_2=country) is not None
    return country if known and code in _country_currencies(country) else ""


def currency(value: str, places: list[str]) -> str:
    """ISO 4217 code of a figure: its own sign or code, else the one currency of the places it is about."""
    m = re.match(rf"\s*(?:between\s)?({_WORDS}|Kshs?|[A-Z]{{1,3}}(?=\.?\s?\$?\s?\d)|[{_SIGNS}])", value)
    sign = m.group(1) if m else ""
    if not sign and (code := re.search(r"\b([A-Z]{3})$", value.strip())):
        sign = code.group(1)  # "53,000 CAD"
    country = _one_country(places)
    local = _country_currency(country) if country else ""
    if len(sign) == 3 and sign.isupper() and sign in _ISO:
        return sign
    if country and (own := _local_signs(country).get(sign)):
        return own  # "M650" in a Lesotho guide is maloti, though the rand is legal tender there too
    if local and (local in _LETTERS.get(sign, []) or local in _LETTERS.get(sign + ".", [])):
        return local  # "Rs" in a Pakistani guide
    if sign in _CODES:
        return _CODES[sign]
    if sign in _LETTERS:
        return _LETTERS[sign][0]
    if re.search(r"lakh|lpa|crore", value, re.I):
        return "INR"
    named = _named_currency(value, country)
    return local if named is None else named


def _named_currency(value: str, country: str) -> str | None:
    """The currency a sum names after it: a full name ("Sudanese pounds") says one; a noun several currencies
    share ("pesos", "dollars") is the guide's country's where that is one of them, else the only one, else the
    US dollar among dollars, else none (""); None when the sum names no currency."""
    lowered = value.lower()
    if full := next((code for name, code in _FULL_NAMES.items() if lowered.endswith(name)), None):
        return full
    noun = re.search(r"([a-zà-ÿ'’]+)\s*$", lowered)
    said = noun.group(1) if noun else ""
    codes = _NOUNS.get(said) or (_NOUNS.get(said[:-1], []) if said.endswith("s") else [])
    if not codes:
        return None
    owned = [c for c in codes if country and c in _country_currencies(country)]
    if owned or len(codes) == 1:
        return (owned or codes)[0]
    return "USD" if "USD" in codes else ""


def periods_in(text: str) -> list[str]:
    """The periods a text names, in its order: a header of columns "Annual Salary Monthly Salary Hourly Wage" ->
    ['year', 'month', 'hour']."""
    return [
        name for _, name in sorted((hit.start(), name) for name, p in _PERIODS for hit in p.finditer(text))
    ]


def read_period(
    after: str,
    before: str,
    fallback: str,
    low: float,
    unit: str,
    columns: list[str] | None = None,
    index: int = 0,
) -> tuple[str, bool]:
    """A pay figure's period and whether the page says it: the words right after it ("$42 per hour"), else the
    last ones before it ("annual salary ... $72,720"), else the row's or column's words, else its size (in
    currencies where size tells: a guess, False).

    `columns`: the periods a row's header names in order, when it names several ("Annual ... Monthly ...
    Hourly"); the row's `index`-th sum has the `index`-th, and a header whose count does not match the row's
    sums says nothing of which is which (an empty list: the figure's size decides)."""
    if m := next((name for name, p in _PERIODS if p.search(after[:24])), None):
        return m, True
    by_size = "hour" if low < 300 else "month" if low < 12_000 else "year"
    guess = by_size if unit not in _LARGE_UNITS else "year"
    if columns is not None:
        if index < len(columns):
            return columns[index], True
        return guess, False
    found = [(hit.start(), name) for name, p in _PERIODS for hit in p.finditer(before[-70:])]
    if found:
        return max(found)[1], True
    if m := next((name for name, p in _PERIODS if p.search(fallback)), None):
        # a heading the parser made of a column name ("Hourly Salary") says less than a figure's own size
        if unit in _LARGE_UNITS or m == by_size or not unit:
            return m, True
        return by_size, False
    return guess, False


def figures(cell: str, local: re.Pattern[str] | None = None) -> list[tuple[str, re.Match[str]]]:
    """The figures of a cell or sentence, in order, each with its kind; `local` is the guide's country's own
    money (`local_money`)."""
    out: list[tuple[str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (
        ("money", MONEY),
        *((("money", local),) if local is not None else ()),
        ("percent", _PERCENT),
        ("duration", _DURATION),
        ("hours", _HOURS),
        ("weekly", _A_WEEK),
    ):
        for m in pattern.finditer(cell):
            if re.match(r",?\d", cell[m.end() : m.end() + 2]) or (
                m.start() and cell[m.start() - 1].isdigit()
            ):
                continue  # "$45,58075th": figures run together, none can be read
            if not any(m.start() < e and s < m.end() for s, e in taken):
                out.append((kind, m))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda f: f[1].start())
