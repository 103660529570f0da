"""The training path end to end on a tiny set: cache, fit, export, and the runtime reading the export."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from contention.recognise.data import Example, label_arrays
from contention.recognise.runtime import MODEL_PATH, Recogniser
from contention.recognise.tokenizer import load_tokenizer
from contention.taxonomy import EVENT_TYPES
from contention.recognise.train import Settings, TokenCache, base_model, export_onnx, fit, half_weights, predict

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from dequantize_recogniser import dequantize

INTEGER_OPS = {"MatMulInteger", "DynamicQuantizeLinear", "ConvInteger", "QLinearMatMul", "DynamicQuantizeMatMul"}
DEQUANTIZED_TOLERANCE = 0.05  # 8-bit per-channel weights, float arithmetic


def test_the_shipped_graph_computes_in_float() -> None:
    """No integer kernel in the committed graph: int8 ones score differently on CPUs with and without VNNI."""
    ops = {n.op_type for n in onnx.load(str(MODEL_PATH)).graph.node}
    assert "MatMul" in ops and not ops & INTEGER_OPS


POS = ["Police detained {n} protesters in {c}.", "Riot police arrested {n} marchers in {c} on Sunday.",
       "{n} activists were taken into custody in {c}."]
NEG = ["The weather in {c} stayed mild for {n} days.", "A new bridge opened in {c} after {n} years of work.",
       "Tourists in {c} spent {n} million on hotels."]
CITIES = ["Almaty", "Lyon", "Porto", "Krakow", "Tartu", "Kyiv", "Quito"]


def examples() -> list[Example]:
    out = []
    for k, c in enumerate(CITIES):
        for j, p in enumerate(POS):
            out.append(Example(p.format(n=10 + k + j, c=c), "en", "clauses", {"response.detention": "asserted"}, False))
        for j, n in enumerate(NEG):
            out.append(Example(n.format(n=3 + k + j, c=c), "en", "clauses", {}, None))
    return out


def test_fit_learns_export_and_runtime_agree(tmp_path: Path) -> None:
    s = Settings(layers=2, frozen=1, epochs=4, batch=8, head_lr=2e-2, extra_per_epoch=0, threads=1)
    data = examples()
    base, words = base_model(s)
    cache = TokenCache(tmp_path / "cache", s, base, words)
    cache.fill([e.text for e in data])
    assert len(list((tmp_path / "cache").glob("*.npz"))) == 1
    model = fit(base, cache, data, s)
    out = predict(model, cache, data, s)
    j = EVENT_TYPES.index("response.detention")
    y, p = label_arrays(data)[0][:, j], out["types"][:, j]
    assert p[y == 1].mean() > p[y == 0].mean() + 0.3  # it learned the difference

    path = tmp_path / "m.onnx"
    export_onnx(model, path)
    rec = Recogniser(path)
    got = rec.score([e.text for e in data])
    assert got.types.shape == (len(data), 23)
    assert np.abs(got.types - out["types"]).max() < 1e-3  # the exported graph scores as torch does
    # the runtime's embedding lookup is the torch one
    ids, _ = load_tokenizer(96).pad_batch(["Police detained ten protesters."])
    assert np.allclose(rec.embed_tokens(ids), words(torch.from_numpy(ids)).numpy(), atol=1e-6)

    # an int8 export made float again (how the shipped graph was rebuilt) stays on the trained model's scores
    int8, back32, back = tmp_path / "m8.onnx", tmp_path / "back32.onnx", tmp_path / "back.onnx"
    export_onnx(model, int8, weights="int8")
    assert dequantize(int8, back32) == 2 * 6 + 4  # q k v ao fi fo of 2 layers, and 4 heads
    half_weights(back32, back)
    assert not {n.op_type for n in onnx.load(str(back)).graph.node} & INTEGER_OPS
    redone = Recogniser(back).score([e.text for e in data])
    assert np.abs(redone.types - out["types"]).max() < DEQUANTIZED_TOLERANCE

    with pytest.raises(ValueError, match="int4"):  # refused before anything is written
        export_onnx(model, tmp_path / "x.onnx", weights="int4")
    assert not list(tmp_path.glob("x*"))


def test_half_weights_keeps_a_matrix_fp16_cannot_hold(tmp_path: Path) -> None:
    from onnx import TensorProto, helper
    from onnx import numpy_helper as nh

    small, large = np.full((2, 2), 0.5, np.float32), np.array([[1e5, 0], [0, 1]], np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "small"], ["y"]), helper.make_node("MatMul", ["y", "large"], ["z"])], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 2])],
        [nh.from_array(small, "small"), nh.from_array(large, "large")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(tmp_path / "g.onnx"))
    half_weights(tmp_path / "g.onnx", tmp_path / "h.onnx")
    stored = {i.name: nh.to_array(i).dtype for i in onnx.load(str(tmp_path / "h.onnx")).graph.initializer}
    assert stored == {"small_fp16": np.float16, "large": np.float32}


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_recogniser.py"


def test_a_bad_policy_stops_the_training_script_before_it_trains(tmp_path: Path) -> None:
    """``--policy`` takes inline JSON or a file; a malformed value is a one-line error at once (it used to be read
    only after the final fit, twenty minutes in)."""
    import subprocess
    import sys

    for bad in ('{"decide": 0.25', str(tmp_path / "missing.json"), "[0.25]"):
        run = subprocess.run([sys.executable, str(SCRIPT), "--final", "--policy", bad, "--cache", str(tmp_path)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        lines = run.stderr.strip().splitlines()
        assert lines[-1].startswith("train_recogniser.py: error: argument --policy:") and bad in lines[-1]
        assert "data:" not in run.stderr  # nothing was read or trained


def test_the_policy_may_be_given_inline_or_as_a_file(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_recogniser", SCRIPT)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    f = tmp_path / "policy.json"
    f.write_text('{"decide": 0.3}')
    assert mod.json_arg('{"decide": 0.25, "decide_keep": 0.2}') == {"decide": 0.25, "decide_keep": 0.2}
    assert mod.json_arg(str(f)) == {"decide": 0.3}
