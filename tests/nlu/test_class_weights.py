"""The configurable class weights of nlu_components' logistic regression."""

from __future__ import annotations

import pytest

from nlu_components.weighted_logistic_regression import WeightedLogisticRegressionClassifier, class_weights

LABELS = ["out_of_scope"] * 8 + ["greet"] * 2 + ["thank"] * 2


def test_without_boost_the_weights_are_sklearns_balanced_ones() -> None:
    weights = class_weights(LABELS, {})
    assert weights == pytest.approx({"out_of_scope": 12 / (3 * 8), "greet": 12 / (3 * 2), "thank": 12 / (3 * 2)})


def test_boost_multiplies_only_the_named_class() -> None:
    plain, boosted = class_weights(LABELS, {}), class_weights(LABELS, {"out_of_scope": 6.0})
    assert boosted["out_of_scope"] == pytest.approx(6 * plain["out_of_scope"])
    others = {"greet", "thank"}
    assert {k: boosted[k] for k in others} == {k: plain[k] for k in others}


def test_default_config_keeps_rasas_and_adds_boost_and_c() -> None:
    config = WeightedLogisticRegressionClassifier.get_default_config()
    assert config["boost"] == {} and config["C"] == 1.0
    assert config["solver"] == "lbfgs" and config["random_state"] == 42
