"""Exposure settings read from the environment: tokens (value or file), hosts, origins, rates."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.serve.security import LOOPBACK_HOSTS, Rate, RateLimiter, ServeOptions


def test_tokens_hosts_and_rates_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("  file-token-0123456789abcdef\n", encoding="utf-8")
    monkeypatch.setenv("NEWSFUSE_TOKEN_FILE", str(token_file))
    monkeypatch.setenv("NEWSFUSE_ALLOWED_HOSTS", "news.example.org, other.example")
    monkeypatch.setenv("NEWSFUSE_ALLOWED_ORIGINS", "https://app.example")
    monkeypatch.setenv("NEWSFUSE_READ_RATE", "0")
    monkeypatch.setenv("NEWSFUSE_WRITE_RATE", "30")
    options = ServeOptions.from_environment("10.0.0.5")
    assert options.write_token == "file-token-0123456789abcdef" and options.read_token is None
    assert options.allowed_hosts == (*LOOPBACK_HOSTS, "news.example.org", "other.example", "10.0.0.5")
    assert options.allowed_origins == ("https://app.example",)
    assert options.read_rate is None and options.write_rate == Rate(per_minute=30, burst=3)


def test_without_settings_writes_are_off_and_reads_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSFUSE_TOKEN", "NEWSFUSE_TOKEN_FILE", "NEWSFUSE_READ_RATE", "NEWSFUSE_ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    options = ServeOptions.from_environment("0.0.0.0")
    assert options.write_token is None and options.allowed_hosts == LOOPBACK_HOSTS
    assert options.read_rate == ServeOptions().read_rate


def test_a_short_token_or_an_unreadable_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFUSE_TOKEN", "secret")
    with pytest.raises(NewsfuseError, match="too short"):
        ServeOptions.from_environment()
    monkeypatch.setenv("NEWSFUSE_TOKEN_FILE", str(tmp_path / "missing"))
    with pytest.raises(NewsfuseError, match="cannot read NEWSFUSE_TOKEN_FILE"):
        ServeOptions.from_environment()


def test_the_rate_limiter_refills_and_forgets_the_least_recent_clients() -> None:
    limiter = RateLimiter(Rate(per_minute=60, burst=2), max_clients=2)
    assert [limiter.take("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 1.0]
    assert limiter.take("a", now=1.0) == 0.0, "one token back after a second"
    limiter.take("b", now=1.0)
    limiter.take("c", now=1.0)
    assert set(limiter.buckets) == {"b", "c"}
