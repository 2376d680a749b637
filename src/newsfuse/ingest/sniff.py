"""Tell the input format from the content itself; the file name only breaks ties."""

from __future__ import annotations

import json
import re
from typing import Literal

Format = Literal["text", "html", "feed", "jsonl", "json", "sgml"]
FORMATS: tuple[Format, ...] = ("text", "html", "feed", "jsonl", "json", "sgml")

_HEAD_CHARS = 4096
_SGML = re.compile(r"<DOC>\s*<DOCNO>|^\s*<DOC>", re.IGNORECASE)
_FEED = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(p|div|span|a|h[1-6]|article|section|br|body|title|meta|script)[\s>/]", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# How a JSON document of articles opens: an object's first key, or a list of objects (or an empty list).
_JSON_START = re.compile(r'(?:\{\s*"|\[\s*(?:\{|\]))')


def _json_line(line: str) -> bool:
    """Whether a first line such as ``[1, 2, 3]`` is JSON on its own (then the file is JSON Lines)."""
    if not line.startswith("[") or not line.endswith("]") or len(line) > _HEAD_CHARS:
        return False
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def sniff_format(text: str, name: str | None = None) -> Format:
    head = text[:_HEAD_CHARS].lstrip("\ufeff")
    stripped = head.lstrip()
    if _SGML.search(head):
        return "sgml"
    if stripped.startswith("<") and _FEED.search(head) and not _HTML_START.match(stripped):
        return "feed"
    if _HTML_START.match(stripped):
        return "html"
    lowered = (name or "").lower()
    if lowered.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    first_line = stripped.split("\n", 1)[0].rstrip()
    if first_line.startswith("{") and first_line.endswith("}"):
        return "jsonl"
    if lowered.endswith(".json") or (stripped[:1] in "{[" and (_JSON_START.match(stripped) or _json_line(first_line))):
        # one document (pretty-printed, a list) or JSON Lines whose first line is not an object: the JSON
        # reader tells them apart and rejects what is not an article, so no JSON is read as text
        return "json"
    if stripped.startswith("<") and len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    if (name or "").lower().endswith(_HTML_SUFFIXES) and _HTML_TAG.search(head):
        return "html"
    return "text"
