"""Coverage: does any guide the question may be answered from speak of the place or the thing it asks about?

A figure for a place none of those guides gives (`no_place`: a region must be named beside a figure of the
measure asked, or be the one region or city of its country that a guide about that country names; a country
anywhere in a passage; a guide about a place covers it without naming it), an
abbreviation none of them writes, or a proper name a figure is asked for that none of them writes ("around Eid",
"at Marriott") (`no_name`, names.py), is declined before any passage is quoted. Run by the
Coach after gathering the passages, before figures are read from records."""

from __future__ import annotations

import re

from coach.ask.answer import ExtractiveAnswerer
from coach.ask.names import Written, name_writers, unwritten_name
from coach.ask.question import Query, Vocabulary, place_names, place_pattern, wants_figure
from coach.ask.text import MONTHS, WEEKDAYS
from coach.ask.tokens import content_words
from coach.ask.turn import Turn
from coach.ask.where import known_place
from coach.ingest.chunk import Chunk
from coach.ingest.cities import city_country, city_names_in, common_words
from coach.ingest.measures import Measure, measures
from coach.ingest.occupations import is_job_title
from coach.ingest.place_names import demonyms, place_codes
from coach.ingest.places import covers, guides_about, named_places

__all__ = ["Coverage"]

_TIMES = MONTHS | WEEKDAYS


class Coverage:
    """The place and name checks over one index's guides."""

    def __init__(self, chunks: list[Chunk], vocab: Vocabulary, extractive: ExtractiveAnswerer) -> None:
        self.chunks = chunks
        self.vocab = vocab
        self.extractive = extractive
        self.written = Written(chunks)
        self._regions: dict[str, frozenset[str]] = {}  # source -> the region codes its text names (read once)
        # source -> the cities its text names, with their countries (read once)
        self._city_names: dict[str, list[tuple[str, str]]] = {}
        # the countries the guides are about: fixed for the index, read by every abbreviation checked
        self.countries = {p.split("-")[0] for places in vocab.guide_places.values() for p in places}

    def check(self, turn: Turn) -> None:
        """Mark the Turn `no_place` when it asks a figure for a place none of its guides mentions, and `no_name`
        when it asks about an abbreviation none of them writes (names.py)."""
        q = turn.query
        if not q.decline and (place := self.unmentioned_place(q, turn.allowed)):
            q.decline, q.decline_detail = "no_place", f"{_measure_asked(q) or 'figures'}|{place}"
        sources = q.sources or None  # a job named: its guides; else the whole corpus
        if not q.decline and (
            name := self.written.unwritten(q.question, q.expanded, sources, self._is_place, self.vocab.words)
        ):
            q.decline, q.decline_detail = "no_name", name
        if (
            not q.decline
            and q.sources
            and q.numeric
            and wants_figure(q.expanded)
            and (name := unwritten_name(q.question, self._texts(q.sources), self._known_name))
        ):
            q.decline, q.decline_detail = "no_name", name

    def writers(self, q: Query) -> set[str]:
        """The guides that write the abbreviations and the names the question names ("the CFP exam", "the Royal
        Gibraltar Police"); empty for none."""
        by_name = name_writers(q.question, self.extractive.guide_text, self._not_a_name)
        if not q.numeric:  # an abbreviation sets guides apart for a figure only ("the CDL test's fee")
            return by_name
        by_abbreviation = self.written.writers(q.question, q.expanded, self._is_place, frozenset())
        if by_abbreviation and by_name:
            return (by_abbreviation & by_name) or by_abbreviation
        return by_abbreviation or by_name

    def _not_a_name(self, name: str) -> bool:
        """A place as a whole ("South Africa"), a job title, or words of the corpus's job titles and career
        words. Unlike `_known_name`, a name holding a place ("the Royal Gibraltar Police") is still a name."""
        if known_place(name) or is_job_title(name):  # "a Police Constable": a job, named as one
            return True
        return self._title_words(name)

    def _texts(self, sources: list[str]) -> list[str]:
        """The lower-cased texts of these guides, title included (read once by the answerer)."""
        return [self.extractive.guide_text[s] for s in sources if s in self.extractive.guide_text]

    def _known_name(self, name: str) -> bool:
        """A place (or its people's word: "Manx"), a day or a month, or words of the corpus's job titles and
        the career words every question shares ("Senior", "Salary"): no name of a thing a figure could be of."""
        if (
            known_place(name)
            or named_places(name)
            or name in demonyms()
            or name.lower().removesuffix("s") in _TIMES
        ):
            return True  # a place, or a day or month ("on Saturdays"): when, not what
        return self._title_words(name)

    def _title_words(self, name: str) -> bool:
        """Only words of the corpus's job titles and the career words every question shares ("Senior Salary")."""
        said = set(content_words(name))
        return not said or said <= (self.vocab.titles.vocabulary | set(self.vocab.titles.generic))

    def _is_place(self, name: str) -> bool:
        """A place's everyday name ("SA", "UK"), or a region code of a country the guides are about ("WA")."""
        if place_names(name) != [name]:
            return True
        return any(c.split("-")[0] in self.countries for c in place_codes(name))

    def unmentioned_place(self, q: Query, allowed: set[str] | None) -> str | None:
        """A place the question asks a figure for that no guide it may be answered from mentions at all."""
        # for a figure, the place must be named beside a figure of the measure asked, not anywhere in the guide
        # ("higher national diploma" says nothing about US pay); "how is pay structured in the NHS?" wants no figure
        figure = q.numeric and wants_figure(q.expanded)
        asked = _measure_asked(q)
        measure = measures().get(asked) if figure and asked else None
        for place in q.places:
            if any(allowed is None or s in allowed for s in guides_about(self.vocab.guide_places, [place])):
                continue  # an Australian guide's figures are Australian without the word beside each
            pattern = place_pattern(place)
            codes = place_codes(place)
            region = bool(codes) and all("-" in c for c in codes)  # a state or city, not a country
            countries = {c.split("-")[0] for c in codes}
            if (
                region
                and measure is None
                and any(
                    allowed is None or s in allowed
                    for s, about in self.vocab.guide_places.items()
                    if countries & {a.split("-")[0] for a in about}
                )
            ):
                continue  # no figure asked: a guide about the country speaks for its states (qualifications, duties)
            if region and measure is not None and self._only_region(place, codes, allowed):
                continue  # a page about the one region of its country it names: its figures are that region's
            if self._sole_place(place, codes, allowed):
                continue  # the one city of its country a page about that country names: its figures are that city's
            if not any(
                pattern.search(c.text)
                and (
                    self._beside_figure(c, pattern, measure)
                    if region
                    else measure is None or measure.found_in(c.text)
                )
                for c in self.chunks
                if allowed is None or c.source in allowed
            ):
                return place
        return None

    def _only_region(self, place: str, codes: frozenset[str], allowed: set[str] | None) -> bool:
        """Does a guide about the region's country name the region and no other region of that country? ("a
        tea picker in Assam" of an Indian page that names Assam and no other state)"""
        countries = {c.split("-")[0] for c in codes}
        pattern = place_pattern(place)
        for source, about in self.vocab.guide_places.items():
            if allowed is not None and source not in allowed:
                continue
            if not countries & {a.split("-")[0] for a in about}:
                continue
            text = self.written.text(source)  # capitals kept: place names are read from them
            if not pattern.search(text):
                continue
            if source not in self._regions:
                self._regions[source] = frozenset(code for _name, code in named_places(text) if "-" in code)
            if not {c for c in self._regions[source] - codes if c.split("-")[0] in countries}:
                return True
        return False

    def _sole_place(self, place: str, codes: frozenset[str], allowed: set[str] | None) -> bool:
        """Is the place a city ("tuk tuk drivers in Nairobi") that a guide the question may be answered from, about
        the city's country, names, where it names no other city of that country? Then the guide is about that
        city though its figures do not repeat it. Read only where the question's guides are known (`allowed`):
        otherwise every guide's figures could answer."""
        if allowed is None:
            # a question of no job: its figures would come from every guide, not from the one it names
            return False
        city = city_country(place) if not codes else None
        if not city:
            return False
        pattern = place_pattern(place)
        for source, about in self.vocab.guide_places.items():
            if source not in allowed or not covers(about, frozenset([city])):
                continue
            if pattern.search(self.written.text(source)) and not (
                {n.lower() for n, c in self._cities(source) if c == city} - {place.lower()}
            ):
                return True
        return False

    def _cities(self, source: str) -> list[tuple[str, str]]:
        """The cities a guide names, with their countries (read once)."""
        if source not in self._city_names:
            self._city_names[source] = city_names_in(self.written.text(source), common_words())
        return self._city_names[source]

    def _beside_figure(self, chunk: Chunk, pattern: re.Pattern[str], measure: Measure | None) -> bool:
        """Does a sentence, row or list item of the passage name the region and state the measure's figure (a list
        item read with the sentence that opens its list: "Pay is set by region, as follows: - Aragon, €910")? A
        guide that says Lagos pays more gives no Lagos pay; one that names California for its jobs count gives
        no Californian wage. (A country named anywhere in a passage is the place of its figures: "Across the U.S.")"""
        if measure is None:
            return True
        # the sentence before a list, which says what its items' figures are ("Pay ... as follows:")
        lead = ""
        for u in self.extractive.units.get(chunk.id) or []:
            if u.kind != "item":
                lead = u.text
            if not pattern.search(u.text):
                continue
            if measure.stated_by(chunk.section, u.text) or (
                u.kind == "item" and lead and measure.stated_by(chunk.section, f"{lead} {u.text}")
            ):
                return True
        return False


def _measure_asked(q: Query) -> str | None:
    """The measure a question asks a figure of; a figure of no measure the rules know ("how long do recruits
    train?") is pay's only when pay is asked."""
    return q.measure or ("pay" if "salary" in q.answer_intents else None)
