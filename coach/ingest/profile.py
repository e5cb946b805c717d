"""The corpus profile: what a corpus is about, mined from its guides at ingest and stored with the index.

Nothing here is written for one corpus: job titles come from guide roles, pay-table rows and career-ladder
headings; their variants from acronyms the guides define ("Registered nurses (RNs)"); the domain words from
what most guide roles share; the measures (measures.py) from the figures each guide gives; starter questions from
`prompts/starters.toml` filled in with the corpus's own jobs.
"""

from __future__ import annotations

import json
import re
import statistics
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coach.ask.qualifiers import statistics_in
from coach.ingest.aliases import own_names
from coach.ingest.chunk import Chunk, split_units
from coach.ingest.identity import singular, terms
from coach.ingest.measures import measures
from coach.ingest.occupations import is_job_title, job_span
from coach.ingest.places import guide_places
from coach.ingest.records import Record, records
from coach.ingest.sections import Guide
from coach.ingest.standard import standard

_MONEY = re.compile(r"[$€£¥₹]\s?\d")
_ACRONYM = re.compile(r"\b((?:[A-Za-z][a-z'-]+\s+){0,4}[A-Za-z][a-z'-]+)\s*\(([A-Z]{2,6})s?\)")
_CAPTION_WORDS = 6  # a line this short beside a figure or a label can be its caption
_STEPS = re.compile(
    r"how to (become|get)|steps|entry requirements|getting started|get into|career path", re.I
)


# "Quick Facts: Accountants", "How to Become a Plumber", "What Auditors Do": headings about a job, not rungs
_NOT_A_RUNG = re.compile(r"[:?]|^\W*(how|what|why|when|where|who|which|become|becoming|about)\b", re.I)


def _rung_like(heading: str) -> bool:
    """Can a subsection heading be a rung of a career ladder ("Senior Nurse"), rather than a topic about one?"""
    return not _NOT_A_RUNG.search(heading)


@dataclass
class Occupation:
    """A job the corpus covers: a guide's role, a pay-table row or a career-ladder rung."""

    title: str
    head: str  # the noun that makes it a job: "nurse", "director"
    words: list[str]  # its content words, singular
    guides: list[str]  # sources that are about it or give figures for it
    kind: str  # guide | row | tier
    variants: list[str] = field(default_factory=list)


@dataclass
class GuideInfo:
    """What the profile records of one guide."""

    source: str
    title: str
    role: str
    site: str | None
    url: str | None
    modified: str | None
    format: str
    measures: dict[str, int]  # measure -> passages' units that state it
    acronyms: dict[str, str] | None = None  # acronyms the guide defines: {'rn': 'registered nurse'}
    flags: list[dict[str, Any]] = field(default_factory=list)  # lines left out at ingest: line, reason, text
    places: list[str] = field(default_factory=list)  # ISO 3166 codes of where it is about (ingest/places.py)
    occupation: str | None = None  # the standard occupation its role names: "esco:95cda6a9 midwife"
    names: list[str] | None = None  # other names the page gives its job: ['paramedic'] (aliases.py)
    notes: list[str] = field(default_factory=list)  # what ingest could not settle (`coach corpus show` marks)


@dataclass
class Profile:
    """The mined profile of one corpus (`coach corpus profile`)."""

    guides: list[GuideInfo] = field(default_factory=list)
    occupations: list[Occupation] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    domain_words: list[str] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)
    starters: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)  # every labelled figure of every guide (records.py)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        return cls(
            guides=[GuideInfo(**g) for g in data.get("guides", [])],
            occupations=[Occupation(**o) for o in data.get("occupations", [])],
            heads=list(data.get("heads", [])),
            domain_words=list(data.get("domain_words", [])),
            synonyms=dict(data.get("synonyms", {})),
            starters=list(data.get("starters", [])),
            records=[Record(**r) for r in data.get("records", [])],
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Profile:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


def head_of(title: str) -> str:
    """The job noun of a title: 'Director of Nursing' -> 'director', 'Registered Nurse' -> 'nurse'."""
    before_of = re.split(r"\s+(?:of|for|in|at)\s+", title.strip(), maxsplit=1, flags=re.I)[0]
    words = terms(before_of) or terms(title)
    return words[-1] if words else ""


def _place_or_level(subject: str) -> bool:
    """A row named by a place, a level or anything else that names no job ('Perth', 'Senior-level', 'Mining')."""
    return bool(statistics_in(subject, labels=True)) or job_span(subject) is None


def _row_titles(chunks: list[Chunk]) -> dict[str, set[str]]:
    """Subjects of table rows that carry pay figures (a pay table by job title), with their sources."""
    found: dict[str, set[str]] = {}
    for c in chunks:
        for u in split_units(c):
            pay_row = u.kind == "row" and u.subject and len(u.subject.split()) <= 7 and _MONEY.search(u.quote)
            # a row named by a measure ("2022 Median Pay") is a fact, not a job
            if pay_row and u.subject and not any(m.context.search(u.subject) for m in measures().values()):
                if _place_or_level(u.subject):
                    continue  # "Queensland", "Entry-level": where or at what level the guide's job is paid
                found.setdefault(u.subject.strip(), set()).add(c.source)
    return found


def _acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines: 'Registered nurses (RNs)' -> {'rn': 'registered nurse'}."""
    found: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        words, acronym = m.group(1).split(), m.group(2)
        tail = words[-len(acronym) :]
        if len(tail) == len(acronym) and all(
            w[0].lower() == a.lower() for w, a in zip(tail, acronym, strict=True)
        ):
            found.setdefault(acronym.lower(), " ".join(w.lower() for w in tail[:-1] + [singular(tail[-1])]))
    return found


def _starters(infos: list[GuideInfo], templates: dict[str, str], limit: int = 4) -> list[str]:
    """Starter questions, one template per measure a guide gives, spread over the corpus's jobs first; only a
    guide whose role is a job title fills one in (a field's guide, "Web Design", makes no "what does a … earn?")."""
    out: list[str] = []
    jobs = [i for i in sorted(infos, key=lambda i: -len(i.measures)) if is_job_title(i.role)]
    for spread in (True, False):  # each job once, then again where measures are left
        used_roles: set[str] = set()
        for name, template in templates.items():
            for info in jobs:
                if len(out) >= limit:
                    return out
                if (spread and info.role in used_roles) or not info.measures.get(name):
                    continue
                role = info.role if info.role.isupper() else info.role.lower()
                question = re.sub(r"\ba (?=[aeiou])", "an ", template.format(role=role))
                if question in out:
                    continue
                out.append(question)
                used_roles.add(info.role)
                break
    return out


def guide_info(guide: Guide | GuideInfo, chunks: list[Chunk]) -> GuideInfo:
    """What the profile records of one guide, from the guide as parsed (or as recorded before) and its chunks."""
    kinds = measures()
    counts: Counter[str] = Counter()
    for c in chunks:
        previous = ""
        for u in split_units(c):
            text = u.text
            # a stat card's figure and its caption are two short lines ("$61,300" / "Median Annual Salary")
            short = min(len(previous.split()), len(text.split())) <= _CAPTION_WORDS
            pair = f"{previous} {text}" if previous and short else ""
            counts.update(
                name
                for name, m in kinds.items()
                if m.stated_by(c.section, text) or (pair and m.stated_by(c.section, pair))
            )
            previous = text
        if _STEPS.search(c.section):
            counts["steps"] += 1
    if isinstance(guide, GuideInfo):  # a guide kept from the live index: its text lives on in its chunks
        acronyms = guide.acronyms
        if acronyms is None:
            acronyms = _acronyms("\n".join(c.text for c in chunks))
        flags = guide.flags
    else:
        acronyms, flags = _acronyms(guide.clean_text), [f.to_dict() for f in guide.flags]
    names = guide.names if isinstance(guide, GuideInfo) else None
    if names is None:
        text = guide.clean_text if isinstance(guide, Guide) else "\n".join(c.text for c in chunks)
        names = own_names(guide.role, guide.title, guide.url, text)
    g = guide
    if isinstance(g, GuideInfo) and g.places:  # a kept guide's places and occupation are as recorded
        places, occupation = g.places, g.occupation
    else:
        found = standard().resolve(g.role)
        places = guide_places(g.url, g.title, "\n".join(c.text for c in chunks))
        occupation = f"{found.code} {found.label}" if found else None
    return GuideInfo(
        g.source,
        g.title,
        g.role,
        g.site,
        g.url,
        g.modified,
        g.format,
        dict(counts),
        acronyms,
        flags,
        places,
        occupation,
        names=names,
    )


def build_profile(
    guides: Sequence[Guide | GuideInfo],
    chunks: list[Chunk],
    templates: dict[str, str] | None = None,
    synonyms: dict[str, str] | None = None,
) -> Profile:
    """Mine the profile of a corpus from its guides (parsed, or kept from the live index) and their chunks."""
    by_source: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_source.setdefault(c.source, []).append(c)
    infos = [guide_info(g, by_source.get(g.source, [])) for g in guides]

    occupations: dict[str, Occupation] = {}

    def add(title: str, sources: set[str], kind: str) -> None:
        key = " ".join(terms(title))
        if not key:
            return
        occ = occupations.setdefault(key, Occupation(title, head_of(title), terms(title), [], kind))
        occ.guides = sorted(set(occ.guides) | sources)

    for g in guides:
        add(g.role, {g.source}, "guide")
    for title, sources in _row_titles(chunks).items():
        add(title, sources, "row")
    heads = sorted({o.head for o in occupations.values() if o.head})
    for c in chunks:
        leaf = c.section.split(" > ")[-1]
        if " > " in c.section and len(leaf.split()) <= 7 and head_of(leaf) in heads and _rung_like(leaf):
            add(leaf, {c.source}, "tier")

    facts: list[Record] = []
    titles = [o.title for o in occupations.values()]
    for info in infos:
        found = records(by_source.get(info.source, []), info.places, titles)
        facts.extend(found)
        for rec in found:  # a figure a table or field states counts as the guide giving that measure
            if rec.occupation == info.role:
                for name in {rec.measure, "pay"} if rec.measure == "hourly_pay" else {rec.measure}:
                    info.measures[name] = info.measures.get(name, 0) + 1

    _mark_outliers(facts, infos)
    _note_identity(infos, facts, by_source)

    defined: dict[str, str] = {}
    for info in infos:
        defined.update({k: v for k, v in (info.acronyms or {}).items() if k not in defined})
    acronyms = {short: long for short, long in defined.items() if long.split()[-1] in heads}
    for short, long in acronyms.items():
        for occ in occupations.values():
            if " ".join(occ.words).endswith(long):
                occ.variants.append(short)

    # a name one page gives its job, that no other page's role or name uses, is a synonym of its role
    title_words = {w for o in occupations.values() for w in o.words}
    named: dict[str, set[str]] = {}
    for info in infos:
        for name in info.names or []:
            named.setdefault(name, set()).add(info.role.lower())
    own = {name: roles.pop() for name, roles in named.items() if len(roles) == 1 and name not in title_words}

    roles = [set(terms(g.role)) for g in guides]
    shared: Counter[str] = Counter(w for r in roles for w in r)
    job_nouns = Counter(
        o.head for o in occupations.values()
    )  # "manager" heads several titles: a job, not a domain
    domain = sorted(
        w
        for w, n in shared.items()
        if len(roles) >= 2 and n >= max(2, 2 * len(roles) / 3) and job_nouns[w] < 2
    )

    templates = templates if templates is not None else {}
    return Profile(
        guides=infos,
        occupations=sorted(occupations.values(), key=lambda o: (o.kind != "guide", o.title)),
        heads=heads,
        domain_words=domain,
        synonyms={**own, **acronyms, **(synonyms or {})},
        starters=_starters(infos, templates),
        records=facts,
    )


def _note_identity(infos: list[GuideInfo], facts: list[Record], chunks: dict[str, list[Chunk]]) -> None:
    """Mark what ingest could not settle about each guide: a role the standard list does not know, a figure no
    label names, and one occupation's guides about different countries (answered per place)."""
    by_occupation: dict[str, list[GuideInfo]] = {}
    stated_by: dict[str, set[str]] = {}
    for r in facts:
        stated_by.setdefault(r.source, set()).add(r.value)
    for info in infos:
        info.notes = []
        if info.occupation is None and not is_job_title(info.role):
            info.notes.append(
                f"its role '{info.role}' is no occupation of the standard list: check the title, or set the "
                "guide's role in the corpus's guides.toml"
            )
        # one occupation: the same standard occupation, or the same job words where the list knows none
        by_occupation.setdefault(info.occupation or " ".join(terms(info.role)), []).append(info)
        stated = stated_by.get(info.source, set())
        money = [m.group(0) for c in chunks.get(info.source, []) for m in _MONEY_FIGURE.finditer(c.text)]
        unlabelled = [v for v in money if not any(v in s for s in stated)]
        if unlabelled:
            shown = ", ".join(sorted(set(unlabelled))[:3])
            info.notes.append(f"{len(unlabelled)} figure(s) with no label were not recorded ({shown})")
    for same in by_occupation.values():
        countries = {c.split("-")[0] for g in same for c in g.places}
        if len(same) > 1 and len(countries) > 1:
            for g in same:
                g.notes.append(
                    f"one of {len(same)} guides of this occupation about different countries "
                    f"({', '.join(sorted(countries))}): figures are answered for the place asked"
                )


OUTLIER_RATIO = 3.0  # a figure this many times above (or below) the other guides' median is an outlier


def _value(r: Record) -> float:
    return (r.low + r.high) / 2 if r.high else r.low


def _mark_outliers(facts: list[Record], infos: list[GuideInfo]) -> None:
    """Mark each figure far outside what the corpus's guides give for the same job, measure, period and unit (a
    planted "$1,000,000" beside a $67k median; three guides at least): kept, flagged for `coach corpus show
    --flags`, and answered apart from the others, never as a plain disagreement."""
    groups: dict[tuple[str, str, str, str], list[Record]] = {}
    for r in facts:
        if r.measure in ("pay", "hourly_pay", "cost", "jobs", "openings") and _value(r) > 0:
            groups.setdefault((r.occupation.lower(), r.measure, r.period or "", r.unit), []).append(r)
    by_source = {i.source: i for i in infos}
    for info in infos:  # a kept guide's earlier marks are redone against today's corpus
        info.flags = [f for f in info.flags if not str(f.get("reason", "")).startswith("outlier figure:")]
    for same in groups.values():
        # the guides' own medians, one per guide; with fewer than three guides no figure can be told apart
        per_guide: dict[str, list[float]] = {}
        for r in same:
            per_guide.setdefault(r.source, []).append(_value(r))
        if len(per_guide) < 3:
            continue
        median = statistics.median(statistics.median(v) for v in per_guide.values())
        for r in same:
            ratio = _value(r) / median if median else 0.0
            if ratio >= OUTLIER_RATIO or (ratio and ratio <= 1 / OUTLIER_RATIO):
                side = "over" if ratio > 1 else "under"
                r.outlier = (
                    f"{r.value} is {side} {OUTLIER_RATIO:g}x off the {median:,.0f} median of the "
                    f"{len(per_guide)} guides giving {r.occupation} {r.measure}"
                )
                owner = by_source.get(r.source)
                if owner is not None and not any(f.get("text") == r.span for f in owner.flags):
                    owner.flags.append({"line": 0, "reason": f"outlier figure: {r.outlier}", "text": r.span})


_MONEY_FIGURE = re.compile(r"[$€£¥₹₦]\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?!\d)(?!,\d)")


def load_starter_templates(prompts_dir: Path) -> dict[str, str]:
    """`prompts/starters.toml` (measure -> question template); empty when the file is missing."""
    path = prompts_dir / "starters.toml"
    if not path.exists():
        return {}
    return {k: str(v) for k, v in tomllib.loads(path.read_text(encoding="utf-8")).items()}
