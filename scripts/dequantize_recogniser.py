"""Rewrite an int8 (dynamically quantized) recogniser graph as an fp32 graph with fp16-stored weights.

usage: python scripts/dequantize_recogniser.py IN.onnx OUT.onnx

The graphs exported before 2026-12-07 quantized every matrix product to int8 with 8-bit weights. On CPUs
without VNNI (AVX2 only) ONNX Runtime's u8 x s8 kernel saturates 16-bit sums, so the same graph scored
differently from machine to machine (blind type F1 .651 on one, .643 on another), and activation
quantization moved one positive decision in eight at 0.25 against the fp32 graph on any machine. This
rewrites each ``DynamicQuantizeLinear`` → ``MatMulInteger`` → ``Cast`` → ``Mul`` chain as a float
``MatMul`` by the dequantized weights (int8 value minus zero point, times the channel's scale), drops
the nodes no output needs, and stores the matrices in fp16 (``train.half_weights``). The weights are the
int8 grid of the trained ones, not the fp32 originals, which were not kept; ``--final`` training now
writes fp16 directly. Needs the ``onnx`` package (``pip install -e '.[train]'``).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np


def dequantize(src: Path, dst: Path) -> int:
    """Write ``src`` with every integer matrix product made float; return how many were rewritten."""
    import onnx
    from onnx import helper
    from onnx import numpy_helper as nh

    graph_model = onnx.load(str(src))
    g = graph_model.graph
    inits = {i.name: i for i in g.initializer}
    producer = {o: n for n in g.node for o in n.output}
    readers: dict[str, list] = {}
    for n in g.node:
        for i in n.input:
            readers.setdefault(i, []).append(n)
    replaced, dropped, weights = {}, set(), []
    for n in g.node:
        if n.op_type != "MatMulInteger":
            continue
        a_q, b_q, _, b_zero = n.input
        name = b_q.removesuffix("_quantized")
        w = (nh.to_array(inits[b_q]).astype(np.float32) - nh.to_array(inits[b_zero]).astype(np.float32)) \
            * nh.to_array(inits[name + "_scale"]).astype(np.float32)
        weights.append(nh.from_array(w, name + "_dequantized"))
        cast = readers[n.output[0]][0]
        mul = readers[cast.output[0]][0]
        if cast.op_type != "Cast" or mul.op_type != "Mul":
            raise SystemExit(f"{src}: {n.name} is not followed by Cast and Mul; not a dynamic-quantization graph")
        a_float = producer[a_q].input[0]  # what DynamicQuantizeLinear quantized
        replaced[id(n)] = helper.make_node("MatMul", [a_float, name + "_dequantized"], [mul.output[0]],
                                           name=n.name + "_dequantized")
        dropped |= {id(cast), id(mul), id(producer[mul.input[1]])}
    nodes = [replaced.get(id(n), n) for n in g.node if id(n) not in dropped]
    needed, kept = {o.name for o in g.output}, []
    for n in reversed(nodes):  # keep what an output needs: the DynamicQuantizeLinear nodes go
        if any(o in needed for o in n.output):
            kept.append(n)
            needed |= set(n.input)
    kept.reverse()
    del g.node[:]
    g.node.extend(kept)
    used = {i for n in kept for i in n.input}
    keep_inits = [i for i in list(g.initializer) + weights if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep_inits)
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, str(dst))
    return len(replaced)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    from contention.recognise.train import half_weights

    src, dst = Path(argv[0]), Path(argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        n = dequantize(src, fp32)
        half_weights(fp32, dst)
    print(f"{dst}: {n} integer matrix products made float, weights stored in fp16")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
