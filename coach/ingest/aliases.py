"""The other names a page gives its own job (`own_names`): "paramedics" on a page at
/salaries-for-ambulance-attendants-paramedics whose role is Ambulance Attendant, "auditors" on a page headed
"Accountants and Auditors". A job seeker asks by any of them; with many guides indexed, the embedding match
that found the job for such a word alone ("paramedic" is nearer "paralegal" than "ambulance attendant") is no
longer enough.

A name is one word that names a worker in the standard occupation list (the head noun of its titles, "auditor",
or a title of its own, "paramedic"), that the page's heading or address says and its text says twice more, and
that is no word of its role. A word twenty or more standard occupations list ("director", "practitioner",
"designer") names no one job. The profile makes each name a synonym of the role where no other guide's role or
name uses it (profile.py).
"""

from __future__ import annotations

import re

from coach.ask.text import CAREER_WORDS
from coach.ingest.identity import singular
from coach.ingest.occupations import job_nouns, people
from coach.ingest.roles import _slugs
from coach.ingest.standard import standard

__all__ = ["own_names"]

_WORD = re.compile(r"[A-Za-z][a-z]+")
_MANY = 20


def _words(text: str) -> set[str]:
    return {singular(w).lower() for w in _WORD.findall(text.replace("-", " ").replace("_", " "))}


def own_names(role: str, title: str, url: str | None, text: str) -> list[str]:
    """One-word names of the page's job besides its role, lower case and singular, sorted: said by the heading
    or the address and again in the text."""
    said = _words(title) | _words(" ".join(_slugs(url)))
    role_words = _words(role)
    counts: dict[str, int] = {}
    for w in _WORD.findall(text):
        one = singular(w).lower()
        if one in said:
            counts[one] = counts.get(one, 0) + 1
    nouns, others = job_nouns(), people()
    return sorted(
        w
        for w, n in counts.items()
        if n >= 2
        and len(w) >= 4
        and w not in role_words | others | CAREER_WORDS  # a heading's "Guide" is the page, no tour guide
        and _worker(w, nouns)
    )


def _worker(word: str, nouns: frozenset[str]) -> bool:
    if word not in standard().words:
        return False
    listed = standard().listing(word)
    if not listed or len(listed) >= _MANY:
        return False
    own = any(o.label == word or o.label.startswith(word + " in ") for o in listed)
    return word in nouns or own
