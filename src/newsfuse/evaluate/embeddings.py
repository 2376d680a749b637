"""Sentence vectors kept on disk between benchmark runs, so a re-run after a change to fusion or summary
code only encodes the texts it has not seen before.

The evaluation encodes every sentence and clause of every cluster, and on a small CPU that is most of a
run's time; the texts themselves change only when ingest or analysis do. Vectors live in one SQLite file
per corpus and encoder model: each ``encode`` call commits its new rows in one transaction, so a run killed
midway leaves a valid file holding everything encoded before the kill.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsfuse.model import TextEncoder

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)"
_LOOKUP_CHUNK = 500  # SQLite caps the number of parameters of one statement


class CachedEncoder:
    """A ``TextEncoder`` that serves vectors from an SQLite file and asks ``encoder`` only for new texts.

    ``path`` should name the encoder's model (a different model gives different vectors); the file is
    created when missing."""

    def __init__(self, encoder: TextEncoder, path: Path) -> None:
        self._encoder = encoder
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path)
        # WAL: a killed writer loses at most its open transaction, never the rows committed before it
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute(_SCHEMA)
        self._connection.commit()
        self.hits = 0
        self.misses = 0

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        if not texts:
            return self._encoder.encode([])
        keys = [hashlib.sha1(text.encode("utf-8")).digest() for text in texts]
        found = self._lookup(set(keys))
        missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
        self.hits += len(keys) - len(missing)
        self.misses += len(missing)
        if missing:
            vectors = np.asarray(self._encoder.encode(list(missing.values())), dtype=np.float32)
            rows = [(key, vector.tobytes()) for key, vector in zip(missing, vectors, strict=True)]
            with self._connection:  # one transaction: all of this call's new rows, or none
                self._connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            found.update(zip(missing, vectors, strict=True))
        return np.stack([found[key] for key in keys]).astype(np.float32, copy=False)

    def close(self) -> None:
        self._connection.close()

    def _lookup(self, keys: set[bytes]) -> dict[bytes, NDArray[np.float32]]:
        found: dict[bytes, NDArray[np.float32]] = {}
        ordered = list(keys)
        for first in range(0, len(ordered), _LOOKUP_CHUNK):
            chunk = ordered[first : first + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, vector FROM vectors WHERE key IN ({marks})"
            for key, blob in self._connection.execute(query, chunk):
                found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
        return found
