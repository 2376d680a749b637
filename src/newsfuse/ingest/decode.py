"""Bytes → str: UTF-8 first (it is almost always right), charset-normalizer for everything else."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsfuse.errors import InputError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Past this many unreadable characters per thousand a "text" is really binary data.
_MAX_CONTROL_PER_MILLE = 10
_DETECTION_SAMPLE_BYTES = 1_000_000


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes, or raise InputError saying why it is not text."""
    if not data:
        raise InputError("empty input")
    if data.startswith(_UTF16_BOMS):
        try:
            return _check_text(data.decode("utf-16"))
        except UnicodeDecodeError as error:
            raise InputError(f"undecodable UTF-16 text ({error.reason})") from None
    if b"\x00" in data[:_DETECTION_SAMPLE_BYTES]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:_DETECTION_SAMPLE_BYTES]).best()
    if best is None or best.encoding is None:
        raise InputError("undecodable bytes: not UTF-8 and no text encoding fits")
    try:
        return _check_text(data.decode(best.encoding))
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"undecodable bytes: not UTF-8, and not valid {best.encoding} either") from None


def _check_text(text: str) -> str:
    sample = text[:_DETECTION_SAMPLE_BYTES]
    control = sum(1 for char in sample if ord(char) < 32 and char not in "\n\r\t\f\v")
    if sample and control * 1000 > _MAX_CONTROL_PER_MILLE * len(sample):
        raise InputError("binary file (mostly control characters), not text")
    return text
