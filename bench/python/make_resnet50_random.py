#!/usr/bin/env python3
"""Write a random-weight (seed 0) torchvision ResNet50 as TorchScript and ONNX.

By default model.fc is replaced by Identity, so the output is the 2048-d
penultimate feature vector (same model/weights as pytorch_baseline.py, which
also seeds 0 before building the model). --logits keeps the 1000-way fc.

Outputs (in --out-dir, default the per-user folder catdog bench reads, see bench_paths.py):
  resnet50-random.pt    TorchScript (torch.jit.trace, batch 1x3x224x224 example)
  resnet50-random.onnx  ONNX, input "input" [batch,3,224,224], output "features"
                        ([batch,2048], or "logits" [batch,1000] with --logits),
                        dynamic axis 0 named "batch"
  resnet50-random.check-input.f32 / .check-output.f32
                        raw little-endian float32 of a 2x3x224x224 random
                        input and the eager model's output, for cross-checking
                        other runtimes (e.g. ONNX Runtime from Java)

Both exports are compared with the eager model on a random input; ONNX is
checked with onnxruntime if that Python package is importable (Debian 12 has
no python3-onnxruntime), otherwise only with onnx.checker.

Run with Debian's interpreter: /usr/bin/python3 bench/python/make_resnet50_random.py
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch
import torchvision

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_paths  # noqa: E402


def max_rel_err(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(b))), 1e-12))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", type=Path, default=None,
                    help="where to write (default: " + str(bench_paths.model_dir()) + ", this user's own folder)")
    ap.add_argument("--logits", action="store_true", help="keep fc (1000 outputs) instead of Identity")
    ap.add_argument("--opset", type=int, default=13)
    ap.add_argument("--name", default=None, help="file base name (default resnet50-random[-logits])")
    ap.add_argument("--tol", type=float, default=1e-4, help="max abs difference allowed vs. eager")
    args = ap.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(0)
    model = torchvision.models.resnet50(weights=None)
    if not args.logits:
        model.fc = torch.nn.Identity()
    model.eval()
    out_name = "logits" if args.logits else "features"
    base = args.name or ("resnet50-random-logits" if args.logits else "resnet50-random")
    if args.out_dir is None:
        args.out_dir = bench_paths.model_dir(create=True)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    pt_path = args.out_dir / f"{base}.pt"
    onnx_path = args.out_dir / f"{base}.onnx"

    example = torch.randn(1, 3, 224, 224)
    gen = torch.Generator().manual_seed(1234)
    check_in = torch.randn(2, 3, 224, 224, generator=gen)  # batch 2: exercises the dynamic axis
    with torch.no_grad():
        ref = model(check_in).numpy()

    ok = True
    report = {"torch": torch.__version__, "torchvision": torchvision.__version__,
              "output": out_name, "outputDim": int(ref.shape[1]),
              "refMaxAbs": float(np.max(np.abs(ref)))}

    # (a) TorchScript
    with torch.no_grad():
        traced = torch.jit.trace(model, example)
    traced.save(str(pt_path))
    loaded = torch.jit.load(str(pt_path))
    loaded.eval()
    with torch.no_grad():
        ts_out = loaded(check_in).numpy()
    d = float(np.max(np.abs(ts_out - ref)))
    report["torchscript"] = {"path": str(pt_path), "bytes": pt_path.stat().st_size,
                             "maxAbsDiff": d, "maxRelDiff": max_rel_err(ts_out, ref)}
    ok &= d <= args.tol

    # (b) ONNX
    torch.onnx.export(
        model, example, str(onnx_path),
        input_names=["input"], output_names=[out_name],
        dynamic_axes={"input": {0: "batch"}, out_name: {0: "batch"}},
        opset_version=args.opset, do_constant_folding=True,
    )
    onnx_rep = {"path": str(onnx_path), "bytes": onnx_path.stat().st_size, "opset": args.opset}
    try:
        import onnx
        m = onnx.load(str(onnx_path))
        onnx.checker.check_model(m)
        dims = lambda vi: [d.dim_param or d.dim_value for d in vi.type.tensor_type.shape.dim]
        onnx_rep["checker"] = "ok (onnx " + onnx.__version__ + ")"
        onnx_rep["inputs"] = {vi.name: dims(vi) for vi in m.graph.input}
        onnx_rep["outputs"] = {vi.name: dims(vi) for vi in m.graph.output}
    except ImportError:
        onnx_rep["checker"] = "skipped (python onnx package not installed)"
    try:
        import onnxruntime as ort
        sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
        o = sess.run(None, {"input": check_in.numpy()})[0]
        d = float(np.max(np.abs(o - ref)))
        onnx_rep["onnxruntime"] = {"version": ort.__version__, "maxAbsDiff": d, "maxRelDiff": max_rel_err(o, ref)}
        ok &= d <= args.tol
    except ImportError:
        onnx_rep["onnxruntime"] = "skipped (python onnxruntime not installed; use the .check-*.f32 files)"
    report["onnx"] = onnx_rep

    # Reference tensors for cross-runtime checks (raw float32, little-endian, C order).
    in_path = args.out_dir / f"{base}.check-input.f32"
    out_path = args.out_dir / f"{base}.check-output.f32"
    check_in.numpy().astype("<f4").tofile(in_path)
    ref.astype("<f4").tofile(out_path)
    report["checkInput"] = {"path": str(in_path), "shape": list(check_in.shape)}
    report["checkOutput"] = {"path": str(out_path), "shape": list(ref.shape)}
    report["ok"] = bool(ok)

    print(json.dumps(report, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
