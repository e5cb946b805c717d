"""The jobs a corpus covers, as a question names them: titles named whole or in part, coordinated titles, and the
jobs a question is about that no guide covers ("what does a solicitor earn?")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from coach.ask.reading import _singular, content_words, guard_rules, words
from coach.ask.text import CAREER_WORDS, STOPWORDS
from coach.ingest.occupations import job_nouns, standard
from coach.ingest.profile import measures as _measures

# Words before a job title that do not change which job it is.
# Words before a job title that qualify the same job (its level, stage or a pay statistic) rather than naming
# another one: "senior nurse", "apprentice electrician", "top-paid paralegal" vs "sales manager".
NEUTRAL_MODIFIERS = frozenset(
    [
        "senior",
        "junior",
        "entry",
        "level",
        "entry-level",
        "new",
        "beginner",
        "beginning",
        "experienced",
        "good",
        "typical",
        "first",
        "usual",
        "average",
        "aspiring",
        "future",
        "current",
        "former",
        "lead",
        "head",
        "chief",
        "apprentice",
        "trainee",
        "graduate",
        "qualified",
        "certified",
        "licensed",
        "median",
        "top",
        "highest",
        "lowest",
        "best",
        "starting",
        "mid",
        "principal",
        "staff",
        # how the job is held, not which job it is: "contract developers", "a freelance copywriter"
        "contract",
        "permanent",
        "freelance",
        "temporary",
        "casual",
        "part-time",
        "full-time",
        "local",
    ]
)


@dataclass
class TitleIndex:
    """Job titles the corpus covers (guide roles, salary-table rows, career-ladder tiers), and its text for phrase lookups."""

    titles: list[str] = field(default_factory=list)
    corpus_text: str = ""
    figure_titles: list[str] = field(default_factory=list)  # titles the corpus gives pay or years for
    generic: frozenset[str] = CAREER_WORDS  # career words plus the corpus's domain words

    def __post_init__(self) -> None:
        self.tokens = [set(_singular(content_words(t))) for t in self.titles]
        self.vocabulary = set().union(*self.tokens) if self.tokens else set()
        # the head words of the titles, as a regex alternation ("plumber|electrician"), for list lookups
        self.head_pattern = "|".join(
            re.escape(h) for h in sorted({words(t)[-1] for t in self.titles if words(t)})
        )
        # "Interpreter and Translator" names two jobs: either one names the title
        self.aliases = [(t, toks) for t, toks in zip(self.titles, self.tokens, strict=True)] + [
            (t, set(_singular(content_words(part)))) for t in self.titles for part in _coordinated_jobs(t)
        ]
        # the words a question must say to name each alias, read once: `mentioned` runs several times a question
        self.naming = [self._naming(toks, title) for title, toks in self.aliases]

    def distinct(self, title: str) -> set[str]:
        """A title's words that name it (singular, beyond the career and domain words): 'registered nurse' of
        "Registered Nurses"; what a question must say to name the title."""
        return self._naming(set(_singular(content_words(title))), title)

    def _naming(self, toks: set[str], title: str) -> set[str]:
        """`toks` beyond the career and domain words; a head among those words ("Tourist Guide") stays where one
        other word would be left to name the job: "tourists" alone is no tourist guide."""
        distinct = toks - self.generic
        said = _singular(content_words(title))
        if (
            len(distinct) == 1
            and said
            and said[-1] in toks
            and said[-1] not in distinct
            and said[-1] in job_nouns()
        ):
            distinct = distinct | {said[-1]}
        return distinct

    def mentioned(self, text: str) -> list[str]:
        """Corpus titles named in `text`, longest first (all their distinctive words appear)."""
        q = set(_singular(content_words(text)))
        found: list[str] = []
        sets: dict[str, set[str]] = {}
        for (title, toks), distinct in zip(self.aliases, self.naming, strict=True):
            if distinct and distinct <= q and title not in found:
                found.append(title)
                sets[title] = toks
        if not found:
            found, sets = self._named_in_part(q)
        # "senior staff nurse" names that title, not also "staff nurse"
        specific = [t for t in found if not any(sets[t] < sets[o] for o in found)]
        return sorted(specific, key=lambda t: -len(t))

    def _named_in_part(self, q: set[str]) -> tuple[list[str], dict[str, set[str]]]:
        """Titles named by their head word and at least one of their other distinctive words, when no title
        is named whole ("tractor-trailer driver" -> "Heavy and Tractor-trailer Truck Driver"); the best-covered only."""
        best, found, sets = 1, [], {}
        for title, toks in self.aliases:
            words = _singular(content_words(title))
            distinct = toks - self.generic
            if not words or words[-1] not in q or words[-1] in self.generic:
                continue
            shared = len(distinct & q)
            if shared > best:
                best, found, sets = shared, [title], {title: toks}
            elif shared == best and best > 1 and title not in found:
                found.append(title)
                sets[title] = toks
        return found, sets

    def uncovered_occupation(
        self, text: str, figures: bool = False, known: frozenset[str] = frozenset()
    ) -> str | None:
        """A job named in `text` that the corpus does not cover ('software engineer', 'YouTuber'), or None.

        With `figures`, the job must be one the corpus gives figures for (a guide's role, a salary-table row or a
        career-ladder rung): "what does a chief nursing officer earn?" is not answerable from a passing mention.
        `known`: the standard codes of the corpus's jobs (`unknown_subject`).
        """
        occupations = job_heads()
        if subject := self.unknown_subject(text, known):
            return subject
        for segment in re.split(r"[,.;:?!()\[\]/]+", text):
            tokens = _singular(words(segment))
            found = self._uncovered_in(tokens, occupations, figures) or self._unknown_role_word(segment)
            if found:
                return found
        return None

    def unknown_subject(self, text: str, known: frozenset[str] = frozenset()) -> str | None:
        """The job a question is about, by its place in the sentence ("what does a solicitor earn?", "a dentist's
        salary", "the wage for college lecturers"), when no corpus title holds its head noun: a job the guides
        may mention in passing but do not cover. Job-like heads only (an agent noun or a known job noun). With
        `known` (the standard codes of the corpus's jobs), also the job one would become ("become a council
        traffic warden") where the standard list files it under occupations none of which is `known`: an
        informal name the list does not know ("a restaurant server") is left to the aliases."""
        rules = guard_rules()
        field = _FIELD_SLOT.search(text)
        doer = _doer(next(g for g in field.groups() if g).lower()) if field else None
        # "is teaching a good career?": the field's worker is the job asked about
        if (
            doer
            and doer not in self.vocabulary
            and not any(doer.startswith(w) for w in self.vocabulary if len(w) >= 4)
        ):
            return doer
        for pattern in (*_SUBJECT_SLOTS, _BECOME_SLOT) if known else _SUBJECT_SLOTS:
            for m in pattern.finditer(text):
                phrase: list[str] = []
                for w in words(m.group("job")):
                    if w in STOPWORDS and phrase:
                        break
                    if w not in STOPWORDS:
                        phrase.append(w)
                if not phrase:
                    continue
                head = _singular(phrase[-1:])[0]
                if not (head in rules.occupations or head in standard().heads or _AGENT_NOUN.search(head)):
                    continue
                if len(head) < 4:
                    continue
                if head in self.generic or head in rules.people:
                    continue
                # "a nurse practitioner" beside the corpus's "Homeopathic Medical Practitioner": another job noun
                # (not a level: "a lead developer" is a developer) before a covered head names another job, from that
                # noun on ("motor coach driver" is a "coach
                # driver", which the standard list may file with the corpus's bus driver)
                other = next(
                    (
                        k
                        for k, w in enumerate(phrase[:-1])
                        if w not in self.vocabulary and w not in NEUTRAL_MODIFIERS and w in job_nouns()
                    ),
                    None,
                )
                other_kind = other is not None
                if head in self.vocabulary and not other_kind:
                    continue
                if not other_kind and any(len(w) >= 4 and head.startswith(w) for w in self.vocabulary):
                    continue  # "trucker" is a truck driver: a word of a corpus title, made a person
                # "an experienced teeth doctor", "new guards": a level is no part of the job's name
                kind = [w for w in phrase[other or 0 : -1] if w not in NEUTRAL_MODIFIERS]
                named = " ".join([*kind, head])
                if self.mentioned(" ".join(phrase)) or self._listed_with_title(named if other_kind else head):
                    continue
                if pattern is _BECOME_SLOT:
                    listed = _listing(named) or _listing(" ".join([*kind, head][-2:]))
                    if not listed or listed & known:
                        continue
                return named
        return None

    def unheard_subject(self, text: str, known: frozenset[str] = frozenset()) -> str | None:
        """People a question puts where its subject goes, in the plural, by a word the corpus never uses and
        that is no title word misspelt ("how much do cops make?" of guides that never say "cop"): a job no guide
        covers, whatever the word. None where the subject is a word the corpus uses, people in general, or a title
        the standard list files under an occupation of `known` (the codes of the corpus's jobs: "maids")."""
        rules = guard_rules()
        # "do/does ... <subject> make/earn/get ...": the verb's subject
        for m in _SUBJECT_SLOTS[1].finditer(text):
            said = [w for w in words(m.group("job")) if w not in STOPWORDS]
            if len(said) != 1 or text[m.end("job") : m.end("job") + 1].lower() != "s":
                continue  # one word, written in the plural ("cops", not "a cop's" nor "police cars")
            word = said[0].removesuffix("'s").removesuffix("’s")
            if len(word) < 3 or word in self.generic or word in rules.people or self._heard(word):
                continue
            if re.search(rf"\b{re.escape(word.upper())}", text) or any(c in known for c in _listing(word)):
                continue  # an acronym ("PCSOs": its own decline names it); a title of a corpus job's occupation
            return word
        return None

    def _heard(self, word: str) -> bool:
        """Does the corpus use `word` (singular), or is it a title word misspelt ("nurce")?"""
        return self._in_corpus(word) or any(
            SequenceMatcher(None, word, w).ratio() >= 0.8 for w in self.vocabulary
        )

    def _listed_with_title(self, head: str) -> bool:
        """Does the corpus list `head` beside one of its job titles' heads, as jobs of one guide ("plumbers,
        pipefitters, and steamfitters")? Then the guide covers it; a passing mention ("offices of dentists") does not."""
        alt = self.head_pattern
        if not alt:
            return False
        h = re.escape(head)
        # the corpus text is words only: "plumbers, pipefitters, and steamfitters" reads "plumber pipefitter and"
        listed = re.compile(rf" (?:{alt}) (?:\w+ )?(?:and |or )?{h} | {h} (?:and |or )?(?:{alt}) ")
        return bool(listed.search(self.corpus_text))

    def _unknown_role_word(self, segment: str) -> str | None:
        """'become a YouTuber': the word after 'become a' / 'work as a' that the corpus never uses, with the worker's
        noun after it ('become a bug exterminator')."""
        match = _ROLE_SLOT.search(segment)
        if not match:
            return None
        word = _singular(words(match.group(1)))
        if (
            word
            and word[0] not in STOPWORDS
            and word[0] not in guard_rules().people
            and not self._in_corpus(word[0])
        ):
            # "become a bug exterminator": the worker's noun after it is part of the job's name
            after = _singular(words(match.group(2) or ""))
            if (
                after
                and _AGENT_NOUN.search(after[0])
                and after[0] not in STOPWORDS
                and after[0] in standard().words
            ):
                return f"{word[0]} {after[0]}"
            return word[0]  # not "become someone who ...": a person, no job
        return None

    def _in_corpus(self, phrase: str) -> bool:
        if f" {phrase} " in self.corpus_text or f" {phrase}s " in self.corpus_text:
            return True
        *mods, head = phrase.split()
        if len(mods) == 1 and (verbs := _agent_verbs(head)):
            # "english teacher" of a corpus that says "teaching English", "taxi driver" of one that says "drive
            # taxis", "secondary teacher" of one that says "teach at the Secondary Level"
            done = "|".join(re.escape(v) for v in verbs)
            kind = re.escape(mods[0])
            if re.search(
                rf" (?:{done})(?:s|es|ed|ing)? (?:(?:at|in|on) )?(?:the |a |an )?{kind}s? ", self.corpus_text
            ):
                return True
        # "trek porters" of a corpus that says "trekking porters": the kind said with another ending
        return (
            len(mods) == 1
            and len(mods[0]) >= 4
            and bool(re.search(rf" {re.escape(mods[0])}[a-z]{{1,5}} {re.escape(head)}s? ", self.corpus_text))
        )

    def _uncovered_in(
        self, tokens: list[str], occupations: frozenset[str], figures: bool = False
    ) -> str | None:
        """The first job named in `tokens` whose head noun or modifier+head the corpus does not know."""
        for i, w in enumerate(tokens):
            head = w[:-1] if w.endswith("s") and w[:-1] in occupations else w
            if head not in occupations:
                continue
            nxt, then = (tokens[i + 1 : i + 3] + ["", ""])[:2]
            if nxt in self.vocabulary or (nxt not in STOPWORDS and then in self.vocabulary):
                continue  # "specialist dental hygienist", "master craft decorator": it qualifies the job after it
            if i + 1 < len(tokens) and tokens[i + 1] in ("to", "into", "onto") and not w.endswith("s"):
                continue  # "courses lead to ...", "apprenticeships lead into payroll": a verb, not the job
            if {"who", "that", "which"} & set(tokens[max(0, i - 2) : i]):
                continue  # "a clinician who assists doctors": the people a job serves, not the job asked about
            mod = tokens[i - 1] if i > 0 else ""
            if i > 1 and tokens[i - 2] == "of":
                mod = ""  # "Ministry of Health nurse training": the word closes a name before the job, no kind of it
            if mod in STOPWORDS or mod in NEUTRAL_MODIFIERS or mod in occupations or "-" in mod:
                mod = ""
            if mod in _asking_words() or not (mod in standard().words or f"{mod}s" in standard().words):
                # "which industry pays pharmacists", "compare welders": a verb, not a kind of the job ("fisherie",
                # the singular read of "fisheries", is known as the list writes it)
                mod = ""
            phrase = f"{mod} {head}".strip()
            if mod and i > 1 and any(f"{tokens[i - 2]} {head}" == t.lower() for t in self.titles):
                continue  # "dental lab technician": the corpus's "Dental Technician" with a word between
            if head not in self.vocabulary and not self._in_corpus(phrase):
                return phrase
            if (  # "sales manager" in a corpus that never says "sales": another job than the one covered
                mod
                and mod not in self.generic
                and "-" not in mod
                and not any({mod, head} <= toks for toks in self.tokens)  # "customs officer": 'custom' here
                and not self._in_corpus(phrase)
            ):
                return phrase
            if figures and self.figure_titles and not self._a_title(phrase):
                # (a job a guide is about is covered: whether it gives the figure is the measure's check)
                with_figures = [set(_singular(content_words(t))) for t in self.figure_titles]
                if not any(
                    head in toks and (not mod or mod in self.generic or mod in toks) for toks in with_figures
                ):
                    return phrase
        return None

    def _a_title(self, phrase: str) -> bool:
        """Is the phrase, word for word, the title of a corpus job ("fisherie observer": "Fisheries Observer")?"""
        return set(phrase.split()) in self.tokens


@lru_cache(maxsize=1)
def _asking_words() -> frozenset[str]:
    """The words questions ask for a measure with ("pays", "earn"): never a job's modifier."""
    return frozenset(w for m in _measures().values() for a in m.ask for w in words(a) if w not in STOPWORDS)


_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ent|eer|ive)s?$")


def _agent_verbs(noun: str) -> list[str]:
    """The verbs an agent noun may be made from: 'teacher' -> teach, 'driver' -> drive, 'cutter' -> cut."""
    if len(noun) < 6 or not noun.endswith(("er", "or")):
        return []
    stem = noun[:-2]
    out = [stem, stem + "e"]
    if len(stem) > 3 and stem[-1] == stem[-2]:
        out.append(stem[:-1])  # "cutter" -> cut, "tapper" -> tap
    return out


@lru_cache(maxsize=1)
def job_heads() -> frozenset[str]:
    """Head nouns that make a word in a question a job: guard.toml's, and the standard list's (ESCO) that read
    as a person doing something ('welder', 'bricklayer'); the standard's other heads ('midwife', 'astronaut')
    count where the question's grammar makes the word its subject (`unknown_subject`)."""
    rules = guard_rules()
    return rules.occupations | frozenset(
        h for h in standard().heads if _AGENT_NOUN.search(h) and h not in rules.people
    )


def _coordinated_jobs(title: str) -> list[str]:
    """The jobs of a coordinated title when every part ends in a job noun: 'Accountant and Auditor' -> both;
    not 'Heavy and Tractor-trailer Truck Driver' ('Heavy' is no job)."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", title) if p.strip()]
    if len(parts) < 2:
        return []
    occupations = guard_rules().occupations
    last = [_singular(words(p))[-1:] for p in parts]
    if all(w and (w[0] in occupations or _AGENT_NOUN.search(w[0])) for w in last):
        return parts
    return []


# where a question names a field of work as the career it asks about: "is teaching a good career?", "a career
# in nursing", "getting into plumbing"
_FIELD_SLOT = re.compile(
    r"\b(?:(?:is|are)\s+([a-z]{4,}ing)\s+(?:an?\s+)?(?:\w+\s+)?(?:career|job|profession)"
    r"|careers?\s+in\s+([a-z]{4,}ing)|get(?:ting)?\s+into\s+([a-z]{4,}ing))\b",
    re.I,
)


def _doer(field: str) -> str | None:
    """The worker of a field named by its -ing word, when the standard list's job nouns know it: 'teaching' ->
    'teacher', 'nursing' -> 'nurse', 'plumbing' -> 'plumber'; None otherwise ('training' of no job noun)."""
    stem = field[:-3]
    heads = job_heads() | standard().heads
    return next((d for d in (stem + "er", stem + "e", stem + "or", stem + "ist") if d in heads), None)


_JOB = r"(?P<job>(?:[a-z][\w'-]*\s+){0,3}?[a-z][\w-]*?)"
# Where a question names the job it is about: its subject before a verb, a possessive, or after "salary for".
_SUBJECT_SLOTS = (
    # a follow-up naming only a job: "and nurse practitioners?", "what about lawyers?"
    re.compile(
        r"^\W*(?:and|or|what about|how about)\s+(?:an?\s+|the\s+)?"
        + r"(?P<job>(?:[a-z][\w'-]*\s+){0,2}[a-z][\w-]*)\s*[?.!]*\s*(?:\(|$)",
        re.I,
    ),
    re.compile(
        r"\b(?:do|does|did|can|could|will|would|should|are|is|were|was)\s+(?:an?\s+|the\s+|most\s+|many\s+)?"
        + _JOB
        + r"s?\s+(?:\w+ly\s+)?(?:make|earn|get|do|need|work|take|require|treat|use|paid|compensated)\b",
        re.I,
    ),
    re.compile(
        _JOB
        + r"'s\s+(?:\w+\s+)?(?:salary|salaries|pay|wages?|income|earnings|job|role|duties|outlook|hours)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:salary|salaries|pay|wages?|earnings|income|outlook|demand|prospects)\s+(?:of|for)\s+(?:an?\s+|the\s+)?"
        + r"(?P<job>(?:[a-z][\w'-]*\s*){1,3})",
        re.I,
    ),
)
# the words before the job one would do: "become a", "work as a"
_BECOMING = r"become|becoming|work as|working as|job as|career as"
# the job one would become: "how do I become a council traffic warden in Lusaka?" (a job the standard list names,
# and files under no occupation of the corpus's jobs: `unknown_subject`)
_BECOME_SLOT = re.compile(
    rf"\b(?:{_BECOMING}|train as|training as)\s+(?:an?\s+)?"
    + _JOB
    + r"(?=\s+(?:in|at|for|with|and|or|who|if|after|before|on|from|to|by)\b|\s*[?.!,;:()]|\s*$)",
    re.I,
)

_ROLE_SLOT = re.compile(
    rf"\b(?:{_BECOMING})\s+(?:an?\s+)?([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?",
    re.I,
)


def _listing(word: str) -> set[str]:
    """The codes of the standard occupations that list `word` among their titles ("maid": a domestic cleaner's)."""
    return {o.code for o in standard().listing(word)}
