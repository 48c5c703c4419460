"""Rasa's LogisticRegressionClassifier with the class weights and regularisation made configurable.

Why: Rasa 3.6 hard-codes ``class_weight="balanced"``, which shrinks the weight of the one large class
(out_of_scope, about 900 everyday examples) to that of a 40-example intent, so off-topic questions that
share a word with the coach's intents ("insurance", "fold", "back") drift into them. ``boost`` multiplies
chosen classes' balanced weights; ``C`` is scikit-learn's inverse regularisation strength.

It also persists the fitted model as plain arrays (``.npz``, read with ``allow_pickle=False``) and its
parameters as JSON, instead of Rasa's skops file: loading skops lists every type in the file through
``pickle.whichmodule``, which scans every loaded module per type (about half of the server's start-up
time here). Plain numbers and strings need no trust decision at all, so loading stays safe. Models
trained before this change (skops file only) still load through Rasa's own ``load``.

The coefficients are loaded in column-major order: ``predict_proba`` multiplies the message's sparse
features by ``coef_.T``, and scipy copies a right-hand side that is not C-contiguous before each
product, which for row-major coefficients (41 intents by 17,483 features) was the whole matrix, about
2 ms of every turn. ``coef_.T`` of a column-major ``coef_`` is C-contiguous: no copy, the same numbers.

    - name: nlu_components.weighted_logistic_regression.WeightedLogisticRegressionClassifier
      boost: {out_of_scope: 3.0}
      C: 1.0
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression
from sklearn.utils.class_weight import compute_class_weight

FITTED = ("coef_", "intercept_", "classes_", "n_iter_")
"""The fitted attributes ``predict_proba`` needs (plus ``n_features_in_``, stored with the parameters)."""


def save_fitted(clf: LogisticRegression, folder: Path, name: str) -> None:
    """Writes ``name.npz`` (the fitted arrays) and ``name.json`` (the parameters) into ``folder``."""
    arrays = {attr: np.asarray(getattr(clf, attr)) for attr in FITTED}
    arrays["classes_"] = arrays["classes_"].astype(str)  # intent names as a unicode array: no pickle
    np.savez(folder / f"{name}.npz", **arrays)
    params = {"params": clf.get_params(), "n_features_in_": int(clf.n_features_in_)}
    (folder / f"{name}.json").write_text(json.dumps(params, sort_keys=True))


def load_fitted(folder: Path, name: str) -> LogisticRegression | None:
    """The classifier ``save_fitted`` wrote, or None when the folder has no such files (an older model)."""
    arrays_file, params_file = folder / f"{name}.npz", folder / f"{name}.json"
    if not (arrays_file.exists() and params_file.exists()):
        return None
    stored = json.loads(params_file.read_text())
    clf = LogisticRegression(**stored["params"])
    with np.load(arrays_file, allow_pickle=False) as arrays:
        for attr in FITTED:
            setattr(clf, attr, arrays[attr])
    clf.coef_ = np.asfortranarray(clf.coef_)  # coef_.T C-contiguous: no copy per prediction (docstring)
    clf.n_features_in_ = int(stored["n_features_in_"])
    return clf


def class_weights(labels: list[str], boost: dict[str, float]) -> dict[str, float]:
    """Balanced weights (n_samples / (n_classes * count)), times ``boost`` for the classes it names."""
    classes = np.array(sorted(set(labels)))
    balanced = compute_class_weight("balanced", classes=classes, y=np.array(labels))
    return {str(c): float(w) * float(boost.get(str(c), 1.0)) for c, w in zip(classes, balanced, strict=True)}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class WeightedLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Logistic regression intent classifier whose class weights and C come from the config."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "boost": {}, "C": 1.0}

    def train(self, training_data: TrainingData) -> Resource:
        labels = [str(e.get("intent")) for e in training_data.intent_examples if e.get("intent") and e.get("text")]
        if labels:
            weights = class_weights(labels, dict(self.config["boost"] or {}))
            self.clf.set_params(class_weight=weights, C=float(self.config["C"]))
        return super().train(training_data)

    def persist(self) -> None:
        """Saves the fitted model as arrays and JSON (see the module docstring), not as a skops file."""
        with self._model_storage.write_to(self._resource) as model_dir:
            save_fitted(self.clf, Path(model_dir), self._resource.name)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> WeightedLogisticRegressionClassifier:
        """Loads the arrays ``persist`` wrote; a model with a skops file only goes through Rasa's ``load``."""
        try:
            with model_storage.read_from(resource) as model_dir:
                clf = load_fitted(Path(model_dir), resource.name)
        except ValueError:  # no such resource: an untrained component, as Rasa's load handles it
            clf = None
        if clf is None:
            loaded: WeightedLogisticRegressionClassifier = super().load(
                config, model_storage, resource, execution_context, **kwargs
            )
            return loaded
        component = cls(config, execution_context.node_name, model_storage, resource)
        component.clf = clf
        return component
