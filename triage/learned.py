"""The learned symptom reader: a linear model over word and character n-grams of the message.

Why: the rules recognise the words their authors (and six blind sets) used; a writer who never saw
them brings new ones ("a band squeezing my chest", "can't go number one", "not feeling the seat").
A classifier trained on every labeled message the project has recognises the symptom in wordings
it shares pieces with (character n-grams survive typos and speech-recognition slips); the rules'
context readers still decide whose, when and whether (see :mod:`triage.assess`).

The model is plain arrays (``triage/model.npz``, read with ``allow_pickle=False``): the n-gram
vocabulary, its inverse document frequencies, and the weights of a logistic regression per level.
:func:`features` is the one featuriser, used both when training (triage/train.py) and here, so the
two cannot drift apart. Pure Python and numpy: no scikit-learn at run time.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

MODEL_FILE = Path(__file__).resolve().parent / "model.npz"
LEVELS = ("emergency", "ask", "pain", "none")
"""The classes, in the order of the model's rows."""

_TOKEN = re.compile(r"[a-z0-9]+")
CHAR_SIZES = (2, 3, 4, 5)


def grams(text: str) -> Counter[str]:
    """Word 1-2 grams ("w:") and character 2-5 grams inside words padded with spaces ("c:"), counted."""
    tokens = _TOKEN.findall(text)
    counts: Counter[str] = Counter(f"w:{t}" for t in tokens)
    counts.update(f"w:{a} {b}" for a, b in itertools.pairwise(tokens))
    for token in tokens:
        padded = f" {token} "
        for size in CHAR_SIZES:
            counts.update(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return counts


def features(text: str, vocabulary: dict[str, int], idf: npt.NDArray[np.float64]) -> dict[int, float]:
    """Sublinear tf x idf over the vocabulary, L2-normalised (scikit-learn's TfidfVectorizer, by hand)."""
    weights = {
        vocabulary[g]: (1.0 + math.log(n)) * float(idf[vocabulary[g]])
        for g, n in grams(text).items()
        if g in vocabulary
    }
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {j: w / norm for j, w in weights.items()} if norm else {}


@dataclass(frozen=True)
class Model:
    """The fitted arrays: ``coef`` is (levels x features), ``intercept`` (levels)."""

    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]
    intercept: npt.NDArray[np.float64]

    def probabilities(self, text: str) -> dict[str, float]:
        """P(level | text) for each of :data:`LEVELS`; ``text`` is triage's normalised text."""
        x = features(text, self.vocabulary, self.idf)
        scores = self.intercept.copy()
        if x:
            columns = np.fromiter(x.keys(), dtype=np.int64, count=len(x))
            values = np.fromiter(x.values(), dtype=np.float64, count=len(x))
            scores = scores + self.coef[:, columns] @ values
        exp = np.exp(scores - scores.max())
        probs = exp / exp.sum()
        return {level: float(p) for level, p in zip(LEVELS, probs, strict=True)}

    def save(self, path: Path = MODEL_FILE) -> None:
        """Plain arrays only (strings as a unicode array), compressed, so a load needs no pickle."""
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            terms=np.array(terms, dtype=str),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            levels=np.array(LEVELS, dtype=str),
        )


def load(path: Path = MODEL_FILE) -> Model:
    """The model :meth:`Model.save` wrote."""
    with np.load(path, allow_pickle=False) as arrays:
        if tuple(str(level) for level in arrays["levels"]) != LEVELS:
            raise ValueError(f"{path}: levels {arrays['levels']} are not {LEVELS}")
        terms = [str(t) for t in arrays["terms"]]
        return Model(
            vocabulary={t: i for i, t in enumerate(terms)},
            idf=arrays["idf"].astype(np.float64),
            coef=arrays["coef"].astype(np.float64),
            intercept=arrays["intercept"].astype(np.float64),
        )


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The model committed beside this file (loaded once per process)."""
    return load(MODEL_FILE)
