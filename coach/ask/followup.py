"""Follow-ups: which earlier turns a question leans on, and how it is rewritten to stand on its own.

A follow-up inherits the job and topic of earlier turns only where it names none of its own; a question that
names a job or a new topic starts from itself; "Different question: ..." starts anew (`_SWITCH`); a bare
follow-up with nothing to follow is one `needs_context` finds."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from coach.ask.jobs import TitleIndex
from coach.ask.measures_asked import ASKS_DURATION, PAY_MEASURES, asked_measures
from coach.ask.qualifiers import statistics_in
from coach.ask.reading import intents
from coach.ask.tokens import _singular, content_words
from coach.ask.vocabulary import Vocabulary
from coach.ask.where import PLACE_NAME
from coach.ingest.measures import measures as _measures

__all__ = ["SWITCH", "conversation", "needs_context", "new_subject", "standalone"]

# how a follow-up that names a job still leans on the turn before: "and for a manager?", "what about nurses?"
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b", re.IGNORECASE)
_LEADS_ON = re.compile(r"^\s*(?:and|also|what about|how about|same for|then|or|but|for)\b", re.IGNORECASE)
# "for" opening a question of its own: "for how long ...?", "for a welder in Perth, what ...?" ("for seniors?" leads on)
_OWN_FOR = re.compile(
    r"^\s*for\s+(?:[^,?]{3,80},\s*)?(?:how|what|which|who|when|where|why|is|are|do|does|can|should)\b", re.I
)


def needs_context(question: str) -> bool:
    """A first message that only makes sense after another ("and at senior level?", "how much do they earn?").
    A longer one says what its "they" are itself ("someone measuring up land ... if they're full-time")."""
    return bool(
        (_LEADS_ON.match(question) and not _OWN_FOR.match(question))
        or (
            re.search(r"\b(?:they|them|that (?:job|role|level)|this (?:job|role|level))\b", question, re.I)
            and len(content_words(question)) <= _ELLIPTICAL_WORDS
        )
    )


# "how much do they earn?" has two content words; "do people in surveying ... are they?" nine
_ELLIPTICAL_WORDS = 4


def standalone(
    question: str,
    history: list[dict[str, str]],
    titles: TitleIndex,
    carry_words: Callable[[], bool] | None = None,
) -> str:
    """Rewrite an elliptical follow-up as a standalone question by carrying the earlier job title and topic forward;
    where the earlier turn named its job by no title, its own words, if `carry_words` (asked only then) allows."""
    previous = [m["content"] for m in history if m.get("role") == "user" and m.get("content", "").strip()]
    if not previous:
        return question
    # a question naming a job of its own, covered or not ("what does an astronaut earn?"), is about that job
    has_title = bool(titles.mentioned(question)) or bool(titles.uncovered_occupation(question))
    # what the follow-up asks in its own words, an intent or a measure ("and how many of those jobs are there?")
    own_asks = intents(question) | set(asked_measures(question))
    # "and once I've got a few years of experience?" after a pay question: a level of the earlier figure
    level = (
        bool(own_asks)
        and own_asks <= {"years", "experience"}
        and not ASKS_DURATION.search(question)
        and bool(PAY_MEASURES & set(asked_measures(previous[-1])))
    )
    if level:
        own_asks = set()
    if has_title and (own_asks or not _LEADS_ON.match(question)):
        return question  # a new topic starts from itself: nothing of the earlier turns is carried
    carry_title: list[str] = []
    carry_topic: list[str] = []
    filler = {"level", "stage", "role", "position", "one", "ones", "about", "next", "instead"}
    # "and once I'm senior?" after a graduate's pay: the follow-up's own level replaces the earlier one
    own_level = bool(statistics_in(question))
    # a place in a follow-up ("how about in Scotland?") changes where, not what: it is no topic of its own
    where = {w for m in PLACE_NAME.finditer(question) for w in content_words(m.group(1))}
    own_topic = [
        w
        for w, one in zip(content_words(question), _singular(content_words(question)), strict=True)
        if one not in titles.vocabulary
        and w not in titles.generic
        and w not in filler
        and w not in where
        and not statistics_in(w)  # "and the bottom 10 percent?": a level of the earlier figure, no topic
        and not w.isdigit()
        and w not in ("percent", "level")
        and not level
    ]
    for text in reversed(previous):
        if not carry_title and not has_title:
            carry_title = titles.mentioned(_POSSESSIVE.sub("", text))[:1]  # "a photographer's hours"
        if not carry_topic and not own_asks and not own_topic:
            said_words = content_words(text)
            topic = [
                w
                for w, one in zip(said_words, _singular(said_words), strict=True)
                if one not in titles.vocabulary
                and w not in titles.generic  # "carpenters" is a title's word
                and not (own_level and statistics_in(w))
            ]
            if intents(text):
                # the measure asked in its own word: "how much do plumbers make?" carries "salary"
                said = [_measures()[m].ask[0] for m in asked_measures(text)[:1]]
                # a level follow-up carries the measure, not the earlier level ("new plumbers")
                carry_topic = said if level else topic[:6] + [w for w in said if w not in topic]
        if (carry_title or has_title) and (carry_topic or own_asks or own_topic):
            break
    if carry_title and not has_title:
        # "and a director?" after a bank clerk's pay, where the corpus's "Director of Retail Banking" needs the words
        # the earlier job said: the follow-up's own job, completed by them, not the earlier one
        carry_title = _completed(question, carry_title[0], titles) or carry_title
    if not carry_title and not has_title and _elliptical(question) and (carry_words is None or carry_words()):
        # the earlier turn named its job by no corpus title or name the corpus knows ("cane cutters", "a tuktuk
        # driver"): its own words, as written, are carried (its job phrase, its place), so an elliptical follow-up
        # ("and when do they finish?") is read about what that turn was about; not what it asked, where the
        # follow-up asks its own ("start" of "what time do they start?")
        leave = titles.generic | set(content_words(question))
        carry_title = [w for w in _own_words(previous[-1], leave) if not (own_asks and _asks(w))]
    extra = " ".join(dict.fromkeys(carry_title + carry_topic)).strip()
    if not extra:
        return question
    return f"{question.rstrip()} ({extra})"


def _completed(question: str, earlier: str, titles: TitleIndex) -> list[str]:
    """The corpus title a follow-up names by a word of its own that the earlier job's words complete ("a director"
    of "Director of Retail Banking" after "Retail Banking Clerk"); none where it says no word of another."""
    own = set(_singular(content_words(question))) - titles.distinct(earlier)
    return [
        t for t in titles.mentioned(f"{question} {earlier}") if t != earlier and titles.distinct(t) & own
    ][:1]


def _own_words(text: str, leave: set[str] | frozenset[str]) -> list[str]:
    """A turn's content words as it wrote them ("Fiji" keeps its capital), but for those in `leave`."""
    said = set(content_words(text))
    return [w for w in _WRITTEN.findall(text) if w.lower() in said and w.lower() not in leave][
        :_CARRIED_WORDS
    ]


_WRITTEN = re.compile(r"[^\W_][\w'’-]*")
_CARRIED_WORDS = 8
# a follow-up that leans on what came before: it opens on it ("and ...", "what about ..."), says it by a pronoun
# ("when do they finish?"), or says too little to stand alone ("what's the middle figure?")
_ANAPHOR = re.compile(r"\b(?:they|them|their|he|she|his|her|him|it|its|that|those|this|these|there)\b", re.I)


def _elliptical(question: str) -> bool:
    return bool(
        _LEADS_ON.match(question)
        or _ANAPHOR.search(question)
        or len(content_words(question)) <= _ELLIPTICAL_WORDS
    )


def _asks(word: str) -> bool:
    """Is a word one that asks for something (a measure or an intent: "earn", "cost", "start")?"""
    return bool(asked_measures(word) or intents(word))


SWITCH = re.compile(
    # after an opening interjection too: "OK, different idea: ..."
    r"^\W*(?:(?:ok|okay|so|right|alright|well|hmm|but)\W+)?"
    r"(?:(?:a |on a )?(?:different|another|new|unrelated|separate) (?:question|topic|idea|subject|thing)"
    r"|(?:switching|changing) (?:topics?|subjects?|gears)|(?:forget|never ?mind)\b[^.?!,:;]{0,30}[.,:;!])",
    re.IGNORECASE,
)


# a plural noun where a question puts its subject: "what about sparkies", "what do paramedics earn"
# ("and what's ...": a contraction is no plural)
_NOUN_SLOT = re.compile(r"\b(?:about|for|do|are|the|of|with|as|and)\s+([a-z][a-z'-]{3,}(?<!['’])s)\b", re.I)


def new_subject(question: str, vocab: Vocabulary) -> bool:
    """Does a follow-up bring a plural noun the corpus never uses ("what about sparkies?")? A subject of its own,
    perhaps another job by a name the guides do not know: the earlier job is not carried onto it."""
    plural = [w.lower() for w in _NOUN_SLOT.findall(question) if not w.lower().endswith("ss")]
    return any(w not in vocab.words and not set(_singular([w])) & vocab.words for w in plural)


def conversation(history: list[Any] | None) -> list[dict[str, str]]:
    """The user and assistant turns of a history; anything else a client sent is left out."""
    return [m for m in (history or []) if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
