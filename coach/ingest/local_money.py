"""A guide's own money in letters: the letters its country's locales write for its legal tender ("E35" in
Eswatini, CLDR through babel) and the letters the page itself keeps writing before its sums of pay ("Tk 13,382",
"Shs15,000"), and the words of its currency's English name the page writes after its sums where English mostly
means something else by them or lists no currency ("30,000 drams" in Armenia, "108,000 CFA" in Chad: CLDR's
"Armenian dram", "Central African CFA franc"), read by records.py beside the standard currencies of figures.py.
coach/rules/money.toml holds the words of money talk and the abbreviations before a number that are no money's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.ingest.figures import (
    _ISO,
    _LETTERS,
    _N,
    _NUM,
    _RANGE_SEP,
    _SCALE,
    _SPAN,
    MONEY,
    _country_currencies,
    _local_signs,
    _one_country,
    money_rules,
)


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], frozenset[str]]:
    data = money_rules()
    return re.compile(data["money_talk"], re.IGNORECASE), frozenset(data["not_signs"])


_LEAD_LETTERS = re.compile(rf"(?<![\w.,])([A-Z][A-Za-z]{{0,2}})\.?\s?(?=(?:{_NUM})(?![\w.]))")


def local_money(places: list[str], text: str = "") -> re.Pattern[str] | None:
    """Money as the one country of a guide's places writes it in letters ("E35 plus E15 allowance" in Eswatini),
    and as the guide's own text writes it (`page_signs`: "Tk 13,382", "Shs15,000"), for `figures`; None where
    neither says any."""
    country = _one_country(places)
    signs = sorted({*(_local_signs(country) if country else {}), *page_signs(text)}, key=len, reverse=True)
    nouns = sorted(page_nouns(text, country), key=len, reverse=True) if country else []
    if not signs and not nouns:
        return None
    return _signs_pattern(tuple(signs), tuple(nouns))


@lru_cache(maxsize=256)
def currency_words(country: str) -> frozenset[str]:
    """The words of the English names (CLDR) of the currencies a country has used that a page writes after a
    sum: the noun each name ends in, singular and plural ("dram", "drams", "lei"), and the capitals inside one
    ("CFA" of "Central African CFA franc"); lower-cased but for the capitals."""
    from babel.numbers import get_currency_name

    words: set[str] = set()
    for code in _country_currencies(country):
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en")
            if name == code or not re.fullmatch(r"[A-Za-zà-ÿ'’. -]+", name):
                continue
            *first, noun = name.split()
            words.add(noun.lower())
            words.update(w for w in first if len(w) >= 3 and w.isupper())
    return frozenset(words)


def page_nouns(text: str, country: str) -> set[str]:
    """The words of the country's currencies' names (`currency_words`) the page writes right after a sum in a
    sentence about pay or cost ("His monthly salary is 108,000 CFA"), where no standard reading marks that sum as
    money already; a word that is something else as often ("26,000 pounds" of a lorry's load) counts on a page
    about a country whose currency it names, and only where the page says it of money."""
    words = currency_words(country)
    if not words:
        return set()
    talk, _not_signs = _rules()
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    after = re.compile(_sum_before(f"({alternatives})"), re.I)
    found: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if not talk.search(sentence):
            continue
        # the sentence's sums a standard reading marks, read once and only where a word follows a sum
        marked: list[tuple[int, int]] | None = None
        for m in after.finditer(sentence):
            said = m.group(1) if m.group(1) in words else m.group(1).lower()
            if said not in words:
                continue
            if marked is None:
                marked = [x.span() for x in MONEY.finditer(sentence)]
            if not any(m.start() < end and start < m.end() for start, end in marked):
                found.add(said)
    return found


def _sum_before(words: str) -> str:
    """A sum or range, with its scale word, before one of `words` (a regular expression's alternatives)."""
    return rf"\b{_SPAN}(?:\s(?:million|thousand|billion))?\s?(?:{words})\b"


def page_signs(text: str) -> set[str]:
    """The letters a page writes before its own sums of money where no list knows them as a currency's ("Tk 13,382
    a month", "Shs15,000 per day"): the same one to three letters before two or more different sums, one of 10 or
    more, in two or more sentences about pay or cost that mark no sum as money otherwise; never a unit, a grade, a
    month or a numbering word."""
    talk, not_signs = _rules()
    sums: dict[str, set[str]] = {}
    said_in: dict[str, set[int]] = {}
    for k, sentence in enumerate(re.split(r"(?<=[.!?])\s+|\n", text)):
        if not talk.search(sentence) or MONEY.search(sentence):
            continue  # no money talk; or a sum the sentence marks as money already ("Band E1 staff earn $30")
        for m in _LEAD_LETTERS.finditer(sentence):
            letters = m.group(1)
            if (
                letters in not_signs
                or letters.upper() in _ISO
                or letters in _LETTERS
                or MONEY.match(sentence, m.start())
            ):
                continue
            number = re.match(_NUM, sentence[m.end() :].lstrip())
            sums.setdefault(letters, set()).add(number.group(0) if number else "")
            said_in.setdefault(letters, set()).add(k)
    return {
        k
        for k, v in sums.items()
        if len(v) >= 2
        and len(said_in[k]) >= 2
        and any(float(n.replace(",", "").replace(" ", "") or 0) >= 10 for n in v if n)
    }


@lru_cache(maxsize=256)
def _signs_pattern(signs: tuple[str, ...], nouns: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A sum or range after one of `signs` ("E35", "D500 to D800", "Tk 111") or before one of `nouns` ("30,000
    drams", "108,000 CFA"), compiled once per set."""
    found = []
    if signs:
        alts = "|".join(re.escape(s) for s in signs)
        amount = rf"\b(?:{alts})\.?\s?{_N}{_SCALE}"
        found.append(rf"{amount}(?:{_RANGE_SEP}(?:(?:{alts})\.?\s?)?{_N}{_SCALE})?(?![\d,])")
    if nouns:
        lower = [re.escape(w) for w in nouns if not w.isupper()]
        upper = [re.escape(w) for w in nouns if w.isupper()]
        words = "|".join([*upper, *(f"(?i:{w})" for w in lower)])
        found.append(_sum_before(words))
    return re.compile("|".join(found))
