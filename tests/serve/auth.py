"""The token the test servers are started with, and the header a writer sends."""

from __future__ import annotations

from newsfuse.serve.security import ServeOptions

TOKEN = "test-token-0123456789abcdef"
AUTH = {"authorization": f"Bearer {TOKEN}"}
# rate limits off: one test client sends many requests in a row
OPTIONS = ServeOptions(write_token=TOKEN, read_rate=None, write_rate=None)
