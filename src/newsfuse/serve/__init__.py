"""Serve: the store over HTTP: a REST API (FastAPI, OpenAPI at /openapi.json) and server-rendered pages
(the stories of the day; a story with its brief and its sources side by side, evidence highlighted)."""

from __future__ import annotations

from newsfuse.serve.app import DEFAULT_HOST, DEFAULT_PORT, MAX_BODY_BYTES, create_app, serve

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "MAX_BODY_BYTES", "create_app", "serve"]
