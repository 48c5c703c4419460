"""The scaled stack (two Rasa servers on PostgreSQL and Redis behind HAProxy), started once for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.scaled_stack import ScaledStack


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledStack]:
    stack = ScaledStack(workdir=tmp_path_factory.mktemp("scaled"), scale=2)
    try:
        yield stack.start()
    finally:
        stack.stop()
