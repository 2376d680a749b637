"""Bytes → str: UTF-8 first (it is almost always right), charset-normalizer for everything else."""

from __future__ import annotations

import codecs
import re

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


# A charset named in the markup itself: <meta charset="…">, <meta http-equiv … content="…; charset=…">, or an
# XML declaration's encoding (feeds, sitemaps).
_MARKUP_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_MARKUP_SAMPLE_BYTES = 4096


def markup_charset(data: bytes) -> str | None:
    match = _MARKUP_CHARSET.search(data[:_MARKUP_SAMPLE_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def decode_declared(data: bytes, declared: str | None) -> str:
    """Decode a web body whose server declared ``declared`` (the Content-Type charset, or None). Declarations
    are often wrong, so they are checked, not trusted: bytes that are valid UTF-8 are UTF-8 (a page declared
    ISO-8859-1 that is really UTF-8 would otherwise come out as mojibake); else the header's charset, then
    the markup's, each only if it decodes the bytes without error; else the bytes are detected like a file's."""
    if not data:
        raise InputError("empty input")
    if data.startswith(_UTF16_BOMS) or b"\x00" in data[:_DETECTION_SAMPLE_BYTES]:
        return decode_bytes(data)
    try:
        return _check_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    for charset in (declared, markup_charset(data)):
        if not charset or charset.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig"):
            continue
        try:
            return _check_text(data.decode(charset))
        except (UnicodeDecodeError, LookupError):
            continue
    return _detect_web_charset(data)


# Legacy web text is Windows-1252 far more often than any other single-byte charset (it is what browsers
# assume, and what "ISO-8859-1" means in HTML); on a short page several charsets fit equally well, and then
# it is the better guess than whichever of them the detector happens to rank first.
_WEB_DEFAULT_CHARSET = "cp1252"
_EQUALLY_GOOD_CHAOS = 0.02


def _detect_web_charset(data: bytes) -> str:
    matches = list(from_bytes(data[:_DETECTION_SAMPLE_BYTES]))
    if not matches:
        raise InputError("undecodable bytes: not UTF-8, not the declared charset, and no text encoding fits")
    best = matches[0]
    for match in matches:
        if match.encoding == _WEB_DEFAULT_CHARSET and match.chaos <= best.chaos + _EQUALLY_GOOD_CHAOS:
            best = match
    try:
        return _check_text(data.decode(best.encoding))
    except (UnicodeDecodeError, LookupError):
        return decode_bytes(data)
