"""The model the NLU tests score: the one `make model` trains (NLU_HOLDOUT_MODEL overrides, e.g. a candidate)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness.stack import latest_model


@pytest.fixture(scope="session")
def nlu_model() -> Path:
    if override := os.environ.get("NLU_HOLDOUT_MODEL"):
        return Path(override)
    return latest_model()
