"""Understanding a question before retrieval: validation, intent, job titles, refusals and follow-ups."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

from coach.ask.text import CAREER_WORDS, STOPWORDS
from coach.errors import QuestionError
from coach.ingest.identity import is_kind_of
from coach.ingest.profile import measures as _measures

INTENTS: dict[str, tuple[str, ...]] = {
    "salary": (
        "salary",
        "salaries",
        "earn",
        "earns",
        "earning",
        "earnings",
        "pay",
        "paid",
        "pays",
        "compensation",
        "wage",
        "wages",
        "income",
        "median",
        "money",
        "$",
    ),
    "years": ("years", "how long", "timeline", "experience", "months", "how soon", "until", "take to"),
    "growth": (
        "growth",
        "outlook",
        "openings",
        "opening",
        "open",
        "demand",
        "grow",
        "growing",
        "jobs available",
        "projected",
        "hiring",
    ),
    "skills": ("skill", "skills", "abilities", "competencies", "tools", "software", "technologies", "tech"),
    "education": (
        "degree",
        "education",
        "certification",
        "certifications",
        "diploma",
        "college",
        "study",
        "qualifications",
    ),
    "start": (
        "become",
        "start",
        "get into",
        "break into",
        "first job",
        "entry",
        "begin",
        "steps",
        "how do i",
    ),
    "path": (
        "next",
        "promotion",
        "advance",
        "advancement",
        "progress",
        "progression",
        "ladder",
        "path",
        "after",
        "grow into",
    ),
    "pros": (
        "pros",
        "cons",
        "advantages",
        "disadvantages",
        "downsides",
        "benefits",
        "challenges",
        "good",
        "bad",
    ),
    "remote": (
        "remote",
        "home",
        "abroad",
        "international",
        "global",
        "visa",
        "countries",
        "relocate",
        "nomad",
    ),
}
NUMERIC_INTENTS = ("salary", "years", "growth")
# Words added to the retrieval query for each intent, so "what does a lead earn?" finds the salary table.
EXPANSIONS: dict[str, str] = {
    "salary": "salary median pay USD",
    "years": "years experience",
    "growth": "growth outlook openings",
    "path": "career path advance",
    "education": "education degree",
    "start": "how to become",
    "remote": "remote work",
}


def retrieval_query(text: str) -> str:
    """The question with job-title abbreviations spelled out and its intents' key words added."""
    expanded = " ".join(words(text))
    extra = " ".join(EXPANSIONS[i] for i in sorted(intents(text)) if i in EXPANSIONS)
    return f"{text} ({expanded}) {extra}".strip() if extra or expanded != text.lower() else text


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"[a-z0-9$][a-z0-9'+$-]*")


@dataclass(frozen=True)
class GuardRules:
    injection: re.Pattern[str]
    off_task: re.Pattern[str]
    occupations: frozenset[str]
    synonyms: dict[str, str]
    people: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def guard_rules() -> GuardRules:
    data = tomllib.loads(resources.files("coach").joinpath("rules/guard.toml").read_text("utf-8"))
    return GuardRules(
        injection=re.compile("|".join(data["injection"]), re.IGNORECASE),
        off_task=re.compile("|".join(data["off_task"]), re.IGNORECASE),
        occupations=frozenset(data["occupations"]),
        synonyms=dict(data["synonyms"]),
        people=frozenset(data.get("people", [])),
    )


def clean_question(text: str, max_chars: int) -> str:
    """Strip control characters and outer space; refuse empty or overlong questions with a clear message."""
    if not isinstance(text, str):
        raise QuestionError("the question must be text")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise QuestionError(
            "the question is empty: type a question about a career, e.g. 'What does a registered nurse earn?'"
        )
    if len(text) > max_chars:
        raise QuestionError(
            f"the question is {len(text)} characters long; the limit is {max_chars}: shorten it"
        )
    return text


def words(text: str) -> list[str]:
    """Lower-cased word tokens with job-title abbreviations expanded (rep -> representative)."""
    syn = guard_rules().synonyms
    out: list[str] = []
    text = re.sub(r"\bU\.S\.(?:A\.)?", "US", text)  # "U.S." and "US" are one word
    for w in _WORD.findall(text.lower().replace("’", "'")):
        w = w.strip("'-")
        out.extend(syn.get(w, w).split())
    return out


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def intents(text: str) -> set[str]:
    """Which kinds of answer a question wants (salary, years, skills, ...)."""
    lowered = " " + " ".join(words(text)) + " " + (" $" if "$" in text else "")
    found = {
        name
        for name, keys in INTENTS.items()
        if any(f" {k} " in lowered or (k == "$" and "$" in lowered) for k in keys)
    }
    if "pay" in asked_measures(
        text
    ):  # "how much do nurses make a year?" asks for pay in the measures' own words
        found.add("salary")
    return found


_PROCESS = re.compile(
    r"^\W*(how (do|can|should|could|would|will) (i|you|we|one)|how to|what steps|any tips|tips)\b", re.I
)
_QUANTITY = re.compile(r"\bhow (much|many|long|fast|soon)\b", re.I)


# Questions about causes, factors, manner, employers or kinds: "why was demand expected to rise?", "what drives
# growth?", "how are truckers paid?", "which industries have strong demand?", "who employs ...?". They name a
# measure but ask for the reasons or kinds the guides give, not for its figure.
_EXPLAIN = re.compile(
    r"^\W*(?:why\b|how come\b"
    r"|(?:what|which)(?:'s| is| are)? (?:\w+ )?(?:drives?|driving|drove|affects?|affecting|determines?|influences?"
    r"|causes?|causing|factors?|reasons?|explains?)\b"
    r"|(?:what|which) (?:kinds?|types?|sorts?) of\b"
    r"|which \w+ (?:have|has|offer|offers|need|needs|hire|hires|employ|employs)\b"
    r"|who (?:employs?|hires?)\b"
    r"|how (?:are|is|do|does) (?:\S+ ){1,5}(?:paid|compensated)\b)",
    re.I,
)


def explains(text: str) -> bool:
    """Does a question ask why, what drives or affects, how one is paid, or which kinds, rather than how much?"""
    return bool(_EXPLAIN.search(text))


def answer_intents(text: str) -> set[str]:
    """Intents that shape an answer: "how do I negotiate my salary?" asks for a process, not for a figure."""
    found = intents(text)
    if (_PROCESS.search(text) and not _QUANTITY.search(text)) or explains(text):
        found -= set(NUMERIC_INTENTS)
    return found


def _singular(tokens: list[str]) -> list[str]:
    return [t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]


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
        # "Interpreter and Translator" names two jobs: either one names the title
        self.aliases = [(t, toks) for t, toks in zip(self.titles, self.tokens, strict=True)] + [
            (t, set(_singular(content_words(part)))) for t in self.titles for part in _coordinated_jobs(t)
        ]

    def mentioned(self, text: str) -> list[str]:
        """Corpus titles named in `text`, longest first (all their distinctive words appear)."""
        q = set(_singular(content_words(text)))
        found: list[str] = []
        sets: dict[str, set[str]] = {}
        for title, toks in self.aliases:
            distinct = toks - self.generic
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

    def uncovered_occupation(self, text: str, figures: bool = False) -> str | None:
        """A job named in `text` that the corpus does not cover ('software engineer', 'YouTuber'), or None.

        With `figures`, the job must be one the corpus gives figures for (a guide's role, a salary-table row or a
        career-ladder rung): "what does a chief nursing officer earn?" is not answerable from a passing mention.
        """
        occupations = guard_rules().occupations
        if subject := self.unknown_subject(text):
            return subject
        for segment in re.split(r"[,.;:?!()\[\]/]+", text):
            tokens = _singular(words(segment))
            found = self._uncovered_in(tokens, occupations, figures) or self._unknown_role_word(segment)
            if found:
                return found
        return None

    def unknown_subject(self, text: str) -> str | None:
        """The job a question is about, by its place in the sentence ("what does a solicitor earn?", "a dentist's
        salary", "the wage for college lecturers"), when no corpus title holds its head noun: a job the guides
        may mention in passing but do not cover. Job-like heads only (an agent noun or a known job noun)."""
        rules = guard_rules()
        for pattern in _SUBJECT_SLOTS:
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
                if not (head in rules.occupations or _AGENT_NOUN.search(head)) or len(head) < 4:
                    continue
                if head in self.vocabulary or head in self.generic or head in rules.people:
                    continue
                if any(len(w) >= 4 and head.startswith(w) for w in self.vocabulary):
                    continue  # "trucker" is a truck driver: a word of a corpus title, made a person
                if self.mentioned(" ".join(phrase)) or self._listed_with_title(head):
                    continue
                return " ".join([*phrase[:-1], head])
        return None

    def _listed_with_title(self, head: str) -> bool:
        """Does the corpus list `head` beside one of its job titles' heads, as jobs of one guide ("plumbers,
        pipefitters, and steamfitters")? Then the guide covers it; a passing mention ("offices of dentists") does not."""
        heads = {words(t)[-1] for t in self.titles if words(t)}
        alt = "|".join(re.escape(h) for h in sorted(heads))
        if not alt:
            return False
        h = re.escape(head)
        # the corpus text is words only: "plumbers, pipefitters, and steamfitters" reads "plumber pipefitter and"
        listed = re.compile(rf" (?:{alt}) (?:\w+ )?(?:and |or )?{h} | {h} (?:and |or )?(?:{alt}) ")
        return bool(listed.search(self.corpus_text))

    def _unknown_role_word(self, segment: str) -> str | None:
        """'become a YouTuber': the word after 'become a' / 'work as a' that the corpus never uses."""
        match = _ROLE_SLOT.search(segment)
        if not match:
            return None
        word = _singular(words(match.group(1)))
        if word and word[0] not in STOPWORDS and not self._in_corpus(word[0]):
            return word[0]
        return None

    def _in_corpus(self, phrase: str) -> bool:
        return f" {phrase} " in self.corpus_text or f" {phrase}s " in self.corpus_text

    def _uncovered_in(
        self, tokens: list[str], occupations: frozenset[str], figures: bool = False
    ) -> str | None:
        """The first job named in `tokens` whose head noun or modifier+head the corpus does not know."""
        for i, w in enumerate(tokens):
            head = w[:-1] if w.endswith("s") and w[:-1] in occupations else w
            if head not in occupations:
                continue
            if i + 1 < len(tokens) and tokens[i + 1] in self.vocabulary:
                continue  # "specialist dental hygienist": the word qualifies the job named after it
            if i + 1 < len(tokens) and tokens[i + 1] == "to" and not w.endswith("s"):
                continue  # "courses lead to ...": a verb, not the job
            mod = tokens[i - 1] if i > 0 else ""
            if mod in STOPWORDS or mod in NEUTRAL_MODIFIERS or mod in occupations or "-" in mod:
                mod = ""
            if mod in _ASKING_WORDS():
                mod = ""  # "which industry pays pharmacists": the question's verb, not a kind of pharmacist
            phrase = f"{mod} {head}".strip()
            if head not in self.vocabulary and not self._in_corpus(phrase):
                return phrase
            if (  # "sales manager" in a corpus that never says "sales": another job than the one covered
                mod
                and mod not in self.generic
                and "-" not in mod
                and not any(phrase in t.lower() for t in self.titles)
                and not self._in_corpus(phrase)
            ):
                return phrase
            if figures and self.figure_titles:
                with_figures = [set(_singular(content_words(t))) for t in self.figure_titles]
                if not any(
                    head in toks and (not mod or mod in self.generic or mod in toks) for toks in with_figures
                ):
                    return phrase
        return None


@lru_cache(maxsize=1)
def _ASKING_WORDS() -> frozenset[str]:  # noqa: N802 - a constant, built once from the rules
    """The words questions ask for a measure with ("pays", "earn"): never a job's modifier."""
    return frozenset(w for m in _measures().values() for a in m.ask for w in words(a) if w not in STOPWORDS)


_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ent|eer|ive)s?$")


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


_JOB = r"(?P<job>(?:[a-z][\w'-]*\s+){0,2}?[a-z][\w-]*?)"
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
        _JOB + r"'s\s+(?:\w+\s+)?(?:salary|salaries|pay|wages?|income|earnings|job|role|duties|outlook|hours)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:salary|salaries|pay|wages?|earnings|income|outlook|demand|prospects)\s+(?:of|for)\s+(?:an?\s+|the\s+)?"
        + r"(?P<job>(?:[a-z][\w'-]*\s*){1,3})",
        re.I,
    ),
)

_ROLE_SLOT = re.compile(
    r"\b(?:become|becoming|work as|working as|job as|career as)\s+(?:an?\s+)?([A-Za-z][\w-]*)", re.I
)


def is_injection(text: str) -> bool:
    return bool(guard_rules().injection.search(text))


def is_off_task(text: str) -> bool:
    return bool(guard_rules().off_task.search(text))


_FOLLOWUP = re.compile(
    r"^(and|also|what about|how about|what if|then|so|ok|okay|same|but)\b|\b(that|this|it|they|them|there|those|these|such)\b"
    r"|\b(that|this|the same) (stage|level|role|job|position|point)\b",
    re.IGNORECASE,
)


def standalone(question: str, history: list[dict[str, str]], titles: TitleIndex) -> str:
    """Rewrite an elliptical follow-up as a standalone question by carrying the earlier job title and topic forward."""
    previous = [m["content"] for m in history if m.get("role") == "user" and m.get("content", "").strip()]
    if not previous:
        return question
    has_title = bool(titles.mentioned(question))
    own_intents = intents(question)
    elliptical = bool(_FOLLOWUP.search(question)) or len(content_words(question)) <= 3
    if has_title and own_intents:
        return question
    if not elliptical and has_title:
        return question
    carry_title: list[str] = []
    carry_topic: list[str] = []
    filler = {"level", "stage", "role", "position", "one", "about", "next", "instead"}
    # a place in a follow-up ("how about in Scotland?") changes where, not what: it is no topic of its own
    where = {w for m in _PLACE.finditer(question) for w in content_words(m.group(1))}
    own_topic = [
        w
        for w in content_words(question)
        if w not in titles.vocabulary and w not in titles.generic and w not in filler and w not in where
    ]
    for text in reversed(previous):
        if not carry_title and not has_title:
            carry_title = titles.mentioned(text)[:1]
        if not carry_topic and not own_intents and not own_topic:
            topic = [w for w in content_words(text) if w not in titles.vocabulary and w not in titles.generic]
            if intents(text):
                # the measure asked in its own word: "how much do plumbers make?" carries "salary"
                said = [_measures()[m].ask[0] for m in asked_measures(text)[:1]]
                carry_topic = topic[:6] + [w for w in said if w not in topic]
        if (carry_title or has_title) and (carry_topic or own_intents or own_topic):
            break
    extra = " ".join(carry_title + carry_topic).strip()
    if not extra:
        return question
    return f"{question.rstrip()} ({extra})"


# --- measures -------------------------------------------------------------------------------


def asked_measures(text: str) -> list[str]:
    """The measures (coach/rules/measures.toml) a question asks for, in the order the file lists them."""
    return [name for name, m in _measures().items() if m.asked_in(text)]


# --- the question stage ---------------------------------------------------------------------


@dataclass
class Vocabulary:
    """What the question stage knows of the corpus: its jobs (from the corpus profile), their guides and measures."""

    titles: TitleIndex
    synonyms: dict[str, str] = field(default_factory=dict)  # corpus variants: "rn" -> "registered nurse"
    title_guides: dict[str, list[str]] = field(default_factory=dict)  # title (lower) -> sources about it
    title_kind: dict[str, str] = field(default_factory=dict)  # title (lower) -> guide | row | tier
    guide_measures: dict[str, dict[str, int]] = field(default_factory=dict)  # source -> measure -> count
    guide_roles: dict[str, str] = field(default_factory=dict)  # source -> role
    words: frozenset[str] = frozenset()  # every content word of the corpus

    @cached_property
    def job_words(self) -> frozenset[str]:
        """Every word of the corpus's job titles, singular: what a clipped word ('physio') may stand for."""
        return frozenset(w for t in self.titles.titles for w in _singular(content_words(t)))

    def expand(self, text: str) -> str:
        """Spell out the corpus's own variants and clipped job words: 'RN' -> 'registered nurse', 'physio' -> 'physiotherapist'."""
        heads = self.job_words

        def one(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            for form in (low, low[:-1] if low.endswith("s") else low):
                if form in self.synonyms:
                    return self.synonyms[form] + ("s" if form != low else "")
            low = low[:-1] if len(low) > 3 and low.endswith("s") else low
            if len(low) >= 3 and low not in self.words and low not in STOPWORDS:
                clipped = sorted(h for h in heads if h.startswith(low) and len(h) > len(low) + 1)
                if len(clipped) == 1:
                    return clipped[0] + ("s" if word.lower().endswith("s") and not low.endswith("s") else "")
            return word

        return re.sub(r"[A-Za-z][A-Za-z'-]*", one, text)


@dataclass
class Query:
    """A question understood once: everything retrieval and answering read (`Coach` calls `understand` once)."""

    question: str  # as asked, cleaned
    standalone: str  # follow-ups carry the earlier job and topic forward
    expanded: str  # with the corpus's own job words spelled out
    retrieval: str  # what retrieval searches for
    intents: set[str]  # salary, years, growth, skills, education, start, path, pros, remote
    answer_intents: set[
        str
    ]  # intents that shape the answer ("how do I negotiate pay" wants steps, not a figure)
    measures: list[str]  # measures asked for: pay, growth, openings, jobs, education, hours, experience
    occupations: list[str]  # corpus job titles the question names
    sources: list[str]  # guides about those jobs (empty: any guide)
    places: list[str] = field(default_factory=list)  # places a figure is asked for ("in Texas", "in the UK")
    document: str | None = None  # "cover letter" when the question asks the coach to write one
    decline: str | None = None  # injection | refusal | no_measure | no_place, or None
    decline_detail: str = ""  # what is missing, for the refusal message

    @property
    def measure(self) -> str | None:
        return self.measures[0] if self.measures else None

    @property
    def numeric(self) -> bool:
        return asks_figure(self.expanded, self.answer_intents, self.measures)


_PLACE = re.compile(r"\b(?:in|across|for)\s+(?:the\s+)?((?:[A-Z][\w.'-]*)(?:\s+[A-Z][\w.'-]*)*)")


@lru_cache(maxsize=1)
def _place_table() -> dict[str, list[str]]:
    data = tomllib.loads(resources.files("coach").joinpath("rules/places.toml").read_text("utf-8"))
    return {key: [key, *p.get("names", []), *p.get("currency", [])] for key, p in data.items()}


def place_names(place: str) -> list[str]:
    """Every way a guide may name `place`: itself, its other names and its currency (rules/places.toml)."""
    low = place.lower().rstrip(".")
    for names in _place_table().values():
        if any(low == n.lower().rstrip(".") for n in names):
            return names
    return [place]


@lru_cache(maxsize=256)
def place_pattern(place: str) -> re.Pattern[str]:
    """A place's names as words, and its currency sign before a figure ("£14,000" names the UK)."""
    alts = [rf"(?<!\w){re.escape(n)}(?!\w)" if n[:1].isalnum() else re.escape(n) for n in place_names(place)]
    return re.compile("|".join(alts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _write_request() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = tomllib.loads(resources.files("coach").joinpath("rules/requests.toml").read_text("utf-8"))
    write = data["write"]
    return re.compile(write["pattern"], re.IGNORECASE), re.compile(write["advice"], re.IGNORECASE)


def document_request(text: str) -> str | None:
    """The document a question asks the coach to write ("write me a cover letter" -> "cover letter"), if any."""
    request, advice = _write_request()
    m = request.search(text)
    if not m or advice.search(text[: m.start()]):
        return None
    doc = m.group("doc").lower()
    return doc[:-1] if doc.endswith("s") and not doc.endswith("ss") else doc


def places_in(text: str) -> list[str]:
    """The places of rules/places.toml that `text` names (by name or currency), in table order."""
    return [key for key in _place_table() if place_pattern(key).search(text)]


_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
)


def places(text: str, titles: TitleIndex) -> list[str]:
    """Proper names after 'in'/'across'/'for' that are not the corpus's job titles: 'in Texas', 'in the UK'."""
    out = []
    for m in _PLACE.finditer(text):
        name = m.group(1).strip(".'")
        if name.lower() in _MONTH_NAMES:  # "in May 2019" is a date, not a place
            continue
        if name and not titles.mentioned(name) and name.lower() not in {t.lower() for t in titles.titles}:
            out.append(name)
    return out


def _named_sources(vocab: Vocabulary, named: list[str]) -> list[str]:
    return sorted({s for t in named for s in vocab.title_guides.get(t.lower(), [])})


ASKS_FIGURE = re.compile(
    r"^\W*(what(?:'s| is| are| was| were| does| do| did| can| will| would)?|which)\b|\bhow (much|many)\b",
    re.I,
)


def asks_figure(question: str, wants: set[str], measures: list[str]) -> bool:
    """A figure question: a pay/years/growth intent, or a measure with figures asked for ("how many ... jobs")."""
    if explains(question):
        return False
    first = _measures().get(measures[0]) if measures else None
    figure_measure = first is not None and first.figure is not None and bool(ASKS_FIGURE.search(question))
    return bool(wants & set(NUMERIC_INTENTS)) or figure_measure


# "How is physio pay structured?", "Why do nurses earn more?": about pay, but not asking for a figure
_HOW_OR_WHY = re.compile(r"^\W*(how (is|are|was|were|do|does|did|can|could|should|would|will)|why)\b", re.I)


def wants_figure(question: str) -> bool:
    """Does a question ask for a figure: 'how much/many', 'what ...', 'give me the median ...' (not how/why)?"""
    return bool(ASKS_FIGURE.search(question)) or not _HOW_OR_WHY.search(question)


def _missing_measure(vocab: Vocabulary, named: list[str], measures: list[str], question: str) -> str:
    """'pay|Paralegal' when a question asking for a figure names a job none of whose guides give that measure."""
    if not wants_figure(question) or not measures or not named:
        return ""
    measure = measures[0]
    for named_title in named:
        # a narrower kind of the job counts: "Heavy and Tractor-trailer Truck Driver" for "truck drivers"
        for title in [named_title, *(t for t in vocab.titles.titles if is_kind_of(t, named_title))]:
            if vocab.title_kind.get(title.lower()) != "guide":
                return ""  # a pay-table row or ladder rung is a figure already
            if any(
                vocab.guide_measures.get(s, {}).get(measure) for s in vocab.title_guides.get(title.lower(), [])
            ):
                return ""
    return f"{measure}|{named[0]}"


def understand(
    question: str, history: list[dict[str, str]], vocab: Vocabulary, max_chars: int = 2000
) -> Query:
    """Validate, rewrite follow-ups, resolve the jobs named against the corpus, find intents, measures and declines."""
    question = clean_question(question, max_chars)
    expanded_q = vocab.expand(question)
    history = [m for m in history if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
    expanded_history = [{**m, "content": vocab.expand(str(m.get("content", "")))} for m in history]
    standalone_q = standalone(expanded_q, expanded_history, vocab.titles) if history else expanded_q
    found = intents(standalone_q)
    wants = answer_intents(standalone_q)
    # "what drives growth?" asks for reasons: no measure's figure is wanted, nor declined for lack of one
    measures = [] if explains(standalone_q) else asked_measures(standalone_q)
    named = vocab.titles.mentioned(standalone_q)
    # "Accountant and Auditor" names the "Accountant" guide's job too
    parts = {p.lower() for t in named for p in _coordinated_jobs(t)}
    named += [t for t in vocab.titles.titles if t.lower() in parts and t not in named]
    numeric = asks_figure(standalone_q, wants, measures)
    query = Query(
        question=question,
        standalone=standalone_q,
        expanded=standalone_q,
        retrieval=retrieval_query(standalone_q),
        intents=found,
        answer_intents=wants,
        measures=measures,
        occupations=named,
        sources=_named_sources(vocab, named),
        places=places(standalone_q, vocab.titles) if numeric or measures else [],
        document=document_request(question),
    )
    if is_injection(question):
        query.decline = "injection"
    elif is_off_task(question):
        query.decline = "refusal"
    elif unknown := vocab.titles.uncovered_occupation(standalone_q):
        query.decline, query.decline_detail = "refusal", unknown
    elif not (set(content_words(standalone_q)) & vocab.words):
        query.decline = "refusal"
    elif numeric and (missing := _missing_measure(vocab, named, measures, standalone_q)):
        query.decline, query.decline_detail = "no_measure", missing
    elif no_figures := vocab.titles.uncovered_occupation(
        standalone_q, figures=numeric and wants_figure(standalone_q)
    ):
        query.decline, query.decline_detail = "refusal", no_figures
    return query
