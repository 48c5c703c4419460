"""The security suites' servers: one stack as make run starts it, with the clinic page (see clinic.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.security.clinic import Clinic, running_clinic


@pytest.fixture(scope="session")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clinic]:
    with running_clinic(tmp_path_factory.mktemp("security")) as running:
        yield running
