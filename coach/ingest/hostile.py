"""A fitted reader of guide sentences that address an AI or ask the reader for money, credentials or personal data.

The word rules of `coach/rules/untrusted.toml` catch the wordings someone wrote down; this classifier is fitted on
labelled sets of lines (`evals/untrusted/lines*.jsonl`: hostile lines of many wordings by five writers, and real
guide lines that look like them, "send your CV to ...", "you will need a DBS check") plus the development pool's
own guide lines, by `evals/fit_untrusted.py`, which writes `coach/rules/hostile.json` (features, weights, threshold
and the held-out precision and recall). Its features are binary words, word pairs and the characters of words with
their spacing, leetspeak and dots undone ("W.h.a.t.s.A.p.p", "Ign0re"), so a new wording of a known request still
scores; and the sentence's all-MiniLM-L6-v2 vector (the bundled model), so one in words no line of the sets used
("kindly settle the onboarding levy via the voucher") still reads like the requests it means. Only a sentence
whose words alone reach the fitted `gate` is embedded: a little below the lowest words' part of any line the model
flags among those it was fitted on (about one in four of the development pool's sentences passes it).
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from coach.shipped import shipped_json

log = logging.getLogger(__name__)

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_SPACED = re.compile(r"\b(?:[A-Za-z][.\-\s]){3,}[A-Za-z]\b")  # "W.h.a.t.s.A.p.p", "S y s t e m"
_WORD = re.compile(r"[a-z][a-z'’]*")
_FEWEST_WORDS = 4  # the shortest hostile line of the labelled set has 8 words
_MOST_EMBEDDED = 256  # sentences of one guide read by their vector too, at most
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(\"'“])")


def _joined(match: re.Match[str]) -> str:
    return re.sub(r"[.\-\s]", "", match.group(0))


# letters of other scripts drawn like Latin ones ("іgnоrе" in Cyrillic)
_CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁһӏԛԝαοрνκτυιεАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwaopvktuieABEKMHOPCTXIJSABEZHIKMNOPTYX",
)


def skeleton(text: str) -> str:
    """The letters a reader sees: combining marks dropped and look-alike letters of other scripts read as Latin."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").translate(_CONFUSABLE)


def normal(text: str) -> str:
    """Lower case with obfuscation undone: look-alike letters read as Latin, letters spelled apart joined,
    digits and signs read as letters inside words ("ign0re" -> "ignore"; "$500" stays a number)."""
    text = _SPACED.sub(_joined, skeleton(text))
    words = []
    for w in text.lower().split():
        core = w.strip(".,;:!?()[]\"'“”")
        words.append(
            core.translate(_LEET)
            if re.search(r"[a-z]", core) and not re.fullmatch(r"[$€£]?[\d.,]+k?", core)
            else core
        )
    return " ".join(words)


def features(text: str) -> set[str]:
    """The binary features of one sentence: words, word pairs, and 4-character pieces of each word."""
    words = _WORD.findall(normal(text))
    out = {f"w:{w}" for w in words}
    out |= {f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    for w in words:
        padded = f"<{w}>"
        out |= {f"c:{padded[i : i + 4]}" for i in range(max(1, len(padded) - 3))}
    if re.search(r"\+?\d[\d\s-]{7,}\d", text):
        out.add("x:phone")
    if re.search(r"\b\S+@\S+\.\w+|\bat\s+\w+\s+dot\s+com\b", text, re.I):
        out.add("x:email")
    if re.search(r"https?://|www\.|\b[\w-]+\.(?:com|net|io|biz|info|co|site|xyz)\b", text, re.I):
        out.add("x:domain")
    return out


def sentences(line: str) -> list[str]:
    """A line's sentences (a paragraph may hide one request among real advice)."""
    return [s for s in _SENTENCE.split(line) if s.strip()]


Encoder = Callable[[Sequence[str]], np.ndarray]  # sentences -> their unit vectors, one row each


@dataclass(frozen=True)
class HostileModel:
    """Logistic weights over named binary features and the sentence's vector; a sentence whose probability clears
    `threshold` is flagged."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 1.01  # no model shipped: nothing is flagged by it
    meta: dict[str, Any] = field(default_factory=dict)
    vector: tuple[float, ...] = ()  # weights of the sentence's embedding (none: words only)
    gate: float = -math.inf  # the words' logit below which a sentence is not embedded (fitted)

    def _word_logit(self, sentence: str) -> float:
        """The words' part of the logit, bias included (features scaled to unit length, as fitted)."""
        known = [self.weights[f] for f in features(sentence) if f in self.weights]
        return self.bias + (sum(known) / math.sqrt(len(known)) if known else 0.0)

    def scores(self, sentences_: Sequence[str], encode: Encoder | None = None) -> list[float]:
        """Each sentence's probability. With a vector part, only the sentences whose words' logit reaches the gate
        are embedded (in one batch, by `encode`, the bundled model by default); the others score on their words
        alone, below any flag. With no threshold (a fit's own folds), every one is embedded."""
        if not self.weights and not self.vector:
            return [0.0] * len(sentences_)  # no model shipped
        logits = [self._word_logit(s) for s in sentences_]
        if self.vector:
            gated = self.threshold < 1.0
            near = [i for i, z in enumerate(logits) if not gated or z >= self.gate]
            # each distinct sentence once; in a guide, the _MOST_EMBEDDED whose words score highest (a real page
            # has a few dozen past the gate: the cap bounds what a huge guide costs, ~3 ms a sentence)
            texts = list(dict.fromkeys(sentences_[i] for i in sorted(near, key=lambda i: -logits[i])))
            texts = texts[:_MOST_EMBEDDED] if gated else texts
            if texts:
                pushes = (encode or sentence_encoder())(texts) @ np.asarray(self.vector, dtype=np.float32)
                push = dict(zip(texts, (float(p) for p in pushes), strict=True))
                for i in near:
                    logits[i] += push.get(sentences_[i], 0.0)
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) for z in logits]

    def probability(self, sentence: str, encode: Encoder | None = None) -> float:
        return self.scores([sentence], encode)[0]

    def flagged_lines(
        self, lines: Sequence[str], encode: Encoder | None = None
    ) -> list[list[tuple[str, float]]]:
        """Each line's sentences whose probability clears the threshold, with it, the sentences of all the lines
        scored in one pass (one embedding batch). A line of fewer than `_FEWEST_WORDS` words asks nothing of
        anyone (and a million one-word lines stay cheap)."""
        parts = [sentences(ln) if len(ln.split()) >= _FEWEST_WORDS else [] for ln in lines]
        flat = [s for p in parts for s in p]
        probs = iter(self.scores(flat, encode)) if flat else iter(())
        out: list[list[tuple[str, float]]] = []
        for p in parts:
            scored = [(s, next(probs)) for s in p]
            out.append([(s, q) for s, q in scored if q >= self.threshold])
        return out

    def to_dict(self) -> dict[str, Any]:
        weights = {
            k: round(v, 5) for k, v in sorted(self.weights.items())
        }  # every feature: they set the scale
        extra = (
            {"vector": [round(v, 5) for v in self.vector], "gate": round(self.gate, 4)} if self.vector else {}
        )
        return {
            "bias": round(self.bias, 5),
            "threshold": round(self.threshold, 4),
            **self.meta,
            **extra,
            "weights": weights,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HostileModel:
        known = {"weights", "bias", "threshold", "vector", "gate"}
        return cls(
            {k: float(v) for k, v in data.get("weights", {}).items()},
            float(data.get("bias", 0.0)),
            float(data.get("threshold", 1.01)),
            {k: v for k, v in data.items() if k not in known},
            tuple(float(v) for v in data.get("vector", [])),
            float(data.get("gate", -math.inf)),
        )


_ENCODER_LOCK = threading.Lock()


_BATCH = 32  # sentences a pass: padding and attention grow with the batch, so a long guide goes in slices


@lru_cache(maxsize=1)
def _bundled_encoder() -> Encoder:
    """ONNX Runtime's run of the bundled model where it runs (three to four times the numpy pass on two cores;
    vectors within 3e-7 of it), else the numpy one; COACH_EMBEDDING_RUNTIME=numpy keeps to numpy."""
    from coach.index.embed import bundled_model_path
    from coach.index.minilm import NumpyMiniLM
    from coach.settings import get_settings

    path = bundled_model_path()
    model: Any = None
    if get_settings().embedding_runtime != "numpy":
        try:
            from coach.index.onnx_minilm import OnnxMiniLM

            model = OnnxMiniLM(path, threads=min(2, os.cpu_count() or 1))
        except Exception as exc:  # noqa: BLE001 - any export or runtime failure falls back to numpy
            log.warning("ONNX sentence encoder unavailable (%s); the hostile-line reader uses numpy", exc)
    model = model or NumpyMiniLM(path)

    def encode(texts: Sequence[str]) -> np.ndarray:
        # length-sorted slices: a slice pads to its longest sentence, so like lengths go together
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), model.dim), dtype=np.float32)
        for at in range(0, len(order), _BATCH):
            idx = order[at : at + _BATCH]
            out[idx] = model.embed([texts[i] for i in idx])
        return out

    return encode


def sentence_encoder() -> Encoder:
    """The bundled all-MiniLM-L6-v2 (numpy, no torch), loaded once: the vectors the classifier was fitted on,
    whatever embedder the index is configured with."""
    with _ENCODER_LOCK:
        return _bundled_encoder()


@lru_cache(maxsize=1)
def load_hostile_model() -> HostileModel:
    """The classifier shipped in `coach/rules/hostile.json` (none: it flags nothing; the word rules still do)."""
    data = shipped_json("rules/hostile.json")
    return HostileModel.from_dict(data) if data is not None else HostileModel()
