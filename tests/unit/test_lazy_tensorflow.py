"""server_tuning.lazy_tensorflow: TensorFlow stays out only for a model that uses none, and only on this Rasa.

A Rasa upgrade that changes a stubbed module fails the pin test (``tests/unit/test_server_tuning.py``,
``test_no_pin_is_stale``), so the list of stand-ins is reviewed rather than silently hiding new code.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from harness.stack import ROOT
from server_tuning import lazy_tensorflow
from server_tuning.lazy_tensorflow import STUBBED

PROJECT_GRAPH = [  # the nodes of the project's model (config.yml): spaCy, logistic regression, rules, memoization
    "rasa.nlu.utils.spacy_utils.SpacyNLP",
    "rasa.nlu.tokenizers.spacy_tokenizer.SpacyTokenizer",
    "rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer.CountVectorsFeaturizer",
    "nlu_components.weighted_logistic_regression.WeightedLogisticRegressionClassifier",
    "rasa.core.policies.rule_policy.RulePolicy",
    "rasa.core.policies.memoization.MemoizationPolicy",
    "rasa.graph_components.validators.default_recipe_validator.DefaultV1RecipeValidator",
]
DIET = "rasa.nlu.classifiers.diet_classifier.DIETClassifier"


def model_archive(path: Path, predict: list[str], train: list[str] = PROJECT_GRAPH) -> Path:
    """A model archive holding only what the override reads: metadata.json with the graphs' classes."""
    metadata = {
        f"{kind}_schema": {"nodes": {f"node{i}": {"uses": uses} for i, uses in enumerate(classes)}}
        for kind, classes in (("train", train), ("predict", predict))
    }
    data = json.dumps(metadata).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def run_python(code: str) -> list[object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env, timeout=300
    )
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", sorted(STUBBED))
def test_each_stubbed_module_really_imports_tensorflow(module: str) -> None:
    """A stand-in is only worth its risk for a module that pulls TensorFlow in when imported."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).read_text()
    imports_tensorflow = re.search(r"^(import tensorflow|from tensorflow[. ])", source, re.MULTILINE)
    assert imports_tensorflow or any(f"from {other} import" in source for other in STUBBED if other != module)


def test_thinc_still_treats_tensorflow_as_optional() -> None:
    """Blocking TensorFlow is safe for spaCy only while thinc imports it inside ``try … except ImportError``."""
    spec = importlib.util.find_spec("thinc.compat")
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).read_text()
    assert "try:  # pragma: no cover\n    import tensorflow\n" in source
    assert "\nexcept ImportError:  # pragma: no cover\n    tensorflow = None\n" in source


def test_the_projects_graph_needs_no_tensorflow() -> None:
    assert lazy_tensorflow.needs_tensorflow(PROJECT_GRAPH) is None


def test_a_tensorflow_component_in_either_graph_is_named() -> None:
    assert lazy_tensorflow.needs_tensorflow([*PROJECT_GRAPH, DIET]) == f"{DIET} is a TensorFlow component"
    ted = "rasa.core.policies.ted_policy.TEDPolicy"
    assert "TEDPolicy is a TensorFlow component" in str(lazy_tensorflow.needs_tensorflow([ted]))


def test_a_custom_component_naming_tensorflow_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "my_keras_component.py").write_text("import tensorflow as tf\n\nclass Mine:\n    pass\n")
    (tmp_path / "my_diet_subclass.py").write_text(
        "from rasa.nlu.classifiers.diet_classifier import DIETClassifier\n\nclass Mine(DIETClassifier):\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "names TensorFlow" in str(lazy_tensorflow.needs_tensorflow(["my_keras_component.Mine"]))
    assert "names TensorFlow" in str(lazy_tensorflow.needs_tensorflow(["my_diet_subclass.Mine"]))
    assert "cannot be read" in str(lazy_tensorflow.needs_tensorflow(["no_such_module_here.Thing"]))


def test_the_model_is_found_as_rasa_run_finds_it(tmp_path: Path) -> None:
    old = model_archive(tmp_path / "old.tar.gz", PROJECT_GRAPH)
    new = model_archive(tmp_path / "new.tar.gz", PROJECT_GRAPH)
    os.utime(old, (time.time() - 60, time.time() - 60))
    assert lazy_tensorflow.model_path(["--model", str(old)]) == old
    assert lazy_tensorflow.model_path([f"--model={old}"]) == old
    assert lazy_tensorflow.model_path(["-m", str(tmp_path)]) == new  # a folder: its newest archive
    assert lazy_tensorflow.model_path(["--model", str(tmp_path / "missing.tar.gz")]) is None
    assert lazy_tensorflow.graph_classes(new) == set(PROJECT_GRAPH)


def test_a_model_without_tensorflow_serves_without_importing_it(tmp_path: Path) -> None:
    model = model_archive(tmp_path / "model.tar.gz", PROJECT_GRAPH)
    out = run_python(
        "import json, sys\n"
        f"sys.argv = ['server_tuning', 'run', '--model', {str(model)!r}]\n"
        "import server_tuning\n"
        "installed = server_tuning.apply()\n"
        "import rasa.core.agent, rasa.server, rasa.core.policies.rule_policy, rasa.utils.train_utils\n"
        "import spacy, thinc.compat\n"
        "from rasa.nlu.classifiers.diet_classifier import DIETClassifier\n"
        "from rasa.core.policies.rule_policy import RulePolicy\n"
        "from server_tuning.lazy_tensorflow import TensorFlowNotLoadedError\n"
        "try:\n    DIETClassifier()\nexcept TensorFlowNotLoadedError as error:\n    refused = str(error)\n"
        "print(json.dumps([installed, sys.modules.get('tensorflow', 0) is None, thinc.compat.has_tensorflow,"
        " issubclass(RulePolicy, DIETClassifier), refused]))"
    )
    installed, blocked, thinc_has_tf, is_diet, refused = out
    assert isinstance(installed, list) and "lazy_tensorflow" in installed
    assert blocked is True and thinc_has_tf is False and is_diet is False
    assert "needs TensorFlow" in str(refused) and "SERVER_TUNING_SKIP=lazy_tensorflow" in str(refused)


def test_a_model_with_diet_gets_tensorflow_as_usual(tmp_path: Path) -> None:
    model = model_archive(tmp_path / "model.tar.gz", [*PROJECT_GRAPH, DIET])
    out = run_python(
        "import json, sys\n"
        f"sys.argv = ['server_tuning', 'run', '--model', {str(model)!r}]\n"
        "from server_tuning import lazy_tensorflow\n"
        "installed = lazy_tensorflow.install(sys.argv[1:])\n"
        "print(json.dumps([installed, [n for n in lazy_tensorflow.STUBBED if n in sys.modules],"
        " 'tensorflow' in sys.modules]))"
    )
    assert out == [False, [], False]


@pytest.mark.parametrize("command", [["train"], ["run", "actions"], ["shell"], []])
def test_only_rasa_run_gets_it(command: list[str], tmp_path: Path) -> None:
    model = model_archive(tmp_path / "model.tar.gz", PROJECT_GRAPH)
    assert lazy_tensorflow.install([*command, "--model", str(model)]) is False
    assert not any(name in sys.modules and isinstance(sys.modules[name], lazy_tensorflow.StandIn) for name in STUBBED)


def test_a_tensorflow_setting_keeps_tensorflow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa imports TensorFlow to apply TF_INTER_OP_PARALLELISM_THREADS and the like: then it must be there."""
    model = model_archive(tmp_path / "model.tar.gz", PROJECT_GRAPH)
    monkeypatch.setenv("TF_INTER_OP_PARALLELISM_THREADS", "2")
    assert lazy_tensorflow.install(["run", "--model", str(model)]) is False
    assert "tensorflow" not in sys.modules or sys.modules["tensorflow"] is not None
