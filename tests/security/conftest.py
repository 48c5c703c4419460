"""The security suites' target: the session's shared servers and clinic page (see clinic.py)."""

from __future__ import annotations

import pytest

from harness.stack import Stack
from harness.web_stack import PageServer, page_origin
from tests.security.clinic import Clinic


@pytest.fixture(scope="session")
def clinic(rasa_stack: Stack, clinic_page: PageServer, page_port: int) -> Clinic:
    return Clinic(rasa_stack, clinic_page.server, page_origin(page_port))
