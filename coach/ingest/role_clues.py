"""Clues a page gives about its job beyond its heading, read by roles.py: the post a vacancy advertises, the
members of a service it names, the title a quoted speaker holds, initials the page spells out, a headline's job,
and how the page writes a job its address names."""

from __future__ import annotations

import re
from collections import Counter

from coach.ask.text import STOPWORDS
from coach.ingest.clean import Line
from coach.ingest.doers import NOT_A_TITLE, frequent_doer, page_kind
from coach.ingest.identity import _capital, singular, terms, word_counts
from coach.ingest.occupations import _PERSON, NOT_MODIFIERS, is_job_title, job_nouns
from coach.ingest.standard import standard

__all__ = [
    "address_initials",
    "advertised_post",
    "as_written",
    "span_head",
    "headline_job",
    "naming_a_thing",
    "norm",
    "service_member",
    "speakers_title",
    "spelled_out",
]


def headline_job(role: str, body: list[Line]) -> str | None:
    """The job of a role that is a headline, not a title: four words or more, no list of jobs ("Care Worker and
    Home Carer"), that the page's body never writes whole. The job is its longest tail ending in a job noun
    that the body writes ("saltpanning workers" of "Minimum pay eludes saltpanning workers"), else the worker
    the body keeps naming; None when neither is found or the role is no headline."""
    words = role.split()
    if len(words) < 4 or re.search(r"\b(?:and|or)\b|&", role, re.I):
        return None
    text = " ".join(ln.text for ln in body).lower()
    if norm(role) in norm(text):
        return None
    for k in range(len(words) - 1, 1, -1):
        tail = [w.lower() for w in words[-k:]]
        if tail[0] in STOPWORDS or not is_job_title(" ".join(tail)):
            continue
        head = re.escape(singular(tail[-1]).lower())
        if re.search(r"\b" + r"[\s-]+".join(map(re.escape, tail[:-1])) + rf"[\s-]+{head}(?:s|es)?\b", text):
            return _capital(" ".join(words[-k:]))
    doer = frequent_doer(word_counts(body), body)
    return _capital(page_kind(doer, role, body)) if doer else None


def span_head(span: str) -> str:
    """A job span's head word as the word counts read it ("" for none)."""
    return (terms(span) or [""])[-1]


def as_written(span: str, lines: list[Line]) -> str:
    """A job an address names as the page writes it: the span itself where the page writes its words together;
    else the kind of its job noun the page writes most, twice or more ("fisheries observer" for an address's
    "new crop observers"); else the span's last words the page writes together (an address's "12-months-plumbers"
    lost the comma of "After 12 Months, Plumbers": "plumbers"); else the span."""
    text = " ".join(ln.text for ln in lines).lower()
    words = [w.lower() for w in span.split()]

    def written(ws: list[str]) -> bool:
        return re.search(r"\b" + r"[\s-]+".join(map(re.escape, ws)), text) is not None

    if written(words):
        return span
    head = singular(words[-1]).lower()
    kinds = Counter(
        m.group(1)
        for m in re.finditer(rf"\b([a-z][a-z'-]+)[ -]{re.escape(head)}(?:s|es)?\b", text)
        if m.group(1) not in NOT_MODIFIERS and m.group(1) in standard().words
    )
    if kinds and (best := kinds.most_common(1)[0])[1] >= 2:
        return f"{best[0]} {head}"
    tail = next((k for k in range(1, len(words)) if written(words[k:])), None)
    return " ".join(span.split()[tail:]) if tail is not None else span


_POST = re.compile(
    r"\b(?:post|position|role|vacancy) (?:of|for) (?:an? |the )?((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)"
)


def advertised_post(lines: list[Line]) -> str | None:
    """The post a vacancy notice names in its opening lines ("applications ... for the post of Psychiatrist"):
    a job title, capitalised as the name of a post; None for no such line."""
    for ln in lines[:25]:
        for m in _POST.finditer(ln.text):
            if is_job_title(m.group(1)):
                return m.group(1)
    return None


_SERVICE = re.compile(r"\b([A-Z][a-z]+)\s+(?:Service|Force|Department|Brigade|Corps)\b")


def service_member(heading: str, lines: list[Line]) -> str | None:
    """The job of a public service's members, for a heading that names the service and no job ("St. Lucia Fire
    Service", "... Police Force Recruitment"): the "<field> <job noun>" the page says most ("police constable"),
    or else the standard list's shortest title made of the field's word ("firefighter"); None for no service."""
    m = _SERVICE.search(heading)
    field = m.group(1).lower() if m else ""
    if not field or field not in standard().words or field in NOT_MODIFIERS:
        return None
    said: Counter[str] = Counter()
    for ln in lines:
        for w in re.findall(rf"\b{field}\s+([a-z]+)", ln.text.lower()):
            if (one := singular(w).lower()) in job_nouns():
                said[f"{field} {one}"] += 1
    if said:
        return said.most_common(1)[0][0]
    titles = [
        o.label
        for o in standard().occupations
        if o.confirmed
        and (o.label.split()[0] == field or (" " not in o.label and o.label.startswith(field)))
        and len(o.label.split()) <= 2
        and o.label.split()[-1] in job_nouns()
    ]
    return min(titles, key=len) if titles else None


# what may come between a speaker's title and "said": the body they hold it in ("of the Lao Motorbike Service
# Company"), then up to five words of their name
_SAID = re.compile(
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,7})?"
    r"(?:[,\s]+[\w.'’-]+){0,5}?[,\s]+(?:said|says|told|added|explained|noted|stated)\b"
)


def speakers_title(span: str, lines: list[Line]) -> bool:
    """Is a job title only ever the title of someone quoted ("Chief Transport Officer, RSTA, Karma Pemba, said",
    "the Transport Officer said")? A page about a job names it otherwise too."""
    found = [
        _SAID.match(ln.text, m.end()) is not None
        for ln in lines
        for m in re.finditer(rf"\b{re.escape(span)}s?\b", ln.text, re.I)
    ]
    return bool(found) and all(found)


def naming_a_thing(span: str, lines: list[Line]) -> bool:
    """Is a job noun only ever the first word of a thing's name on the page ("Merchant" of "Merchant Navy")?
    Said twice or more, always before the same word, and that word no job noun nor a heading's filler ("Teacher
    Salary" is a teacher's)."""
    head = span.split()[-1]
    after = Counter(
        (m.group(1) or "").lower()  # "": said alone, at a line's end
        for ln in lines
        for m in re.finditer(rf"\b{re.escape(head)}(?:s|es)?\b(?:\s+([A-Za-z]+))?", ln.text, re.I)
    )
    if sum(after.values()) < 2 or len(after) != 1:
        return False
    word = next(iter(after))
    return bool(word) and word not in job_nouns() and word not in NOT_MODIFIERS | NOT_A_TITLE


def spelled_out(role: str, lines: list[Line]) -> str | None:
    """The job an all-capitals title abbreviates, as the page writes it out: the first run of words whose
    initials spell it and that ends in a job noun ('PSW' -> 'Personal Support Worker'); None for no such run."""
    letters = role.strip()
    if not re.fullmatch(r"[A-Z]{2,5}", letters):
        return None
    n = len(letters)
    for line in lines:
        tokens = re.findall(r"[A-Za-z]+", line.text)
        for i in range(len(tokens) - n + 1):
            run = tokens[i : i + n]
            one = singular(run[-1])  # "Household Service Workers" names a household service worker
            last = one.lower()
            person = last in job_nouns() or (_PERSON.search(last) is not None and last in standard().words)
            if person and "".join(w[0] for w in run).upper() == letters:
                return _capital(" ".join([*run[:-1], one]))
    return None


def address_initials(slugs: list[str], lines: list[Line]) -> str | None:
    """The job an address abbreviates ("/hsw/"), as the page writes it out: a short word of the address that is
    no word of the standard list, whose letters begin the words of a job the page names."""
    known = standard().words
    for word in (w for slug in slugs for w in slug.split()):
        short = 2 <= len(word) <= 5 and word.isalpha() and word.lower() not in known
        if short and (spelled := spelled_out(word.upper(), lines)) is not None:
            return spelled
    return None


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower().lstrip("# ")).strip()
