"""Guide identity: a guide's title and role come from its content, never from a URL, a banner or a figure line.

Order of evidence: an operator's `guides.toml` entry; a "Quick Facts: X" line; a Markdown `# X` title; the
loader's title (HTML `<h1>` or `<title>` without the site name, PDF metadata); else the early heading-like
line whose words recur most in the guide's other lines (a page keeps naming its own job); titles.py reads the
lines in that order. This module holds the words both read by: a title's job (`role_from_title`), singular job
nouns and terms, the job the prose keeps naming (`job_phrase`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from coach.ingest.clean import Line
from coach.ingest.occupations import is_job_title, job_nouns, job_span
from coach.ingest.place_names import is_city, place_codes
from coach.ingest.standard import standard

_WORD = re.compile(r"[a-z][a-z'-]+")
_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "as",
        "with",
        "your",
        "you",
        "what",
        "how",
        "is",
        "are",
        "do",
        "does",
        "be",
        "become",
        "job",
        "jobs",
        "career",
        "careers",
        "guide",
        "profile",
        "role",
        "roles",
        "position",
        "positions",
        "professional",
        "professionals",
        "worker",
        "workers",
        "people",
        "person",
        "staff",
        "team",
        "field",
        "industry",
        "work",
        "employee",
        "employees",
        "individual",
        "individuals",
    ]
)

_LEAD = re.compile(
    r"^(?:(?:q|faq|faqs)\s*[:.]\s*)?(?:\d{1,2}[.)]\s+)?(?:the\s+)?(?:(?:complete|ultimate|definitive)\s+)?"
    r"(?:(?:how to become|becoming|become|careers? (?:as|in)|working as|what does|what is|job profile:?|"
    r"how (?:do|can) (?:i|you) (?:apply|qualify|train|register)(?: to be| to become| as)|"
    r"how much (?:is|does|do|can)(?: the)?|"
    r"quick facts:?|key facts:?)\s+(?:an?\s+)?)?",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"(?:\s+(?:do|does|earns?|make)\??|\s*[:\-–—|]\s*(?:job|career)s?.*|\s+(?:career\s+|job\s+)?(?:path\s+)?"
    r"(?:guide|overview|profile|job description|description|(?:pay\s+)?salary(?: and .*)?|pay|careers?|jobs?|"
    r"vacanc(?:y|ies)|outlook|recruitment|recruiting|hiring|application form)(?:\s+(?:19|20)\d\d(?:/\d+)?)?)+"
    r"\s*\??$",
    re.IGNORECASE,
)


def singular(word: str) -> str:
    """English singular of a job noun: nurses -> nurse, secretaries -> secretary, analysts -> analyst."""
    low = word.lower()
    if len(low) <= 3 or low.endswith(("ss", "us", "is")):
        return word
    # "midwives" -> "midwife", "postmen" -> "postman": checked against the standard list's job words
    if low.endswith(("ves", "men")):
        return standard().singular(word)
    if low.endswith("ies"):
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if low.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if low.endswith("s"):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Lower-cased, singular content words of a line (what two mentions of one job share)."""
    return list(_terms(text))


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:  # job titles and units recur in every question: read each once
    # a possessive is the same word: "carpenter's hand tools" names carpenters
    words = (re.sub(r"'s?$", "", w) for w in _WORD.findall(text.lower().replace("’", "'")))
    return tuple(singular(w) for w in words if w and w not in _SMALL)


_CONTEXT_PART = re.compile(
    r"^(?:(?:careers?|jobs?|working|work|life|employment|occupations?)\b.*\b(?:in|as|at|for)\b.*"
    r"|occupational outlook handbook|(?:quick|key) facts|(?:job|career) (?:profiles?|guides?)|careers?|jobs?)$",
    re.IGNORECASE,
)


# "Junior Data Analyst at Acme Foods": the employer is no part of the job
_AT_EMPLOYER = re.compile(r"\s+(?:at|@|with)\s+(?:[A-Z0-9&][\w&'.-]*\s*)+$")


_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "gov", "ac", "edu", "govt", "nhs", "sch", "ltd", "plc"])


def _brands(site: str) -> set[str]:
    """The site's own names: its first label and the label before its public suffix ('pei.constructiontradeshub.com'
    -> {'pei', 'constructiontradeshub'}, 'masterlink.co.nz' -> {'masterlink'})."""
    labels = site.lower().removeprefix("www.").split(".")
    first, joined = labels[0], "".join(labels)
    labels = labels[:-1] if len(labels) > 1 else labels
    while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    # ... and its labels run together, as a file is named after the site ('govje-firefighter.txt' of gov.je)
    return {re.sub(r"[^a-z0-9]", "", x) for x in (first, labels[-1], joined) if x} - {""}


# where Latin letters run straight into letters of another script, or the reverse: two names, not one word
_LATIN = "A-Za-z\u00c0-\u024f"
_SCRIPT_CHANGE = re.compile(rf"(?<=[{_LATIN}])(?=[^\W\d_{_LATIN}])|(?<=[^\W\d_{_LATIN}])(?=[{_LATIN}])")


def role_from_title(title: str, site: str | None = None) -> str:
    """The job a title names, singular: 'How to Become a Registered Nurse' -> 'Registered Nurse'; the site's own
    name ('Acme Firefighter' on acme.example) and an employer ('... at Acme Foods') are left out."""
    title = re.sub(r"^\s*(?:q|faqs?)\s*[:.]\s+", "", title, flags=re.IGNORECASE)  # "Q: What does ... do?"
    # "On Becoming a Police Officer대한민국청소년영어뉴스": letters of another script run on are the site's name
    title = _SCRIPT_CHANGE.sub(" | ", title)
    title = _AT_EMPLOYER.sub("", title.strip()) or title
    brands = _brands(site) if site else set()
    while len(first := title.split(maxsplit=1)) == 2:
        said = re.sub(r"[^a-z0-9]", "", first[0].lower())
        # a brand that is a job-title word ("police" of scotland.police.uk) is the job, not the site
        named = said in brands or said.removesuffix("s") in brands
        if not named or said.removesuffix("s") in standard().words:
            break
        title = first[1]  # "Ble Dole Seaman" of ble.dole.gov.ph: each of the site's names goes
    # "Road Transport (Taxi Driver) License": the job in brackets, the rest of the heading a document
    inner = re.search(r"\(([^()]+)\)", title)
    if inner and is_job_title(inner.group(1)) and job_span(title.replace(inner.group(0), " ")) is None:
        title = inner.group(1)
    joined = re.fullmatch(r"((?:[A-Z][a-z]+ )+[A-Z][a-z]{3,})-([A-Z].*)", title.strip())
    if joined and job_span(joined.group(1)) is None:
        # "Employment Opportunity-Fisheries Observer": a hyphen between two phrases, not inside a word ("Tuk-Tuk")
        title = f"{joined.group(1)} - {joined.group(2)}"
    parts = [p for p in re.split(r"\s*[:|–—]\s+|\s+-\s+", title.strip()) if p.strip()]
    kept = [p for p in parts if not _CONTEXT_PART.match(p.strip())]
    if len(parts) > 1 and kept:
        # "Careers in the USA: Electricians" -> "Electricians"; "Introducing: The Jeepney driver": the part that
        # names a job, where the first names none
        title = next((p for p in kept if job_span(p) is not None), kept[0])
    what = re.match(r"^what\s+(?!is\b|does\b)(.+?)\s+do\??$", title.strip(), re.IGNORECASE)
    role = what.group(1) if what else _kept_trail(_LEAD.sub("", title.strip())).strip(" :-–—|?")
    # "Chiropractic as a Career" less its page word: "as a" left dangling is no part of a job's name
    role = re.sub(r"(?:\s+(?:as|an?|the|of|for|in|to|and|or))+$", "", role, flags=re.IGNORECASE)
    if (where := _IN_PLACE.search(role)) and place_codes(where.group(1)):
        # "Fitter and Turner in South Africa": the place is no part of the job, nor are the page words before it
        # ("Patwari Jobs 2022 in Pakistan")
        role = _kept_trail(role[: where.start()]).strip(" :-–—|?")
    lead = role.split(maxsplit=1)
    if len(lead) == 2 and len(lead[1].split()) <= 4 and place_word(lead[0]) and job_span(lead[1]) is not None:
        # "Cyprus Tourist Guide", "Kenya Tour Guide": a place before the job is no part of it, as after it
        role = lead[1]
    if not role:
        return title.strip()
    if role.islower():
        role = _capital(role)  # "what does a social media manager do?" names the job "Social Media Manager"
    # "Paralegals and Legal Assistants" -> "Paralegal and Legal Assistant"
    parts = re.split(r"(\s+(?:and|or|&)\s+|,\s*)", role)
    return "".join(p if i % 2 else _singular_phrase(p) for i, p in enumerate(parts))


def place_word(word: str) -> bool:
    """A capitalised word that names a place and no job's word: "Kenya", "Laois", "Sydney" (not "Au" of au pair,
    "Bar", "Coast", nor an acronym: "POS")."""
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.lower() not in standard().words
        # a country's two-letter code as a file name's tag ("pl-soldier.txt": "Pl Soldier")
        and (bool(place_codes(word)) or is_city(word) or (len(word) == 2 and bool(place_codes(word.upper()))))
    )


def _kept_trail(title: str) -> str:
    """A title less its page-kind words ("Nurse Career Guide" -> "Nurse"), unless the standard list has the job
    with the first of them: "Tourist Guide", "Mountain Guide" are jobs whose last word only looks like a page's."""
    role = _TRAIL.sub("", title)
    tail = title[len(role) :].split()
    # ... or the list has the job as the last word before it and it ("Cyprus Tourist Guide"), whatever stands first
    if (
        role
        and tail
        and (
            _job_label(_singular_phrase(f"{role} {tail[0]}").lower())
            or (
                tail[0].lower() in job_nouns()  # "Local tour guide": a job of the list, in one of its labels
                and _job_label(_singular_phrase(f"{role.split()[-1]} {tail[0]}").lower())
            )
        )
    ):
        return f"{role} {tail[0]}"
    return role


def _job_label(phrase: str) -> bool:
    """The standard list names a job with the phrase, in a preferred or an alternative label ('tour guide' is
    one of a tourist guide's)."""
    return standard().labelled(phrase) is not None or bool(standard().listing(phrase))


_IN_PLACE = re.compile(r"\s+(?:in|across)\s+(?:the\s+)?([A-Z][\w .'-]*)$")


def _singular_phrase(phrase: str) -> str:
    words = phrase.split()
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words)


_STOP = frozenset(
    [
        "you",
        "you'll",
        "your",
        "will",
        "would",
        "may",
        "might",
        "can",
        "could",
        "must",
        "should",
        "is",
        "are",
        "was",
        "were",
        "be",
        "who",
        "which",
        "that",
        "to",
        "in",
        "at",
        "on",
        "for",
        "with",
        "and",
        "or",
        "but",
        "from",
        "by",
        "of",
        "the",
        "a",
        "an",
        "this",
        "these",
        "they",
        "their",
        "it",
        "its",
        "as",
        "when",
        "while",
        "if",
        "how",
        "what",
        # a pronoun or an auxiliary ends the job's name: "the number of Boda Boda riders has ...", "He says his ..."
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "i",
        "my",
        "has",
        "have",
        "had",
        "does",
        "did",
        "says",
        "said",
    ]
)
# Where English names the job a page is about: "as a physiotherapist you'll", "become a nurse", "wage of electricians"
_NAMED = re.compile(
    r"\b(?:as|become|becoming|work as|job as|career as|working as)\s+an?\s+((?:[A-Za-z][\w'-]*\s+){0,3}[A-Za-z][\w'-]*)"
    r"|\b(?:wages?|salary|salaries|employment|number) (?:of|for) ((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*s)\b",
    re.IGNORECASE,
)
# A sentence that opens with the job: "Pharmacists provide ...", "A Site Manager is ..."
_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:an?|the)\s+)?((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*?)\s*,?\s+"
    r"(?:are|is|provide|provides|offer|offers|help|helps|work|works|install|installs|play|plays|typically|usually|often|"
    r"perform|performs|use|uses|treat|treats|assist|assists|care|cares|diagnose|diagnoses|prepare|prepares|design|designs)\b"
)


_QUANTIFIERS = frozenset(
    [
        "most",
        "many",
        "some",
        "all",
        "almost",
        "about",
        "other",
        "these",
        "those",
        "such",
        "few",
        "several",
        "more",
        "both",
        "each",
        "every",
        "junior",
        "senior",
        "new",
        "experienced",
        "qualified",
        "trainee",
        "newly",
        "fully",
    ]
)


def _phrase(raw: str) -> str:
    words: list[str] = []
    for w in raw.split():
        if w.lower() in _STOP:
            break
        words.append(w)
    while words and words[0].lower() in _QUANTIFIERS:
        words.pop(0)
    return " ".join(words)


def _recurrence(words: set[str], counts: Counter[str]) -> float:
    return sum(math.log(max(1, counts[w])) for w in words) / math.sqrt(len(words)) if words else 0.0


def word_counts(lines: list[Line]) -> Counter[str]:
    """How often each content word occurs in a guide's lines."""
    return Counter(terms(" ".join(ln.text for ln in lines)))


def job_phrase(lines: list[Line], counts: Counter[str] | None = None) -> str | None:
    """The job the page keeps naming in its prose, as the page writes it ("Pharmacists"), or None."""
    hits: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    text = " ".join(ln.text.rstrip(".!?:") + "." for ln in lines[:80])
    for m in _NAMED.finditer(text):
        phrase = _phrase(m.group(1) or m.group(2) or "")
        if key := " ".join(terms(phrase)):
            hits[key] += 1
            spelled.setdefault(key, phrase)
    for m in _SUBJECT.finditer(text):
        phrase = _phrase(m.group(1))
        plural_or_article = phrase.lower().endswith("s") or m.group(0).lstrip(" .!?").lower().startswith(
            ("a ", "an ")
        )
        if (key := " ".join(terms(phrase))) and plural_or_article:
            hits[key] += 1
            spelled.setdefault(key, phrase)
    if not hits:
        return None
    # how often each candidate's words occur in the page decides between them
    counts = counts if counts is not None else word_counts(lines)
    scored = {
        k: n + _recurrence(set(k.split()), counts) for k, n in hits.items() if counts[k.split()[-1]] >= 2
    }
    return spelled[max(scored, key=lambda k: scored[k])] if scored else None


def _capital(phrase: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in phrase.split())


def same_occupation(a: str, b: str) -> bool:
    """Two job titles name one occupation when one's words hold the other's ('Truck Driver' and 'Heavy and
    Tractor-trailer Truck Driver'; 'Accountant' and 'Accountant and Auditor')."""
    x, y = set(terms(a)), set(terms(b))
    return bool(x and y) and (x <= y or y <= x)


def is_kind_of(specific: str, general: str) -> bool:
    """'Heavy and Tractor-trailer Truck Driver' is a kind of 'Truck Driver' (its words hold the other's); a
    broader title is not a kind of a narrower one ('Nursing' is no 'Nursing Manager')."""
    x, y = set(terms(specific)), set(terms(general))
    return bool(y) and y <= x
