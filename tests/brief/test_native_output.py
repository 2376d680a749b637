"""A native print during the solver call goes to standard error, never into the document on stdout."""

from __future__ import annotations

import ctypes
import os

import pytest

from newsfuse.brief.native_output import native_stdout_to_stderr


def test_writes_to_descriptor_one_inside_go_to_stderr_and_stdout_is_restored(capfd: pytest.CaptureFixture[str]) -> None:
    os.write(1, b"before\n")
    with native_stdout_to_stderr():
        os.write(1, b"solver chatter\n")
        ctypes.CDLL(None).printf(b"buffered C chatter\n")
    os.write(1, b"after\n")
    captured = capfd.readouterr()
    assert captured.out == "before\nafter\n"
    assert "solver chatter" in captured.err
    assert "buffered C chatter" in captured.err


def test_descriptor_one_is_restored_when_the_block_raises(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RuntimeError), native_stdout_to_stderr():
        raise RuntimeError("solver failed")
    os.write(1, b"still stdout\n")
    assert capfd.readouterr().out == "still stdout\n"
