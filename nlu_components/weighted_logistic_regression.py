"""Rasa's LogisticRegressionClassifier with the class weights and regularisation made configurable.

Why: Rasa 3.6 hard-codes ``class_weight="balanced"``, which shrinks the weight of the one large class
(out_of_scope, about 900 everyday examples) to that of a 40-example intent, so off-topic questions that
share a word with the coach's intents ("insurance", "fold", "back") drift into them. ``boost`` multiplies
chosen classes' balanced weights; ``C`` is scikit-learn's inverse regularisation strength.

    - name: nlu_components.weighted_logistic_regression.WeightedLogisticRegressionClassifier
      boost: {out_of_scope: 3.0}
      C: 1.0
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.utils.class_weight import compute_class_weight


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
