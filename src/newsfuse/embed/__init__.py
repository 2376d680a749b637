"""Embed: the bundled offline sentence encoder (all-MiniLM-L6-v2, int8 ONNX on onnxruntime)."""

from __future__ import annotations

from functools import cache

from newsfuse.embed.encoder import OnnxSentenceEncoder
from newsfuse.model import TextEncoder

__all__ = ["OnnxSentenceEncoder", "get_encoder"]


@cache
def get_encoder() -> TextEncoder:
    """The process-wide encoder, loaded once; checks both model files' sha256 at load."""
    return OnnxSentenceEncoder()
