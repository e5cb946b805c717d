"""The workers a page names: the job a field's page is about ('plumbing' -> plumber), the worker it keeps
naming, the kind of a bare head it says most ("bus driver" of "Driver"), read by roles.py when a heading names no
job or only a bare head."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import lru_cache

from coach.ask.qualifiers import statistics_in
from coach.ask.text import STOPWORDS
from coach.ingest.clean import Line
from coach.ingest.identity import _SMALL, place_word, singular, terms
from coach.ingest.occupations import _PERSON, job_nouns, people
from coach.ingest.place_names import country_adjectives
from coach.ingest.standard import standard

__all__ = [
    "NOT_A_TITLE",
    "agent",
    "field_name",
    "frequent_doer",
    "listed_doer",
    "names_people",
    "page_kind",
    "practitioner",
    "topic_doer",
    "unlisted_doer",
    "usual_kind",
]


def page_kind(span: str, heading: str, lines: list[Line]) -> str:
    """The job with the word the heading puts before it, when the page keeps writing the two together: the
    "confinement nanny" of a heading about the trade, whose standard title ("nanny") dropped the word. A
    statistic's word ("Average Teacher Salary") qualifies a figure, not the job, and a place's ("Laois Dog Warden")
    where it is done."""
    *rest, head = span.split()
    if len(rest) > 1:
        return span
    one = singular(head)
    forms = "|".join(re.escape(f) for f in {one, one + "s", one + "es", one[:-1] + "ies"})
    job = r"\s+".join([*(re.escape(w) for w in rest), rf"(?:{forms})"])
    m = re.search(rf"\b([A-Za-z][a-z-]{{3,}})\s+{job}\b", heading, re.IGNORECASE)
    if m is None or m.group(1).lower() in _SMALL or statistics_in(m.group(1)) or place_word(m.group(1)):
        return span
    said = re.compile(rf"\b{re.escape(m.group(1))}\s+{job}\b", re.IGNORECASE)
    # the heading's own line (which may run on: "... get paid in South Africa") is no other line saying it
    together = sum(len(said.findall(ln.text)) for ln in lines if heading.strip() not in ln.text)
    return f"{m.group(1)} {span}" if together >= 1 else span


def names_people(role: str, lines: list[Line], counts: Counter[str]) -> bool:
    """Does the page name people by the role, twice or more, with a job noun, a worker's word ('-er', '-ist')
    or a word it also says in the plural ('millwrights install machinery')? A page's heading words ('Sector
    Spotlight') are said again but never of several people."""
    if counts[terms(role)[-1]] < 2:
        return False
    head = singular(role.split()[-1]).lower()
    plural = re.compile(rf"\b{re.escape(head)}(?:s|es)\b", re.I)
    # a worker's ending counts where the word is a real one ('median' ends like 'librarian' but is no person)
    worker = bool(_PERSON.search(head)) and head in standard().words
    return head in job_nouns() or worker or any(plural.search(ln.text) for ln in lines)


def frequent_doer(counts: Counter[str], lines: list[Line]) -> str | None:
    """The worker a page keeps naming, itself or by its field ('beekeepers' twice and 'beekeeping' four
    times): an agent noun the standard list's titles use, or a field's practitioner the list knows
    ('plumbing' -> plumber), named three times or more in all; the most named. A word that only ends like a
    worker ('Higher minimum age', 'Operating in deep waters' read as an operator's field) must head a
    standard title or be said of several people on the page ('beekeepers')."""
    plurals = {w for ln in lines for w in re.findall(r"[a-z]+s\b", ln.text.lower())}
    nouns = job_nouns()

    def person(word: str) -> bool:  # "helps passengers load their luggage": the people served are no worker
        return (
            word not in people()
            and agent(word)
            and (standard().is_noun(word, nouns) or word + "s" in plurals)
        )

    named: Counter[str] = Counter()
    for w, n in counts.items():
        if w in NOT_A_TITLE:
            continue  # "seafaring training": the training's trainee is the job, not its trainer
        field = w[:-3] if w.endswith("ing") else ""
        doers = [practitioner(w) or ""] + [field + end for end in ("er", "or")] if field else [w]
        # a worker the list does not know, said of several people beside its field ("seafarers", "seafaring")
        doer = next(
            (d.lower() for d in doers if d and (person(d.lower()) or (field and d.lower() + "s" in plurals))),
            None,
        )
        if doer:
            named[doer] += n
    best = named.most_common(1)
    return best[0][0] if best and best[0][1] >= 3 else None


def unlisted_doer(counts: Counter[str], lines: list[Line]) -> str | None:
    """The worker a page keeps naming, by a word the standard list may not know ("trammeliers"): a worker's
    ending ('-er', '-or', '-ist', '-ian') on a word of the list or of seven letters or more, written in the plural and
    said three times or more in all, and no people a job serves ("visitors", "passengers") nor a country's
    ("Chileans"); the most named."""
    plurals = {w for ln in lines for w in re.findall(r"[a-z]+s\b", ln.text.lower())}
    named = [
        (n, w)
        for w, n in counts.items()
        if n >= 3
        and re.fullmatch(r"[a-z]{3,}(?:er|or|ist|ian)", w)
        and (len(w) > 6 or w in standard().words)  # "miner" of the list; a word it lacks is no short one
        and w + "s" in plurals
        and w not in people()
        and w not in STOPWORDS
        and w not in NOT_A_TITLE
        and w not in country_adjectives()  # "Chileans work the mines": a people, no job
    ]
    return max(named)[1] if named else None


def topic_doer(heading: str, lines: list[Line], counts: Counter[str]) -> str | None:
    """The workers a heading that names no job is about: a worker's word ('-er', '-or', '-ist', '-ian') the page
    says of several people right after a content word of the heading ("tea pluckers" on a page headed "Tea
    Time"), named three times or more with its work ("plucking"); the most named such pair, or None."""
    topic = {w for w in terms(heading) if len(w) > 2}
    pairs: Counter[tuple[str, str]] = Counter()
    for ln in lines:
        for m in re.finditer(
            r"((?:\b[A-Za-z][a-z-]+\s+){1,3})([a-z]{3,}(?:er|or|ist|ian))s\b", ln.text, re.I
        ):
            before = m.group(1).split()
            k = len(before)  # the heading's words right before the worker ("community health promoters")
            while k > 0 and singular(before[k - 1]).lower() in topic and before[k - 1].lower() not in _SMALL:
                k -= 1
            if k < len(before):
                pairs[(" ".join(before[k:]).lower(), m.group(2).lower())] += 1
    for (topic_words, worker), _ in pairs.most_common():
        # a worker, not a thing ending like one ("offers", "members"): a job noun of the standard list, or a
        # word the page also writes as its work ("plucking")
        work = counts[worker[:-2] + "ing"] if worker.endswith("er") else 0
        if (work or standard().is_noun(worker, job_nouns())) and counts[worker] + work >= 3:
            return f"{topic_words} {worker}"
    return None


def agent(word: str) -> bool:
    """A worker's noun ('beekeeper', 'florist') that some standard occupation's titles use."""
    return bool(re.fullmatch(r"[a-z]{4,}(?:er|or|ist|ian)", word)) and word in standard().words


def listed_doer(slug: str, counts: Counter[str], said: Collection[str] = ()) -> str | None:
    """A one-word address segment that names a worker ('shearer', 'beekeeper'): an agent noun some standard
    occupation lists among its titles, or one the page's title also says ('steamfitter', which the list does not
    know), which the page repeats."""
    word = slug.strip().lower()
    worker = agent(word) or (word in said and bool(re.fullmatch(r"[a-z]{5,}(?:er|or|ist|ian)", word)))
    return word if counts[word] >= 2 and worker else None


def usual_kind(head: str, lines: list[Line], counts: Counter[str], named: Collection[str] = ()) -> str | None:
    """The kind of `head` the page names most of the time ("bus driver" of "Driver"), when it names one kind
    in at least half of the head's mentions, three times or more (or, where its heading or address writes the
    kind, more often than any other kind: "Kurdish Hazelnut Pickers" over "pickers" in the text), and the standard
    list holds that title or the page's heading or address writes it ("POS agents", "rickshaw-puller": a job the
    list does not know), in the page's own letters ("POS Agent")."""
    word = terms(head)[-1]
    kinds: Counter[str] = Counter()
    said_at_all = 0
    for ln in lines:
        said_at_all += len(re.findall(rf"\b{re.escape(word)}(?:s|es)?\b", ln.text.lower()))
        found = re.findall(rf"\b([a-z][a-z]+)[ -]({re.escape(word)}(?:s|es)?)\b", ln.text.lower())
        kinds.update(f"{mod} {word}" for mod, _ in found if mod not in _SMALL and mod not in STOPWORDS)
    if not kinds:
        return None
    kind, n = kinds.most_common(1)[0]
    said = [" " + " ".join(re.findall(r"[a-z]+", t.lower())) + " " for t in named]
    forms = (f" {kind} ", f" {kind}s ", f" {kind}es ")
    headed = any(f in t for t in said for f in forms)  # the page's heading or address writes the kind
    # the kind the heading writes needs no count where the page names no other kind of the head as often
    unrivalled = len(kinds) == 1 or n > kinds.most_common(2)[1][1]
    if not (headed and unrivalled) and (n < 3 or 2 * n < max(counts[word], said_at_all)):
        return None
    if standard().holding({f" {kind} "}):
        return kind
    mod = kind.split()[0]
    if not headed:
        return None
    # as the page writes it: an all-capitals modifier ("POS") keeps its letters; a name's ("British butlers",
    # "Mumbai's") is a kind of person, not of job; a heading's capitals ("Kurdish Hazelnut Pickers") say neither
    written = [
        m.group(1)
        for ln in lines
        if not _title_cased(ln.text)
        for m in re.finditer(rf"(?<![.!?:] )\b({re.escape(mod)})[ -]{re.escape(word)}", ln.text, re.I)
        if m.start() > 0
    ]
    if any(place_word(w) for w in written or [mod.capitalize()]):
        return None  # "Lagos drivers": a place's, not a kind of job ("SIM agents": letters, no place)
    if any(w[0].isupper() and not w.isupper() for w in written):
        return None
    return f"{mod.upper() if written and all(w.isupper() for w in written) else mod} {word}"


def _title_cased(text: str) -> bool:
    """A heading's capitals: most of its longer words begin with one."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def field_name(role: str) -> bool:
    """'Web Design', 'Event Planning': a few words of the job-title vocabulary, none of a heading's filler, that
    the standard list knows as a job or a practitioner's field ('General', 'Programme': no field, however often
    the page says them)."""
    words = role.lower().split()
    vocabulary = standard().words
    if not (0 < len(words) <= 4 and all(w in vocabulary and w not in NOT_A_TITLE for w in words)):
        return False
    return practitioner(role) is not None or standard().resolve(role) is not None


@lru_cache(maxsize=4096)
def practitioner(field: str) -> str | None:
    """The worker of a field, in the field's own words, when the standard list knows that job: 'Event Planning'
    -> 'Event Planner', 'plumbing' -> 'plumber', 'Web Design' -> 'Web Designer', 'Bar Management' -> 'Bar
    Manager', 'Accounting' -> 'Accountant'; None otherwise."""
    words = field.split()
    if not words:
        return None
    last = words[-1]
    low = last.lower()
    stems = [low[:-3], low[:-4]] if low.endswith("ing") else [low[:-4]] if low.endswith("ment") else [low]
    for stem in stems:
        for doer in (stem + "er", stem + "e", stem + "or", stem + "r", stem + "ant"):
            title = " ".join([*words[:-1], doer])
            found = standard().resolve(title)
            if found is not None and f" {doer} " in found.labels:
                return " ".join([*words[:-1], doer.capitalize() if last[0].isupper() else doer])
    return None


NOT_A_TITLE = frozenset(
    ["salary", "salaries", "job", "jobs", "average", "career", "careers", "best", "training"]
)
