"""Keeps TensorFlow out of a Rasa server whose model has no TensorFlow component.

Rasa 3.6 imports TensorFlow whatever the model: ``rasa.utils.train_utils`` (imported by every policy
and entity extractor) imports the training callbacks and the batch generator, which subclass Keras
classes, and the recipe validator named in every model's training graph imports DIET, the response
selector, TED and UnexpecTED to compare classes; spaCy's thinc then imports it too, optionally (inside
``try … except ImportError``, for its TensorFlow wrappers). About 6 s of CPU per server start and
390 MB of memory (README, "Performance"). None of it runs when the model's graph uses none of those.

Before Rasa is imported, this override reads the model's ``metadata.json`` (the archive ``rasa run``
will load) and, when no node of its graphs uses a class from :data:`STUBBED`, puts a stand-in module
for each of them in ``sys.modules``, and a ``None`` for ``tensorflow`` itself, which thinc takes for "not
installed" (and any other import of it fails loudly). A name imported from a stand-in is a placeholder class: it
compares unequal to everything (so ``issubclass`` checks say "not DIET"), and instantiating or
subclassing it raises :class:`TensorFlowNotLoadedError`, so a model needing TensorFlow loaded later
(Rasa's HTTP API can replace the model) fails loudly instead of running with a stand-in.

It is not installed (TensorFlow then loads as usual) when: the command is not ``rasa run`` (training
needs TensorFlow), one of Rasa's TensorFlow settings is set, the model cannot be found or read, a
graph node uses a stubbed class, a custom component's source names TensorFlow or a stubbed module, or
a stubbed module's source differs from the one pinned in ``server_tuning/pins.py`` (a Rasa upgrade:
tests/unit/test_server_tuning.py fails then).
The stand-ins are never written anywhere: Rasa's installed files are not touched.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import sys
import tarfile
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from server_tuning import pinning
from server_tuning.pins import PINNED

logger = logging.getLogger(__name__)

STUBBED = tuple(target for target, pin in PINNED.items() if pin.by == __name__)
"""The Rasa modules that import TensorFlow when imported; each is pinned (the SHA-256 of its source file,
``server_tuning/pins.py``) and replaced by a stand-in only while its pin holds."""

TENSORFLOW_SETTINGS = ("TF_GPU_MEMORY_ALLOC", "TF_INTER_OP_PARALLELISM_THREADS", "TF_INTRA_OP_PARALLELISM_THREADS")
"""Rasa's TensorFlow settings: when one is set, ``rasa.__main__`` imports TensorFlow to apply it."""
MODEL_FLAGS = ("--model", "-m")
DEFAULT_MODELS = "models"


class TensorFlowNotLoadedError(RuntimeError):
    """A class that needs TensorFlow was used in a server started without it (server_tuning.lazy_tensorflow)."""


class _Placeholder:
    """Stands for a class of a stubbed module: any use beyond naming it fails loudly."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if not getattr(cls, "_stand_in", False):
            raise TensorFlowNotLoadedError(_advice(cls.__mro__[1]))
        super().__init_subclass__(**kwargs)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TensorFlowNotLoadedError(_advice(type(self)))


def _advice(cls: type) -> str:
    return (
        f"{cls.__module__}.{cls.__qualname__} needs TensorFlow, which this server did not load because its "
        "model at start used none (server_tuning.lazy_tensorflow); restart it with the new model, or set "
        "SERVER_TUNING_SKIP=lazy_tensorflow"
    )


class StandIn(types.ModuleType):
    """A stubbed module: every public name is a placeholder class of that name."""

    def __getattr__(self, name: str) -> type:
        if name.startswith("__"):
            raise AttributeError(name)
        placeholder = type(name, (_Placeholder,), {"__module__": self.__name__, "_stand_in": True})
        setattr(self, name, placeholder)
        return placeholder


def model_path(rasa_args: Sequence[str]) -> Path | None:
    """The archive ``rasa run`` will load: ``--model`` (a file, or a folder: its newest ``.tar.gz``, as Rasa)."""
    given = DEFAULT_MODELS
    for index, arg in enumerate(rasa_args):
        if arg in MODEL_FLAGS and index + 1 < len(rasa_args):
            given = rasa_args[index + 1]
        elif arg.startswith("--model="):
            given = arg.split("=", 1)[1]
    path = Path(given)
    if path.is_dir():
        archives = sorted(path.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        return archives[-1] if archives else None
    return path if path.is_file() else None


def graph_classes(model: Path) -> set[str]:
    """Every class a node of the model's training or prediction graph uses (``metadata.json``)."""
    with tarfile.open(model, "r:gz") as archive:
        member = next((m for m in archive.getmembers() if m.name.lstrip("/") == "metadata.json"), None)
        if member is None:
            raise ValueError(f"{model}: no metadata.json")
        extracted = archive.extractfile(member)
        if extracted is None:
            raise ValueError(f"{model}: metadata.json is not a file")
        metadata = json.load(extracted)
    return {
        str(node["uses"])
        for schema in ("train_schema", "predict_schema")
        for node in metadata[schema]["nodes"].values()
    }


def needs_tensorflow(classes: Iterable[str]) -> str | None:
    """Why the graph needs TensorFlow (a stubbed class, or a custom component naming it), or None."""
    for dotted in sorted(classes):
        module = dotted.rsplit(".", 1)[0]
        if module in STUBBED:
            return f"{dotted} is a TensorFlow component"
        if module.split(".")[0] == "rasa":
            continue
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            return f"{dotted}: its source cannot be read"
        source = Path(spec.origin).read_text(encoding="utf-8")
        if "tensorflow" in source or any(stubbed in source for stubbed in STUBBED):
            return f"{dotted} names TensorFlow or a TensorFlow component"
    return None


def install(rasa_args: Sequence[str]) -> bool:
    """Puts the stand-ins in ``sys.modules`` when the model ``rasa run`` will serve needs no TensorFlow.

    Must run before anything imports Rasa's core. Returns whether it was installed.
    """
    if not rasa_args or rasa_args[0] != "run" or rasa_args[1:2] == ["actions"]:
        return False
    if any(name in sys.modules for name in STUBBED) or "tensorflow" in sys.modules:
        return all(isinstance(sys.modules.get(name), StandIn) for name in STUBBED)
    model = model_path(rasa_args[1:])
    try:
        reason = "no model found" if model is None else needs_tensorflow(graph_classes(model))
        reason = reason or next((f"{name} is set" for name in TENSORFLOW_SETTINGS if os.environ.get(name)), None)
    except (OSError, ValueError, KeyError, TypeError, tarfile.TarError, ImportError) as error:
        reason = f"the model's graph could not be read ({error})"
    if reason:
        logger.info("server_tuning: TensorFlow loads as usual: %s", reason)
        return False
    changed = [name for name in STUBBED if pinning.stale(name)]
    if changed:
        logger.warning("server_tuning: %s changed: TensorFlow loads as usual", ", ".join(changed))
        return False
    for name in STUBBED:
        sys.modules[name] = StandIn(name)
    sys.modules["tensorflow"] = None  # type: ignore[assignment]  # thinc's optional import: "not installed"
    return True
