"""Is the code an override replaces still the code it was written for? (its source hash and package version)"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import importlib.util
import inspect
import logging
from pathlib import Path
from typing import Any

from server_tuning.pins import PACKAGES, PINNED

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


def module_file_hash(module: str) -> str | None:
    """SHA-256 of an installed module's source file, found without importing it (None when absent)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()


def installed_version(dotted: str) -> str:
    """The installed version of the package ``dotted`` ships in."""
    return importlib.metadata.version(PACKAGES[dotted.split(".")[0]])


def stale(dotted: str) -> str | None:
    """Why the pin of ``dotted`` no longer holds (None while it does)."""
    pin = PINNED[dotted]
    version = installed_version(dotted)
    if version != pin.version:
        return f"pinned to version {pin.version}, installed {version}"
    actual = module_file_hash(dotted) if pin.whole_module else source_hash(resolve(dotted))
    if actual != pin.sha256:
        return f"source hash {actual}, pinned {pin.sha256}"
    return None


def unchanged(dotted: str) -> bool:
    """True when ``dotted`` still matches its pin in ``server_tuning.pins.PINNED``; warns otherwise."""
    why = stale(dotted)
    if why is not None:
        logger.warning("server_tuning: %s changed (%s): its override is not installed", dotted, why)
        return False
    return True
