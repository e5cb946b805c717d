"""Names the guides never write: an abbreviation a question asks about ("the CDL test", "a DBS check", "the SCAQ
programme") that none of the guides it can be answered from writes, neither as such nor spelled out ("BLS" for
"Bureau of Labor Statistics"). No passage can say what such a thing costs, takes or requires, so the coach
declines instead of answering from whatever figure retrieval found closest (another exam's fee, another
licence's cost). Job abbreviations the question stage already read as a corpus job ("an OT", "RNs") and places
("WA", "BC") are not names of this kind. So is a proper name a figure question qualifies its figure with
("earn around Eid", "what does Marriott pay") that the job's guides never write (`unwritten_name`). Where some
guides do write a name asked about, the answer comes from them only (`Written.writers`, `name_writers`, read by
the gathering stage)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from coach.ask.text import STOPWORDS
from coach.ingest.chunk import Chunk
from coach.ingest.cities import common_words

__all__ = ["Written", "name_writers", "unwritten_name"]

# three to eight letters, digits or "&" with three capitals at least, a plural "s" left out: "CDL", "NVQ",
# "GCSEs", "MBLEx", "CompTIA". Two capitals are too often a word ("OK"), a place ("WA") or a job's initials ("RN")
# to tell a thing's name
_ABBREVIATION = re.compile(r"\b(?=(?:[a-z0-9&]*[A-Z]){3})([A-Z][A-Za-z0-9&]{2,7}?)s?\b")
# a run of capitalised words, small words between them: "Bureau of Labor Statistics", "Office of the DPP"
_PHRASE = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:(?:of|and|for|the|in|&)\s+)*[A-Z][\w'-]*)+")
_SMALL = frozenset(["of", "and", "for", "the", "in", "&"])
# a proper name after a question's first word: "Eid", "Marriott", "British Army" (not a sentence's first word)
_NAME = re.compile(r"(?<!^)(?<![.?!] )\b([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})*)\b")


class Written:
    """What each guide writes: its text, and the initials of its capitalised phrases (read once per guide)."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self._chunks: dict[str, list[str]] = {}
        for c in chunks:  # a guide's title is its own words too ("Storeperson at Kestrel Logistics")
            self._chunks.setdefault(c.source, [c.guide]).append(f"{c.section}\n{c.text}")
        self._read: dict[str, tuple[str, frozenset[str]]] = {}

    def writers(
        self,
        question: str,
        expanded: str,
        is_place: Callable[[str], bool],
        words: frozenset[str] | set[str],
    ) -> set[str]:
        """The guides that write every abbreviation `question` names ("the CFP exam"), as such or spelled out;
        empty when it names none or no guide writes them all. `words` are lower-case words that are no names."""
        asked = self._asked(question, expanded, is_place, words)
        found: set[str] | None = None
        for name in asked:
            said = re.compile(rf"\b{re.escape(name)}")
            by = {s for s in self._chunks if (g := self._guide(s)) and (said.search(g[0]) or name in g[1])}
            found = by if found is None else found & by
        return found or set()

    def _asked(
        self, question: str, expanded: str, is_place: Callable[[str], bool], words: frozenset[str] | set[str]
    ) -> list[str]:
        return [
            m.group(1)
            for m in _ABBREVIATION.finditer(question)
            if m.group(1) in expanded
            and m.group(1).lower() not in words
            and m.group(1).lower() not in STOPWORDS
            and not is_place(m.group(1))
        ]

    def unwritten(
        self,
        question: str,
        expanded: str,
        sources: Iterable[str] | None,
        is_place: Callable[[str], bool],
        words: frozenset[str] | set[str],
    ) -> str | None:
        """The first abbreviation of `question` that none of the guides `sources` (None: all) writes or spells
        out; None when each is written. `expanded` is the question as the question stage rewrote it: an
        abbreviation it replaced by a corpus job's title is that job. `words` are the corpus's lower-case words
        ("NOT" shouted is no name)."""
        asked = self._asked(question, expanded, is_place, words)
        if not asked:
            return None
        guides = [self._guide(s) for s in (self._chunks if sources is None else sources) if s in self._chunks]
        for name in asked:
            said = re.compile(rf"\b{re.escape(name)}")
            if not any(said.search(text) or name in spelled for text, spelled in guides):
                return name
        return None

    def text(self, source: str) -> str:
        """A guide's text as written: its title, then each passage's heading and text ("" for no such guide)."""
        return self._guide(source)[0] if source in self._chunks else ""

    def _guide(self, source: str) -> tuple[str, frozenset[str]]:
        if source not in self._read:
            text = "\n".join(self._chunks[source])
            self._read[source] = (text, _initials(text))
        return self._read[source]


def unwritten_name(question: str, texts: Iterable[str], known: Callable[[str], bool]) -> str | None:
    """The first proper name a figure question qualifies its figure with ("earn around Eid", "pay at Marriott",
    "train in the British Army") that none of the guides' lower-cased `texts` writes, or None: a capitalised run
    after the question's first word that is no place, job or word the corpus knows (`known`). A figure the guides
    give says nothing of it; with no texts nothing is judged."""
    guides = list(texts)
    if not guides:
        return None
    for m in _NAME.finditer(question.strip()):
        name = m.group(1)
        # a word of it written is enough: "Brightwater Foods" of a guide that says "Brightwater"
        said = [w.lower() for w in name.split() if len(w) >= 4] or [name.lower()]
        if not known(name) and not any(re.search(rf"\b{re.escape(w)}", t) for w in said for t in guides):
            return name
    return None


def name_writers(question: str, texts: dict[str, str], known: Callable[[str], bool]) -> set[str]:
    """The guides whose lower-cased `texts` write every name of two words or more the question names ("the
    Royal Gibraltar Police", "the Kenya School of Flying"), where some do; empty when it names none or none
    writes them all. A place, a job's title or career words (`known`) are no such name. A name of one word
    counts where one guide alone writes it, has four letters or more and is no common word ("at Buccament": the page
    about its resort; a delivery app's four-letter name)."""
    found: set[str] | None = None
    common = common_words()
    for m in _NAME.finditer(question.strip()):
        name = m.group(1)
        one = " " not in name
        if known(name) or (one and (len(name) < 4 or name.lower() in common)):
            continue
        said = re.compile(rf"\b{re.escape(name.lower())}\b")
        by = {s for s, text in texts.items() if said.search(text)}
        if one and len(by) != 1:
            continue  # a lone word no guide writes, or several do ("Wales" of "New South Wales"), sets none apart
        found = by if found is None else found & by
    return found or set()


def _initials(text: str) -> frozenset[str]:
    """The initials of every run of two or more words inside a text's capitalised phrases, small words left
    out or kept: "the Director of Public Prosecutions" gives DPP and DOPP."""
    out: set[str] = set()
    for m in _PHRASE.finditer(text):
        words = m.group(0).split()
        for i in range(len(words)):
            for j in range(i + 2, min(len(words), i + 8) + 1):
                span = words[i:j]
                if span[0].lower() in _SMALL or span[-1].lower() in _SMALL:
                    continue
                out.add("".join(w[0] for w in span if w.lower() not in _SMALL).upper())
                out.add("".join(w[0] for w in span).upper())
    return frozenset(out)
