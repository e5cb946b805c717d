"""Understanding a question before retrieval: validation, intent, job titles, refusals and follow-ups."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from coach.errors import QuestionError

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "i'm",
        "i've",
        "what's",
        "whats",
        "it's",
        "im",
        "ive",
        "get",
        "got",
        "also",
        "much",
        "many",
        "really",
        "like",
    ]
)
# Words every career question shares; they say nothing about which passage answers it.
GENERIC = frozenset(
    [
        "customer",
        "customers",
        "support",
        "service",
        "career",
        "careers",
        "job",
        "jobs",
        "role",
        "roles",
        "work",
        "guide",
        "guides",
    ]
)

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


@lru_cache(maxsize=1)
def guard_rules() -> GuardRules:
    data = tomllib.loads(resources.files("coach").joinpath("rules/guard.toml").read_text("utf-8"))
    return GuardRules(
        injection=re.compile("|".join(data["injection"]), re.IGNORECASE),
        off_task=re.compile("|".join(data["off_task"]), re.IGNORECASE),
        occupations=frozenset(data["occupations"]),
        synonyms=dict(data["synonyms"]),
    )


def clean_question(text: str, max_chars: int) -> str:
    """Strip control characters and outer space; refuse empty or overlong questions with a clear message."""
    if not isinstance(text, str):
        raise QuestionError("the question must be text")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise QuestionError(
            "the question is empty: type a question about a career, e.g. 'What does a support team lead earn?'"
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
    if _MAKE_MONEY.search(lowered):  # "how much do they make" is about pay; "mistakes they make" is not
        found.add("salary")
    return found


_PROCESS = re.compile(
    r"^\W*(how (do|can|should|could|would|will) (i|you|we|one)|how to|what steps|any tips|tips)\b", re.I
)
_QUANTITY = re.compile(r"\bhow (much|many|long|fast|soon)\b", re.I)


def answer_intents(text: str) -> set[str]:
    """Intents that shape an answer: "how do I negotiate my salary?" asks for a process, not for a figure."""
    found = intents(text)
    if _PROCESS.search(text) and not _QUANTITY.search(text):
        found -= set(NUMERIC_INTENTS)
    return found


_MAKE_MONEY = re.compile(
    r"\b(how much|what)\b(?!.*\b(mistakes?|decisions?|changes?|sense|difference)\b).*\bmake?s?\b|\bmake (a|per) (year|month|hour)\b"
)


def _singular(tokens: list[str]) -> list[str]:
    return [t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]


# Words before a job title that do not change which job it is.
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
    ]
)


@dataclass
class TitleIndex:
    """Job titles the corpus covers (guide roles, salary-table rows, career-ladder tiers), and its text for phrase lookups."""

    titles: list[str] = field(default_factory=list)
    corpus_text: str = ""
    figure_titles: list[str] = field(default_factory=list)  # titles the corpus gives pay or years for

    def __post_init__(self) -> None:
        self.tokens = [set(_singular(content_words(t))) for t in self.titles]
        self.vocabulary = set().union(*self.tokens) if self.tokens else set()

    def mentioned(self, text: str) -> list[str]:
        """Corpus titles named in `text`, longest first (all their distinctive words appear)."""
        q = set(_singular(content_words(text)))
        found = []
        for title, toks in zip(self.titles, self.tokens, strict=True):
            distinct = toks - GENERIC
            if distinct and distinct <= q:
                found.append(title)
        # "senior customer support specialist" names that title, not also "customer support specialist"
        sets = {t: set(_singular(content_words(t))) for t in found}
        specific = [t for t in found if not any(sets[t] < sets[o] for o in found)]
        return sorted(specific, key=lambda t: -len(t))

    def uncovered_occupation(self, text: str, figures: bool = False) -> str | None:
        """A job named in `text` that the corpus does not cover ('software engineer', 'YouTuber'), or None.

        With `figures`, the job must be one the corpus gives figures for (a guide's role, a salary-table row or a
        career-ladder rung): "what does a VP of customer experience earn?" is not answerable from a passing mention.
        """
        occupations = guard_rules().occupations
        for segment in re.split(r"[,.;:?!()\[\]/]+", text):
            tokens = _singular(words(segment))
            found = self._uncovered_in(tokens, occupations, figures) or self._unknown_role_word(segment)
            if found:
                return found
        return None

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
            mod = tokens[i - 1] if i > 0 else ""
            if mod in STOPWORDS or mod in NEUTRAL_MODIFIERS or mod in occupations:
                mod = ""
            phrase = f"{mod} {head}".strip()
            if head not in self.vocabulary and not self._in_corpus(phrase):
                return phrase
            if (
                mod
                and mod not in GENERIC
                and not any(phrase in t.lower() for t in self.titles)
                and not self._in_corpus(phrase)
            ):
                return phrase
            if figures and self.figure_titles:
                with_figures = [set(_singular(content_words(t))) for t in self.figure_titles]
                if not any(
                    head in toks and (not mod or mod in GENERIC or mod in toks) for toks in with_figures
                ):
                    return phrase
        return None


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
    own_topic = [
        w
        for w in content_words(question)
        if w not in titles.vocabulary and w not in GENERIC and w not in filler
    ]
    for text in reversed(previous):
        if not carry_title and not has_title:
            carry_title = titles.mentioned(text)[:1]
        if not carry_topic and not own_intents and not own_topic:
            topic = [w for w in content_words(text) if w not in titles.vocabulary and w not in GENERIC]
            if intents(text):
                carry_topic = topic[:6]
        if (carry_title or has_title) and (carry_topic or own_intents or own_topic):
            break
    extra = " ".join(carry_title + carry_topic).strip()
    if not extra:
        return question
    return f"{question.rstrip()} ({extra})"
