"""Embed: the bundled offline sentence encoder (all-MiniLM-L6-v2, int8 ONNX on onnxruntime)."""

from __future__ import annotations

from functools import cache

from newsfuse.embed.encoder import OnnxSentenceEncoder
from newsfuse.model import TextEncoder

__all__ = ["OnnxSentenceEncoder", "get_encoder", "use_encoder_threads"]

# the threads the process's encoder will run on (None: one per core), read when it is first loaded
_threads: list[int | None] = [None]


def use_encoder_threads(threads: int) -> None:
    """Run this process's encoder on ``threads`` threads: a worker of a pool of one worker per core takes one.
    Called before the encoder is first loaded; later, it changes nothing."""
    _threads[0] = max(1, threads)


@cache
def get_encoder() -> TextEncoder:
    """The process-wide encoder, loaded once; checks both model files' sha256 at load."""
    return OnnxSentenceEncoder(threads=_threads[0])
