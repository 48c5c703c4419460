"""Keeps packages the servers never use from being imported at start-up.

TensorFlow 2.12 (imported by Rasa's policies and featurizers even when no TensorFlow model is loaded)
imports jax in ``tensorflow/lite/python/util.py`` inside ``try: from jax import xla_computation``
``except ImportError``, for converting jax functions to TensorFlow Lite. That import costs about
1.2 s per server start. A ``None`` entry in ``sys.modules`` makes ``import jax`` raise ImportError,
which TensorFlow handles as "jax not installed".
"""

from __future__ import annotations

import sys

BLOCKED = ("jax",)
"""Packages no server of the project uses (the tests check TensorFlow still guards its jax import)."""


def block_unused_imports() -> None:
    """Makes each of :data:`BLOCKED` unimportable in this process (before TensorFlow is imported)."""
    for name in BLOCKED:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]
