"""The jobs a question names that the corpus does not cover ("what does a solicitor earn?", "become a YouTuber",
"how much do cops make?"): methods of `TitleIndex` (jobs.py), which search its titles, words and text."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from coach.ask.job_slots import (
    AGENT_NOUN,
    BECOME_SLOT,
    FIELD_SLOT,
    NEUTRAL_MODIFIERS,
    ROLE_SLOT,
    SUBJECT_SLOTS,
    agent_verbs,
    asking_words,
    field_doer,
    job_heads,
    listing,
)
from coach.ask.text import STOPWORDS
from coach.ask.tokens import _singular, content_words, guard_rules, words
from coach.ingest.occupations import job_nouns
from coach.ingest.standard import standard


class UncoveredJobs:
    """What `TitleIndex` knows of the corpus's jobs, searched for a job a question names that no guide covers."""

    titles: list[str]
    corpus_text: str
    figure_titles: list[str]
    generic: frozenset[str]
    tokens: list[set[str]]
    vocabulary: set[str]
    head_pattern: str

    def mentioned(self, text: str) -> list[str]:  # TitleIndex's: the corpus titles `text` names
        raise NotImplementedError

    def field_named(self, text: str) -> list[str]:
        """The corpus titles a question names by their field ("is teaching a good career?" of a guide on
        teachers): the titles its worker's noun names; none where the field names no job or the corpus none."""
        doer = _field_worker(text)
        return self.mentioned(doer) if doer else []

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
            said = words(segment)
            found = self._uncovered_in(
                _singular(said), occupations, said, figures
            ) or self._unknown_role_word(segment)
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
        doer = _field_worker(text)
        # "is teaching a good career?": the field's worker is the job asked about
        if (
            doer
            and doer not in self.vocabulary
            and not any(doer.startswith(w) for w in self.vocabulary if len(w) >= 4)
        ):
            return doer
        for pattern in (*SUBJECT_SLOTS, BECOME_SLOT) if known else SUBJECT_SLOTS:
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
                if not (head in rules.occupations or head in standard().heads or AGENT_NOUN.search(head)):
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
                if pattern is BECOME_SLOT:
                    listed = listing(named) or listing(" ".join([*kind, head][-2:]))
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
        for m in SUBJECT_SLOTS[1].finditer(text):
            said = [w for w in words(m.group("job")) if w not in STOPWORDS]
            if len(said) != 1 or text[m.end("job") : m.end("job") + 1].lower() != "s":
                continue  # one word, written in the plural ("cops", not "a cop's" nor "police cars")
            word = said[0].removesuffix("'s").removesuffix("’s")
            if len(word) < 3 or word in self.generic or word in rules.people or self._heard(word):
                continue
            if re.search(rf"\b{re.escape(word.upper())}", text) or any(c in known for c in listing(word)):
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
        match = ROLE_SLOT.search(segment)
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
                and AGENT_NOUN.search(after[0])
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
        if len(mods) == 1 and (verbs := agent_verbs(head)):
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
        self,
        tokens: list[str],
        occupations: frozenset[str],
        said: list[str],
        figures: bool = False,
    ) -> str | None:
        """The first job named in `tokens` (`said`, its words as written, each made singular) whose head noun or
        modifier+head the corpus does not know; named with its modifier as `said` writes it, only the head made
        singular ("fisheries observer", "doubles seller", "customs officer": not "fisherie observer")."""
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
            if mod and (
                (i > 1 and tokens[i - 2] == "to") or (mod.endswith("ing") and not _written_before(mod, head))
            ):
                mod = ""  # "to hire nurses", "keeping nurses": a verb's object, not a kind of the job
            if mod in asking_words() or not (mod in standard().words or f"{mod}s" in standard().words):
                # "which industry pays pharmacists", "compare welders": a verb, not a kind of the job ("fisherie",
                # the singular read of "fisheries", is known as the list writes it)
                mod = ""
            phrase = f"{mod} {head}".strip()
            if mod and i > 1 and any(f"{tokens[i - 2]} {head}" == t.lower() for t in self.titles):
                continue  # "dental lab technician": the corpus's "Dental Technician" with a word between
            named = f"{said[i - 1]} {head}" if mod else phrase
            if head not in self.vocabulary and not self._in_corpus(phrase):
                return named
            if (  # "sales manager" in a corpus that never says "sales": another job than the one covered
                mod
                and mod not in self.generic
                and "-" not in mod
                and not any({mod, head} <= toks for toks in self.tokens)  # "customs officer": 'custom' here
                and not self._in_corpus(phrase)
            ):
                return named
            if figures and self.figure_titles and not self._a_title(phrase):
                # (a job a guide is about is covered: whether it gives the figure is the measure's check)
                with_figures = [set(_singular(content_words(t))) for t in self.figure_titles]
                if not any(
                    head in toks and (not mod or mod in self.generic or mod in toks) for toks in with_figures
                ):
                    return named
        return None

    def _a_title(self, phrase: str) -> bool:
        """Is the phrase, word for word, the title of a corpus job ("fisherie observer": "Fisheries Observer")?"""
        return set(phrase.split()) in self.tokens


def _written_before(word: str, head: str) -> bool:
    """Does the standard list write the word right before the job noun in a title ("nursing assistant")?"""
    return bool(standard().holding({f" {word} {head} ", f" {word} {head}s "}))


def _field_worker(text: str) -> str | None:
    """The worker's noun of the field a question names by its -ing word ("is teaching a good career?": 'teacher')."""
    field = FIELD_SLOT.search(text)
    return field_doer(next(g for g in field.groups() if g).lower()) if field else None
