"""Is the code an override replaces still the code it was written for? (hash of the function's source)"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import logging
from typing import Any

logger = logging.getLogger(__name__)


def resolve(dotted: str) -> Any:
    """``"pkg.module.Class.attr"`` → the object, importing the longest importable module prefix."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            target = getattr(target, name)
        return target
    raise ImportError(dotted)


def source_hash(function: Any) -> str:
    """SHA-256 of the function's source text."""
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


def unchanged(dotted: str) -> bool:
    """True when ``dotted`` still has the source hash recorded in ``server_tuning.PINNED``; warns otherwise."""
    from server_tuning import PINNED

    actual = source_hash(resolve(dotted))
    if actual != PINNED[dotted]:
        logger.warning("server_tuning: %s changed (source hash %s): its override is not installed", dotted, actual)
        return False
    return True
