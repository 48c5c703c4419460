"""Shared fixtures: the real servers, started once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.stack import Stack


@pytest.fixture(scope="session")
def rasa_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The Rasa server (REST and every configured channel) with the action server, on free ports."""
    stack = Stack(workdir=tmp_path_factory.mktemp("stack"))
    try:
        yield stack.start()
    finally:
        stack.stop()
