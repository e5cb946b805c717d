"""A guide's role as the standard occupation list knows it, in the page's own words (`identify`, `standard_role`).

The title comes from titles.py's reading of the lines; the role is the job title it holds, or, where the
heading names no job ("Canada's Best Jobs 2014", "Programmes", "Sector Spotlight"), the job the page's address
or its prose keeps naming (the workers a page names: coach/ingest/doers.py), checked against ESCO's occupations
(coach/ingest/standard.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from coach.ask.text import STOPWORDS
from coach.ingest.clean import Line, is_labelled_figure
from coach.ingest.doers import (
    NOT_A_TITLE,
    field_name,
    frequent_doer,
    listed_doer,
    names_people,
    page_kind,
    practitioner,
    topic_doer,
    unlisted_doer,
    usual_kind,
)
from coach.ingest.identity import (
    _capital,
    job_phrase,
    place_word,
    role_from_title,
    singular,
    terms,
    word_counts,
)
from coach.ingest.occupations import NOT_MODIFIERS, is_job_title, job_span, page_kind_only
from coach.ingest.place_names import country_adjectives
from coach.ingest.role_clues import (
    address_initials,
    advertised_post,
    as_written,
    headline_job,
    naming_a_thing,
    norm,
    service_member,
    span_head,
    speakers_title,
    spelled_out,
)
from coach.ingest.standard import standard
from coach.ingest.titles import title_from_lines


def _slugs(url: str | None) -> list[str]:
    """The address's path, one segment at a time as words, the last first: "/careers/trades/welder.aspx" ->
    ["welder", "trades", "careers", ""]."""
    if not url:
        return []
    path = re.sub(r"\.(?:aspx?|html?|php|jsp|cfm)$", "", urlsplit(url).path, flags=re.I)
    segments = [re.sub(r"[-_+.]+", " ", p) for p in reversed(path.split("/"))]
    # a section of the site named by page-kind words only ("/career-guide/", "/jobs/") names no job: ""
    return ["" if page_kind_only(p) else p for p in segments]


def identify(
    lines: list[Line],
    name: str,
    hint: str | None = None,
    title: str | None = None,
    role: str | None = None,
    site: str | None = None,
    url: str | None = None,
) -> tuple[str, str, list[Line]]:
    """(title, role, body lines): `title`/`role` from guides.toml win; the line a title came from leaves the body."""
    found, at, mined = (title, None, None) if title else title_from_lines(lines, hint, url=url)
    # a headline the address spells out is the title shown, but a sentence ("A career on the tiles") names the job
    # less plainly than the heading the page would otherwise be read by, which the role is read from
    read_by = (found, at, mined) if title or not url else title_from_lines(lines, hint)
    from_name = _file_title(name, lines)
    found = found or from_name
    plain = read_by[0] or from_name
    headline = plain != found  # the address's headline, where the page would be read by another line
    crumb = re.match(r"(?i)home\W+(.+)$", found)
    slugs = {norm(x) for x in _slugs(url)}
    if crumb and (
        norm(crumb.group(1)) in slugs or any(norm(ln.text) == norm(crumb.group(1)) for ln in lines[:15])
    ):
        # a breadcrumb, "Home Bank Teller", ending in the title the page gives below it or in its address
        found = crumb.group(1)
    # short lines above the title line are the page's header (a sector breadcrumb such as "Admin, HR, legal")
    above = at if at is not None and at <= 3 else 0
    header = [ln for ln in lines[:above] if len(ln.text.split()) <= 6 and not is_labelled_figure(ln.text)]
    body = [ln for i, ln in enumerate(lines) if i != at and not (i < above and lines[i] in header)]
    if at is None and body and norm(body[0].text) == norm(found):
        body = body[1:]  # the page repeats its title as its first line
    if role:
        return found, role, body
    heading = (read_by[2] or plain) if headline else (mined or found)
    chosen = standard_role(role_from_title(heading, site), lines, url, site, heading)
    if len(terms(chosen)) == 1 and (
        kind := usual_kind(chosen, lines, word_counts(lines), [heading, *_slugs(url)])
    ):
        # a bare head ("Agent") of the kind the page names most of the time ("POS agents")
        chosen = role_from_title(_capital(kind), site)
    if (job := headline_job(chosen, body)) is not None:
        # "Minimum pay eludes saltpanning workers": its saltpanning worker, as the body writes it (the heading's
        # other words are no kind of it)
        chosen = role_from_title(job, site)
    if _names_a_place(chosen) and (doer := unlisted_doer(word_counts(lines), lines)):
        # "Lisbon: not enough trammeliers ...": a place is no job; the workers the page keeps naming are
        chosen = role_from_title(_capital(doer), site)
    return found, chosen, body


def _names_a_place(role: str) -> bool:
    """Is the role a place's name or its people's adjective, and no job ("Lisbon", "Peruvian")?"""
    adjectives = country_adjectives()
    return bool(role.split()) and all(
        place_word(w) or w.lower() in adjectives or w in adjectives for w in role.split()
    )


def _file_title(name: str, lines: list[Line]) -> str:
    """The title a file's name gives a page that writes none, less the leading words that neither the page nor
    the standard occupation list uses, and stop words: a site's or country's tag ("ec-banana-worker.txt",
    "govje-firefighter.md", "am-teacher.txt" -> "Banana Worker", "Firefighter", "Teacher")."""
    words = re.sub(r"[-_]+", " ", name.rsplit(".", 1)[0]).split()
    page = [w for ln in lines for w in re.findall(r"[a-z]+", ln.text.lower())]
    said = set(page)
    known = standard().words

    def written(word: str) -> bool:
        """The page writes the word, alone, as two ("sugarcane": "sugar cane") or inside a longer one ("moto":
        "motorcyclists"); read only for the file name's first words, so a long page costs one pass each."""
        if {word, singular(word)} & said:
            return True
        return len(word) >= 4 and (
            any(a + b == word for a, b in zip(page, page[1:], strict=False))
            or any(w.startswith(word) for w in said)
        )

    # a stop word is no job's first word, whatever the page says ("am-teacher.txt": "am" is Armenia's tag); a
    # two-letter word the page never writes is a tag, even where some standard title has it ("re-", "cd-")
    while len(words) > 1 and (
        (first := words[0].lower()) in STOPWORDS
        or not (written(first) or (len(first) > 2 and bool({first, singular(first)} & known)))
    ):
        words = words[1:]
    return " ".join(words).strip().title()


def standard_role(
    role: str, lines: list[Line], url: str | None = None, site: str | None = None, heading: str | None = None
) -> str:
    """The role as a job title the standard occupation list recognises, in the page's own words.

    A role that is a job title already ('Registered Nurse') or the name of a field the page is about
    ('Web Design') stays. A heading that is no job title ('Canada's Best Jobs 2014', 'Medical Assistant
    Salary & Hourly', 'A Career in Motor Mechanic') gives way to the job title found in, in order: the page's
    URL, the heading itself, the job the prose keeps naming, the opening lines; the first whose job noun the
    page repeats wins."""
    if (spelled := spelled_out(role, lines)) is not None:
        return spelled  # "PSW": the page's "personal support worker", whose initials the title is
    counts = word_counts(lines)
    slugs = _slugs(url)
    said = set(terms(role))
    slug_words = set(terms(" ".join(slugs)))
    plain = re.fullmatch(r"[A-Za-z][A-Za-z' -]*", role.strip()) is not None and len(role.split()) <= 4
    filler = {w.lower() for w in role.split()} & (NOT_MODIFIERS | NOT_A_TITLE)
    title_job = job_span(role)
    no_job = not is_job_title(role) and title_job is None  # the heading names no job at all
    if no_job and (spelled := address_initials(slugs, lines)) is not None:
        return spelled  # "GB Resolutions" at /hsw/: the page's "Household Service Workers, or HSWs"
    field_doer = next((d for x in slugs if set(terms(x)) <= said and (d := practitioner(x))), None)
    if field_doer and no_job:
        return role_from_title(_capital(field_doer), site)  # "Interior Design Course" at /interior-design
    if no_job and (topical := topic_doer(role, lines, counts)):
        return role_from_title(_capital(topical), site)  # "tea pluckers" of a page headed "Tea Time"
    if no_job and (post := advertised_post(lines)):
        return role_from_title(post, site)  # "Job Summary" of a vacancy "for the post of Psychiatrist"
    if no_job and (member := service_member(heading or role, lines)):
        return role_from_title(_capital(member), site)  # "St. Lucia Fire Service": its firefighters
    if said and plain and not filler and terms(role)[-1] in slug_words and names_people(role, lines, counts):
        return role  # "Millwright" at /become-a-millwright/, repeated by the page: its job, known to the list or not
    slug_job = next(
        (
            sp
            for sp in (job_span(x) or practitioner(x) or listed_doer(x, counts, said) for x in slugs)
            if sp and not naming_a_thing(sp, lines)
        ),
        None,
    )
    slug_said = set(terms(slug_job)) if slug_job else set()
    # the heading's own job, where the page names it more often than the address's ("Bus driver shortage ..." at
    # /...-latvian-carriers-demand-pay-raises): the address's word is not the job
    title_more = title_job is not None and counts[span_head(title_job)] > counts[span_head(slug_job or "")]
    if slug_job and not said & slug_said and counts[span_head(slug_job)] >= 2 and not title_more:
        # the address names a job the page repeats, the title another word ("Drinks" on /become-a-bartender),
        # in the page's words where the page never writes the address's ("fisheries observers" at /new-crop-observers)
        return role_from_title(_capital(as_written(slug_job, lines)), site)
    if slug_job and said and said < slug_said:
        # the title gives the bare head of the job the address names: "Manager" on /bar-management
        return role_from_title(_capital(slug_job), site)
    if slug_job and slug_said <= said and no_job:
        # the heading says the address's job among words that make no job title ("Steamfitter Trades
        # Qualification and Apprenticeship Act" at /steamfitter/)
        return role_from_title(_capital(slug_job), site)
    if len(said) == 1 and (kind := usual_kind(role, lines, counts, [heading or role, *slugs])):
        return role_from_title(_capital(kind), site)  # "Driver" of a page that keeps saying "bus drivers"
    if is_job_title(role):
        return role
    if field_name(role) and job_span(role) is None:
        # "Event Planning": the page is about a field; its practitioner is the job when the list knows one
        return practitioner(role) or role

    phrase = job_phrase(lines, counts) or ""
    heading_spans = [job_span(t) for t in [*slugs, role, phrase] if t]
    sources_spans = [*heading_spans, *(job_span(ln.text) for ln in lines[:15] if ln.text)]
    # a news page's "Chief Transport Officer, RSTA, Karma Pemba, said": who speaks, not the job it is about
    spans = [sp for sp in sources_spans if sp and not speakers_title(sp, lines)]
    if not spans:
        # "learn the plumbing ... trades": the field the page keeps naming, as its practitioner ("Plumber")
        # ... with the word the heading puts before it where the page writes the two together ("Rubber Tapper")
        doer = frequent_doer(counts, lines)
        return _capital(page_kind(doer, role, lines)) if doer else role
    spans = [sp for sp in spans if not naming_a_thing(sp, lines)] or spans

    def said_times(span: str) -> int:  # how often the page says the span's head word
        return counts[span_head(span) or singular(span.split()[-1]).lower()]

    repeated = [sp for sp in spans if said_times(sp) >= 2]
    if not repeated and (doer := frequent_doer(counts, lines)):
        # a job noun said in passing loses to the worker the page keeps naming
        return _capital(page_kind(doer, role, lines))
    # of the jobs the address, the heading and the prose's subject name, the one the page names most ("carriers" of
    # a headline about the bus drivers it names throughout); the opening lines' jobs after them, in order
    repeated.sort(key=lambda sp: -said_times(sp) if sp in heading_spans else 0)
    best = page_kind((repeated or spans)[0], role, lines)
    if best.islower():
        best = _capital(best)
    return role_from_title(best, site)
