"""The bundled all-MiniLM-L6-v2 through ONNX Runtime: the query encoder of a serving process.

Why: a question never asked before costs one forward pass of the model, and that pass is most of the time a
fresh question takes (`make bench`'s "unique" load). ONNX Runtime runs the same weights several times faster
on a CPU than the numpy encoder (coach/index/minilm.py) or torch, and gives the same vector (cosine > 0.9999,
`tests/index/test_embed.py`). The model folder holds no ONNX file, so the first process to need one exports it
with torch, once, into the cache folder (`COACH_ONNX_CACHE`, default `~/.cache/careercoach/onnx`), named by
the model's weights; every later process loads the file in well under a second. Nothing is downloaded.

Queries use an int8 copy of that file by default (`int8=True`; `COACH_QUERY_PRECISION=float32` opts out):
dynamic quantisation with one scale per output channel, made once beside the float file. It runs ~2.3x faster
on a CPU (2.2 ms a question against 5.2) and its vectors keep a cosine of ~0.994 with the float ones
(`tests/index/test_embed.py`); the guides' own vectors stay float. That small difference moves answers (470 of
the development pool's 5,429 with the float-fitted weights), so the answer-unit weights and the decline
decision (coach/ask/weights.json, decline.json) are fitted on the int8 vectors.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from coach.index.minilm import padded, tokenizer_of

log = logging.getLogger(__name__)


def default_cache() -> Path:
    """Where exported models are kept: $COACH_ONNX_CACHE, else $XDG_CACHE_HOME/careercoach/onnx."""
    explicit = os.environ.get("COACH_ONNX_CACHE")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "careercoach" / "onnx"


def onnx_path(model_dir: Path, cache: Path) -> Path:
    """The cached ONNX file of a model folder, named by its weights' size and first megabyte (a new model or new
    weights get a new file)."""
    weights = model_dir / "model.safetensors"
    digest = hashlib.sha256()
    digest.update(str(weights.stat().st_size).encode())
    with weights.open("rb") as f:
        digest.update(f.read(1 << 20))
    return cache / f"{model_dir.name}-{digest.hexdigest()[:16]}.onnx"


def export(model_dir: Path, out: Path) -> None:
    """Export the model folder's transformer (last hidden state) to `out`, atomically: a half-written file is
    never read by another process."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

    class _LastHidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = torch.ones((1, 4), dtype=torch.int64)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with _written_atomically(out) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on torch internals, nothing a user can act on
        torch.onnx.export(
            _LastHidden(model),
            (sample, sample, torch.zeros_like(sample)),
            tmp,
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )


def quantize(src: Path, out: Path) -> None:
    """An int8 copy of an exported model at `out` (dynamic quantisation, a scale per output channel),
    written atomically like `export`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quiet = logging.getLogger()  # the quantiser's advice to pre-process the graph, nothing a user can act on
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with _written_atomically(out) as tmp:
            quantize_dynamic(src, tmp, weight_type=QuantType.QInt8, per_channel=True)
    finally:
        quiet.setLevel(level)


@contextmanager
def _written_atomically(out: Path) -> Iterator[str]:
    """A temporary file beside `out` to write, moved onto `out` when the block ends without error: another
    process never reads a half-written model."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=out.parent)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class OnnxMiniLM:
    """A sentence-transformers model folder (BERT + mean pooling + normalisation) run by ONNX Runtime."""

    def __init__(
        self, model_dir: str | Path, cache: Path | None = None, threads: int = 1, int8: bool = False
    ) -> None:
        import onnxruntime as ort

        path = Path(model_dir)
        self.dim = int(json.loads((path / "config.json").read_text())["hidden_size"])
        self.tokenizer = tokenizer_of(path)
        file = onnx_path(path, cache or default_cache())
        if not file.exists():
            log.warning(
                "first use of the embedding model here: exporting it to ONNX once (~10 s) into %s", file
            )
            export(path, file)
        if int8:
            small = file.with_name(f"{file.stem}-int8.onnx")
            if not small.exists():
                quantize(file, small)
            file = small
        options = ort.SessionOptions()
        # one thread by default: a serving process answers other requests on the other cores meanwhile (20
        # clients of never-repeated questions on 2 cores: 79-86 a second with one thread, 65-68 with two)
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of `texts`, in one padded batch; padding is masked out of pooling."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids, mask = padded([e.ids for e in self.tokenizer.encode_batch(list(texts))])
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(1) / weights.sum(1)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)
