"""A guide's own money in letters: the letters its country's locales write for its legal tender ("E35" in
Eswatini, CLDR through babel) and the letters the page itself keeps writing before its sums of pay ("Tk 13,382",
"Shs15,000"), read by records.py beside the standard currencies of figures.py. coach/rules/money.toml holds the words
of money talk and the abbreviations before a number that are no money's.
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
    MONEY,
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
    return _signs_pattern(tuple(signs)) if signs else None


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
def _signs_pattern(signs: tuple[str, ...]) -> re.Pattern[str]:
    """A sum or range after one of `signs` ("E35", "D500 to D800", "Tk 111"), compiled once per set of signs."""
    alts = "|".join(re.escape(s) for s in signs)
    amount = rf"\b(?:{alts})\.?\s?{_N}{_SCALE}"
    return re.compile(rf"{amount}(?:{_RANGE_SEP}(?:(?:{alts})\.?\s?)?{_N}{_SCALE})?(?![\d,])")
