"""The classifier's plain-array file (nlu_components): it loads to the same predictions, and holds no pickle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from nlu_components.weighted_logistic_regression import load_fitted, save_fitted


def fitted() -> tuple[LogisticRegression, np.ndarray[Any, Any]]:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(90, 12))
    y = np.array(["book_appointment", "next_step", "out_of_scope"])[np.argmax(x[:, :3], axis=1)]
    clf = LogisticRegression(class_weight={"book_appointment": 1.0, "next_step": 1.0, "out_of_scope": 6.0}, C=0.5)
    return clf.fit(x, y), x


def test_a_saved_classifier_predicts_exactly_as_before(tmp_path: Path) -> None:
    clf, x = fitted()
    save_fitted(clf, tmp_path, "clf")
    loaded = load_fitted(tmp_path, "clf")
    assert loaded is not None
    assert list(loaded.classes_) == list(clf.classes_)
    np.testing.assert_array_equal(loaded.predict_proba(x), clf.predict_proba(x))
    assert loaded.get_params() == clf.get_params()


def test_sparse_features_are_multiplied_without_copying_the_coefficients(tmp_path: Path) -> None:
    """Served messages are sparse rows; scipy copies a right-hand side that is not C-contiguous on every product."""
    clf, x = fitted()
    save_fitted(clf, tmp_path, "clf")
    loaded = load_fitted(tmp_path, "clf")
    assert loaded is not None
    assert loaded.coef_.T.flags["C_CONTIGUOUS"]
    sparse = csr_matrix(np.where(np.abs(x) > 1.0, x, 0.0))
    np.testing.assert_array_equal(loaded.predict_proba(sparse), clf.predict_proba(sparse))


def test_no_file_means_an_older_model(tmp_path: Path) -> None:
    assert load_fitted(tmp_path, "clf") is None


def test_arrays_that_need_pickle_are_refused(tmp_path: Path) -> None:
    clf, _ = fitted()
    save_fitted(clf, tmp_path, "clf")
    arrays = dict(np.load(tmp_path / "clf.npz"))
    arrays["classes_"] = np.array([object(), "next_step", "out_of_scope"], dtype=object)
    np.savez(tmp_path / "clf.npz", **arrays)  # an object array is stored as a pickle
    with pytest.raises(ValueError, match="allow_pickle"):
        load_fitted(tmp_path, "clf")
