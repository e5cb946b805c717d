"""A numpy forward pass of the bundled all-MiniLM-L6-v2 (BERT, 6 layers, mean pooling, L2-normalised).

Why: importing sentence-transformers costs ~9 s on this 2-core machine, which a one-shot `coach ask`
cannot afford. Queries are embedded with this ~100-line encoder (tokenizers + safetensors + numpy,
<0.5 s to import and load); passages are embedded at ingest with sentence-transformers itself.
`tests/index/test_embed.py` checks both agree (cosine > 0.9999).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz & Stegun 7.1.26), vectorised."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def tokenizer_of(path: Path, max_len: int | None = None) -> Any:
    """A sentence-transformers model folder's tokenizer, truncating at `max_len` or else the folder's
    max_seq_length (256 where it names none), padding nothing."""
    from tokenizers import Tokenizer

    st_config = path / "sentence_bert_config.json"
    limit = json.loads(st_config.read_text()).get("max_seq_length", 256) if st_config.exists() else 256
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.enable_truncation(max_len or limit)
    tokenizer.no_padding()
    return tokenizer


def padded(batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token sequences padded to the longest: their ids and a mask of 1 for a token, 0 for padding (int64)."""
    ids = np.zeros((len(batch), max(len(seq) for seq in batch)), dtype=np.int64)
    mask = np.zeros_like(ids)
    for r, seq in enumerate(batch):
        ids[r, : len(seq)] = seq
        mask[r, : len(seq)] = 1
    return ids, mask


class NumpyMiniLM:
    """BERT-style sentence encoder over a sentence-transformers model folder (Transformer + mean Pooling + Normalize)."""

    def __init__(self, model_dir: str | Path, max_len: int | None = None) -> None:
        from safetensors.numpy import load_file

        path = Path(model_dir)
        self.config = json.loads((path / "config.json").read_text())
        self.tokenizer = tokenizer_of(path, max_len)
        raw = load_file(str(path / "model.safetensors"))
        self.w = {
            k.removeprefix("bert.").removeprefix("model."): v.astype(np.float32) for k, v in raw.items()
        }
        self.heads = int(self.config["num_attention_heads"])
        self.layers = int(self.config["num_hidden_layers"])
        self.eps = float(self.config.get("layer_norm_eps", 1e-12))
        self.dim = int(self.config["hidden_size"])
        # per layer: query, key and value fused into one matrix, every dense weight stored transposed and
        # contiguous: `x @ w` on a C-ordered matrix runs ~2x faster than `x @ w.T` for a handful of tokens
        self.dense: list[dict[str, np.ndarray]] = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            parts = ("attention.self.query", "attention.self.key", "attention.self.value")
            self.dense.append(
                {
                    "qkv": np.ascontiguousarray(np.vstack([self.w.pop(p + n + ".weight") for n in parts]).T),
                    "qkv_b": np.concatenate([self.w.pop(p + n + ".bias") for n in parts]),
                    **{
                        n: np.ascontiguousarray(self.w.pop(p + n + ".dense.weight").T)
                        for n in ("attention.output", "intermediate", "output")
                    },
                }
            )

    def _encode_batch(self, batch: list[list[int]]) -> np.ndarray:
        """Token sequences at once, padded to the longest; padding is masked out of attention and pooling, so
        each row is the vector its sequence gets alone (within float error)."""
        w, eps = self.w, self.eps
        ids, tokens = padded(batch)
        b, n = ids.shape
        mask = tokens.astype(np.float32)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        head_dim = self.dim // self.heads
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :]  # (b, 1, 1, n): no query attends to padding
        for i in range(self.layers):
            p, d = f"encoder.layer.{i}.", self.dense[i]
            qkv = x.reshape(b * n, self.dim) @ d["qkv"] + d["qkv_b"]
            q, k, v = (
                qkv[:, j * self.dim : (j + 1) * self.dim]
                .reshape(b, n, self.heads, head_dim)
                .transpose(0, 2, 1, 3)
                for j in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head_dim) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attn = (scores / scores.sum(-1, keepdims=True)) @ v
            attn = attn.transpose(0, 2, 1, 3).reshape(b * n, self.dim)
            attn = attn @ d["attention.output"] + w[p + "attention.output.dense.bias"]
            x = _layer_norm(
                x + attn.reshape(b, n, self.dim),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                eps,
            )
            h = _gelu(x.reshape(b * n, self.dim) @ d["intermediate"] + w[p + "intermediate.dense.bias"])
            h = h @ d["output"] + w[p + "output.dense.bias"]
            x = _layer_norm(
                x + h.reshape(b, n, self.dim),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
                eps,
            )
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of `texts`: one alone, several in one padded batch (cheaper per text than one by one)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encoded = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        return self._encode_batch(encoded).astype(np.float32)
