"""What the question stage knows of the corpus (`Vocabulary`): its job titles and their guides, measures, places and
standard occupations, and how a question's own words for a job map onto them (synonyms, initials, clipped and
familiar forms, the standard list's titles, the fitted embedding match)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from coach.ask.context_job import context_evidence, context_job
from coach.ask.jobs import TitleIndex
from coach.ask.stems import stem
from coach.ask.text import STOPWORDS
from coach.ask.tokens import _singular, content_words, words
from coach.ask.where import place_names, places
from coach.ingest.occupations import people
from coach.ingest.places import guides_about, named_places
from coach.ingest.standard import standard

# a worker's noun, as job titles end: "mortician", "undertaker", "florist", "chairperson"
_WORKER = re.compile(r"(?:person|man|men|woman|women|er|or|ist|ian|ant|ent)s?$")

# the familiar endings English adds to a clipped word: "brickie", "truckie", "journo" (not "-y": "biology",
# "pharmacy" are fields, not people)
_FAMILIAR = re.compile(r"^([a-z]{4,}?)(?:ie|o)$")


@dataclass
class Vocabulary:
    """What the question stage knows of the corpus: its jobs (from the corpus profile), their guides and measures."""

    titles: TitleIndex
    synonyms: dict[str, str] = field(default_factory=dict)  # corpus variants: "rn" -> "registered nurse"
    title_guides: dict[str, list[str]] = field(default_factory=dict)  # title (lower) -> sources about it
    title_kind: dict[str, str] = field(default_factory=dict)  # title (lower) -> guide | row | tier
    guide_measures: dict[str, dict[str, int]] = field(default_factory=dict)  # source -> measure -> count
    guide_roles: dict[str, str] = field(default_factory=dict)  # source -> role
    guide_places: dict[str, list[str]] = field(default_factory=dict)  # source -> ISO codes of its places
    words: frozenset[str] = frozenset()  # every content word of the corpus
    # standard occupation code -> the corpus job whose guides are about it ("esco:2f5e38a0" -> "Bartender")
    standard_jobs: dict[str, str] = field(default_factory=dict)
    # every corpus job by its cosine with a phrase, nearest first ("cop" -> Police Officer 0.71, ...); None: off
    ranked: Callable[[str], list[tuple[str, float]]] | None = None
    # fitted (coach/ask/decline.json): the cosine from which a job phrase no title holds is that corpus job, and
    # the cosine and lead over the next job from which a question naming no job is about the nearest one
    alias_threshold: float = 1.01
    # fitted: the cosine from which a phrase one standard occupation lists as its title is that corpus job
    listed_threshold: float = 1.01
    # fitted: how many standard occupations list a lone word that is a generic head, no job ("supervisor"); 0: off
    generic_listings: int = 0
    subject_threshold: float = 1.01
    subject_margin: float = 0.0
    # fitted: measures whose absence from a job's counted measures is no reason to decline (decide.py)
    soft_measures: frozenset[str] = frozenset()
    # the guides that speak of a job no title holds where they give what is asked ("NDT inspector ... $3,200
    # to $4,900"): a phrase and the measures asked -> those guides; None: off
    speaking_of: Callable[[str, list[str], str], tuple[list[str], str]] | None = None
    # source -> how often its text writes each stem ("regist": 5): what a guide keeps saying of its job
    stems_of: Callable[[str], Counter[str]] = lambda _source: Counter()
    # (source, measure) -> does its text write a figure of the measure's shape in any words (understand.py)
    writes_figure: Callable[[str, str], bool] = lambda _source, _measure: False
    # fitted (coach/ask/context_job.py): how many words of a question only its nearest job's guides write, and
    # from which cosine, make a job phrase no title holds that job ("apple pickers ... orchards"); 0: off
    context_words: int = 0
    context_cosine: float = 1.01
    _job_stems: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def qualified(self, phrase: str, named: list[str]) -> bool:
        """Is a job phrase no title holds a named corpus job qualified by words that job's guides keep writing,
        each stem twice or more ("casino dealer" of a Dealer guide about Macau's casinos, "registered nurse" of a
        Nurse guide on registering as one)? Then it is that guide's job; a kind the guides do not write ("sales
        manager" of a restaurant's Manager guide) is another job, and so is a phrase the standard list names an
        occupation of its own that no corpus job is ("product manager" of a support manager's guide)."""
        said = [w for w in words(phrase.lower()) if w not in STOPWORDS]
        if len(said) < 2:
            return False
        own = standard().resolve(phrase)
        if own is not None and own.label == " ".join(said) and own.code not in self.standard_jobs:
            return False  # "product manager": the standard list's own name of another occupation than the corpus's
        head = _singular(said[-1:])[0]
        for title in named:
            if _head(title) != head:
                continue
            counts: Counter[str] = Counter()
            for source in self.title_guides.get(title.lower(), []):
                counts.update(self.stems_of(source))
            if all(counts[stem(w)] >= 2 for w in said[:-1]):
                return True
        return False

    def nearest(self, text: str) -> tuple[str, float, float]:
        """The nearest corpus job, its cosine, and how much nearer it is than the next one."""
        return _lead(self.ranked(text) if self.ranked is not None else [])

    def subject(self, question: str) -> tuple[str, float, float]:
        """The corpus job nearest a question that names none, its cosine and lead over the next job, read with the
        places it names left out: "How deep do the gold diggers in Guinea dig?" is about mining, not about the
        Guinea-Bissau cashew farmer's guide its place name alone brings nearest. Where guides are about a place it
        names, the nearest of their jobs, unless the question says the head word of a nearer job, and its lead
        over the next of them."""
        bare = question
        said = named_places(question)
        for name, _code in said:
            bare = re.sub(
                rf"(?i)\b(?:(?:in|of|from|at|for|across)\s+)?(?:the\s+)?{re.escape(name)}\b", " ", bare
            )
        text = bare if bare.strip() else question
        about = guides_about(self.guide_places, [name for name, _code in said])
        local = {t for t, sources in self.title_guides.items() if about & set(sources)}
        if not local or self.ranked is None:
            return self.nearest(text)
        everywhere = self.ranked(text)
        ranked = [(t, c) for t, c in everywhere if t.lower() in local]
        asked = set(_singular(words(text.lower())))
        if not ranked or _head(everywhere[0][0]) in asked - {_head(ranked[0][0])}:
            # the question says the nearest job's own word ("a starting nurse in a Hungarian hospital"): the place
            # does not make it the job of the place's guides (a doctor's)
            return _lead(everywhere)
        # "picking vegetables on a farm in Jordan": of the jobs, the nearest one whose guides are about the place,
        # by its lead over the next of those
        return _lead(ranked)

    def alias(self, phrase: str) -> str | None:
        """The corpus job an unknown job phrase means: the one the standard list files it under ("bar staff" is
        an alternative title of a bartender), else one whose embedding match clears the fitted threshold, unless the
        list names the phrase as an occupation of its own with another head word."""
        if not phrase:
            return None
        found = standard().resolve(phrase)
        if found is not None and found.code in self.standard_jobs:
            return self.standard_jobs[found.code]
        if listed := self.standard_named(phrase):
            return listed
        if kin := self._kin_title(phrase):
            return kin
        if self.ranked is None:
            return None
        title, cosine, _ = self.nearest(phrase)
        own = standard().labelled(" ".join(standard().singular(w).lower() for w in phrase.split()))
        if own is not None and own.code not in self.standard_jobs and _head(title) != _head(phrase):
            # "electrical engineer": the list's own name of an occupation no corpus job is, not another job's
            # other name (an electrician's); a kind of a corpus job ("clinical psychologist") still is that job
            return None
        if cosine >= self.alias_threshold:
            return title
        if self.listed_threshold > 1.0:
            return None  # no cosine can clear it: the standard list is not searched for nothing
        listed = self.listed(phrase)
        return (
            listed
            if listed is not None and self.similarity(phrase, listed) >= self.listed_threshold
            else None
        )

    def _kin_title(self, phrase: str) -> str | None:
        """The one corpus guide's job titled by the head most occupations listing a lone job word are titled by,
        where it is the job nearest the word ("educators" of the Teacher guide: the standard list's educators are
        mostly teachers)."""
        said = [w for w in words(phrase.lower()) if w not in STOPWORDS]
        head = standard().kin_head(_singular(said)[0]) if len(said) == 1 else None
        if head is None or head in people() or head in self.titles.generic:
            return None  # "carers" are mostly "... workers": a word for people, no job's own
        titles = [
            t for t in self.titles.titles if _head(t) == head and self.title_kind.get(t.lower()) == "guide"
        ]
        if len(titles) != 1:
            return None
        # and the corpus job nearest the word by meaning: "headmasters" are mostly "head teachers" to the list, but
        # no Teacher guide's job where the corpus's School Principal is nearer
        return titles[0] if self.ranked is None or self.nearest(phrase)[0] == titles[0] else None

    def context_alias(self, phrase: str, question: str) -> str | None:
        """The corpus job a phrase no title holds means, by the words of the question only that job's guides
        write (context_job.py); None when too few, or off."""
        if self.context_words <= 0:
            return None
        evidence = self.context_of(phrase, question)
        return context_job(evidence, words=self.context_words, cosine=self.context_cosine)

    def context_of(self, phrase: str, question: str) -> tuple[str, float, int]:
        """(nearest job, cosine, how many words of the question only its guides write, its places left out as the
        question stage reads them): what `context_alias` reads, whatever the fitted values (evals/fit_decline.py)."""
        if self.ranked is None:
            return "", 0.0, 0
        return context_evidence(
            phrase,
            question,
            self.nearest,
            self.stems_by_job,
            sorted(set(self.guide_roles.values())),
            self.titles.generic | self.job_words,
            places(question, self.titles),
        )

    def stems_by_job(self, job: str) -> frozenset[str]:
        """Every stem the guides whose role is `job` write (read the first time asked)."""
        if job not in self._job_stems:
            sources = [s for s, role in self.guide_roles.items() if role == job]
            self._job_stems[job] = frozenset(t for s in sources for t in self.stems_of(s))
        return self._job_stems[job]

    def generic(self, phrase: str) -> bool:
        """A lone word so many standard occupations list that it names none ("supervisor", "operator", "agent"):
        no job of its own, so nothing to decline for ("what do supervisors in phlebotomy make?")."""
        return (
            self.generic_listings > 0
            and " " not in phrase.strip()
            and len(standard().listing(phrase)) >= self.generic_listings
        )

    def listed(self, phrase: str) -> str | None:
        """The corpus job of the one standard occupation that lists the phrase among its titles ("barman" ->
        Bartender), or None."""
        found = standard().listing(phrase)
        if len(found) != 1 or found[0].label == phrase.lower() or found[0].code not in self.standard_jobs:
            return None  # none, several ("tiler": a tile fitter's and a roofer's), or the phrase's own occupation
        return self.standard_jobs[found[0].code]

    def standard_named(self, text: str) -> str | None:
        """The corpus job a question names by another of its standard titles ("a mortician": one of the titles of
        the occupation a funeral director's guide is about): the longest phrase ending in a worker's noun that
        the standard list files under occupations of one corpus job only."""
        if not self.standard_jobs:
            return None
        tokens = words(text)
        for n in (3, 2, 1):
            for i in range(len(tokens) - n + 1):
                gram = tokens[i : i + n]
                if gram[0] in STOPWORDS or not _WORKER.search(gram[-1]) or len(" ".join(gram)) < 5:
                    continue
                found = standard().listing(" ".join(gram))
                if not found:
                    # "-men" is the plural of the list's "-man"; a closed compound written open: "bin men" for
                    # the list's "binman"
                    forms = [" ".join(gram), "".join(gram)] if n == 2 else [" ".join(gram)]
                    found = next(
                        (hit for f in forms if (hit := standard().listing(re.sub(r"men$", "man", f)))), []
                    )
                jobs = {self.standard_jobs.get(o.code) for o in found}
                if found and len(found) <= 3 and len(jobs) == 1 and None not in jobs:
                    return jobs.pop()
        return None

    def similarity(self, phrase: str, job: str) -> float:
        """The embedding cosine of a phrase with one corpus job (0 when the embedding match is off)."""
        ranked = self.ranked(phrase) if self.ranked is not None else []
        return next((c for t, c in ranked if t == job), 0.0)

    @cached_property
    def job_words(self) -> frozenset[str]:
        """Every word of the corpus's job titles, singular: what a clipped word ('physio') may stand for."""
        return frozenset(w for t in self.titles.titles for w in _singular(content_words(t)))

    def _clipping_of(self, word: str, job_word: str) -> bool:
        """Is `word` a clipped `job_word` ("physio" of physiotherapist)? Not where the corpus's jobs, ranked by
        meaning, put another job ahead of every job whose title has that word by the fitted margin from which a
        question is about its nearest job: "cops" are no clipped "copper" of a copper miner's guide when the
        police officer's guide is far nearer."""
        ranked = self.ranked(word) if self.ranked is not None else []
        own = [cosine for title, cosine in ranked if job_word in _singular(content_words(title))]
        return not own or ranked[0][1] - max(own) <= max(self.subject_margin, 0.0)

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """The head word of each corpus job title ("teacher" of "Economics Teacher")."""
        return frozenset(_head(t) for t in self.titles.titles)

    @cached_property
    def initials(self) -> dict[str, list[str]]:
        """The initials of each corpus job title ("OT" -> ["Occupational Therapist"])."""
        out: dict[str, list[str]] = {}
        for t in self.titles.titles:
            letters = "".join(w[0] for w in re.findall(r"[A-Za-z]+", t) if w.lower() not in STOPWORDS).upper()
            if len(letters) >= 2:
                out.setdefault(letters, []).append(t)
        return out

    def _initialled(self, word: str, before: str) -> str | None:
        """The corpus job a capitalised abbreviation stands for by its title's initials ("an OT", "RNs"), when one
        title has them and the guides never write the abbreviation themselves; not a place ("in CA", "US")."""
        plural = len(word) > 2 and word.endswith("s") and word[:-1].isupper()
        letters = word[:-1] if plural else word
        if not (2 <= len(letters) <= 4 and letters.isupper()) or letters.lower() in self.words:
            return None
        if _PLACE_BEFORE.search(before) or place_names(letters) != [letters]:
            return None
        titles = self.initials.get(letters, [])
        return titles[0].lower() + ("s" if plural else "") if len(titles) == 1 else None

    def _titles_opening(self, stem: str) -> list[str]:
        """The corpus's job titles one of whose words starts with `stem`."""
        return sorted(t for t in self.titles.titles if any(w.startswith(stem) for w in content_words(t)))

    def expand(self, text: str) -> str:
        """Spell out the corpus's own variants and clipped job words: 'RN' -> 'registered nurse', 'physio' -> 'physiotherapist'."""
        heads = self.job_words

        def one(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            for form in (low, low[:-1] if low.endswith("s") else low):
                if form in self.synonyms:
                    return self.synonyms[form] + ("s" if form != low else "")
            if (initialled := self._initialled(word, text[: m.start()])) is not None:
                return initialled
            low = low[:-1] if len(low) > 3 and low.endswith("s") else low
            plural = "s" if word.lower().endswith("s") and not low.endswith("s") else ""
            # a closed compound the standard list writes open, ending in a corpus title's head word and never
            # written closed by the guides: "schoolteacher" is a "school teacher" of the Teacher guide
            spaced = standard().compounds.get(low)
            if spaced and low not in self.words and _head(spaced) in self.title_heads:
                return spaced + plural
            if len(low) >= 3 and low not in self.words and low not in STOPWORDS:
                clipped = sorted(h for h in heads if h.startswith(low) and len(h) > len(low) + 1)
                if (
                    len(clipped) == 1
                    and clipped[0][len(low) :] not in _INFLECTIONS  # "recruits" are no clipped "recruited"
                    and not _compound_of(low, clipped[0])
                    and self._clipping_of(low, clipped[0])
                    and low not in standard().prose  # "age" is a word of its own, no clipped "agent"
                ):
                    return clipped[0] + plural
            # a familiar form ("brickie", "truckie", "journo"), in the guides' own text or not: its stem opens a
            # word of exactly one job title
            familiar = _FAMILIAR.match(low)
            if familiar and low not in STOPWORDS and low not in heads:
                titles = self._titles_opening(familiar.group(1))
                if len(titles) == 1:
                    return titles[0].lower() + plural
            return word

        return re.sub(r"[A-Za-z][A-Za-z'-]*", one, text)


# endings that make another form of the same word, not a longer word it clips: "recruit" of "Recruited Nurse"
# ("accounts" still reads as the "accounting" of an Accounting Clerk: a field's name, as the titles use it)
_INFLECTIONS = frozenset({"d", "ed", "s", "es"})

_PLACE_BEFORE = re.compile(r"\b(?:in|across|from|to|at)\s+(?:the\s+)?$", re.IGNORECASE)


def _compound_of(word: str, longer: str) -> bool:
    """Is `longer` a compound that opens with the word, not a clipping of it: "ground" + "(s)keeper" (both
    words of the standard list), where "physio" is no word of its own?"""
    known = standard().words
    rest = longer[len(word) :]
    return word in known and any(r in known for r in (rest, rest[1:]) if len(r) >= 3)


def _lead(ranked: list[tuple[str, float]]) -> tuple[str, float, float]:
    """The first of jobs ranked nearest first, its cosine, and how much nearer it is than the next one."""
    if not ranked:
        return "", 0.0, 0.0
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return ranked[0][0], ranked[0][1], ranked[0][1] - second


def _head(title: str) -> str:
    """A job title's head word, singular and lower-cased ("nurse" of "Experienced Nurses"); "" for none."""
    said = _singular(words(title.lower()))
    return said[-1] if said else ""
