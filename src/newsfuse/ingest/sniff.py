"""Tell the input format from the content itself; the file name only breaks ties."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["text", "html", "feed", "jsonl", "json", "sgml"]

_HEAD_CHARS = 4096
_SGML = re.compile(r"<DOC>\s*<DOCNO>|^\s*<DOC>", re.IGNORECASE)
_FEED = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(p|div|span|a|h[1-6]|article|section|br|body|title|meta|script)[\s>/]", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def sniff_format(text: str, name: str | None = None) -> Format:
    head = text[:_HEAD_CHARS].lstrip("\ufeff")
    stripped = head.lstrip()
    if _SGML.search(head):
        return "sgml"
    if stripped.startswith("<") and _FEED.search(head) and not _HTML_START.match(stripped):
        return "feed"
    if _HTML_START.match(stripped):
        return "html"
    first_line = stripped.split("\n", 1)[0].rstrip()
    if first_line.startswith("{") and (first_line.endswith("}") or (name or "").endswith((".jsonl", ".ndjson"))):
        return "jsonl"
    if stripped[:1] in "{[" and (name or "").lower().endswith(".json"):
        return "json"
    if stripped.startswith("<") and len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    if (name or "").lower().endswith(_HTML_SUFFIXES) and _HTML_TAG.search(head):
        return "html"
    return "text"
