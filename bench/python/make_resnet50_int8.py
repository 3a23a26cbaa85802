#!/usr/bin/env python3
"""Quantize the random-weight ResNet50 ONNX file to int8, the way the ONNX Model Zoo's
resnet50-v1-12-int8.onnx is quantized, without onnxruntime's Python tools (Debian does not package
them): the fp32 graph is rewritten node by node with onnx.helper.

What the zoo file is (Intel Neural Compressor with the onnxruntime backend, static post-training
quantization, "QOperator" format): the input goes through one QuantizeLinear; every Conv becomes a
QLinearConv with uint8 activations (one scale and zero point per tensor) and int8 weights (one
symmetric scale per output channel, zero point 0) with an int32 bias; a Relu after a Conv or an Add
disappears into the output quantization (zero point 0 clamps at 0); the residual Adds become
com.microsoft QLinearAdd, MaxPool runs on uint8, the pooling is com.microsoft
QLinearGlobalAveragePool, and a DequantizeLinear brings the pooled tensor back to float.
This script does the same to bench/python/make_resnet50_random.py's model (fc = Identity, so the
graph ends at the pooled 2048-d features; the zoo's quantized fc is not needed for features).

Scales come from a real calibration, as a static quantizer's do: the fp32 graph is run (in PyTorch,
node by node) on calibration images and every activation's min/max sets its uint8 scale and zero
point. The weights are random, so the int8 features only have to be sane, not accurate; throughput
does not depend on the values. The script also runs the int8 graph's arithmetic in float64 (an
emulation of what ONNX Runtime should compute) and writes it as the check output, so the Java
check (bench/python/verify/OrtCheck.java) can confirm that ONNX Runtime runs the graph as meant.

--format qdq writes the same quantization as QuantizeLinear/DequantizeLinear pairs around float
Conv/Add/MaxPool/GlobalAveragePool nodes (the zoo's resnet50-v1-12-qdq.onnx form), which ONNX
Runtime fuses back into QLinear kernels when it optimises the graph.

Outputs (in the fp32 model's folder, unless --out is given):
  resnet50-random-int8.onnx                 (or resnet50-random-qdq.onnx with --format qdq)
  <name>.check-input.f32                    2 real images, preprocessed, [2,3,224,224] float32 LE
  <name>.check-output.f32                   the emulated int8 features for them [2,2048]
  <name>.check-fp32.f32                     the fp32 model's features for them

Run with Debian's interpreter (needs python3-onnx, python3-torch, python3-torchvision, python3-pil):
  /usr/bin/python3 bench/python/make_resnet50_random.py     # the fp32 model first
  /usr/bin/python3 bench/python/make_resnet50_int8.py
"""
import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_paths  # noqa: E402

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

MS = "com.microsoft"


# ---------------------------------------------------------------------------------------------
# Calibration images
# ---------------------------------------------------------------------------------------------

def default_data_dir() -> Path:
    env = os.environ.get("CATDOG_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for p in [here, *here.parents]:
        if (p / "pom.xml").is_file():
            return p.parent / "shared" / "data" / "cats-and-dogs"
    return Path("/work/shared/data/cats-and-dogs")


def calibration_batch(data: Path, count: int) -> torch.Tensor:
    """`count` images, half from each class folder of the test set (none of the bench's images,
    which come from the training set), preprocessed as everywhere else: shorter side 256, centre
    crop 224, ImageNet mean/std. Random normal pixels when there are no images."""
    from PIL import Image
    from torchvision import transforms
    tf = transforms.Compose([
        transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    root = data / "test_set" if (data / "test_set").is_dir() else data
    classes = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    files = []
    for c in classes:
        imgs = sorted(p for p in c.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
        files += imgs[: max(1, count // max(1, len(classes)))]
    files = files[:count]
    if not files:
        print(f"no calibration images under {root}; using random normal pixels", file=sys.stderr)
        return torch.randn(count, 3, 224, 224, generator=torch.Generator().manual_seed(7))
    return torch.stack([tf(Image.open(f).convert("RGB")) for f in files])


# ---------------------------------------------------------------------------------------------
# The fp32 graph, run node by node in PyTorch
# ---------------------------------------------------------------------------------------------

def attrs(node) -> dict:
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def conv_args(a: dict, weight_shape) -> dict:
    pads = list(a.get("pads", [0, 0, 0, 0]))
    if pads[0] != pads[2] or pads[1] != pads[3]:
        raise ValueError(f"asymmetric padding not supported: {pads}")
    return dict(stride=tuple(a.get("strides", [1, 1])), padding=(pads[0], pads[1]),
                dilation=tuple(a.get("dilations", [1, 1])), groups=a.get("group", 1))


def maxpool(x, a):
    pads = list(a.get("pads", [0, 0, 0, 0]))
    return F.max_pool2d(x, tuple(a["kernel_shape"]), stride=tuple(a.get("strides", [1, 1])),
                        padding=(pads[0], pads[1]), ceil_mode=bool(a.get("ceil_mode", 0)))


class Graph:
    """The fp32 ResNet50 graph with Identity-of-initializer nodes resolved (torch's exporter
    shares equal biases through Identity nodes)."""

    def __init__(self, model: onnx.ModelProto):
        g = model.graph
        self.model = model
        self.init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
        self.nodes = []
        for n in g.node:
            if n.op_type == "Identity" and n.input[0] in self.init:
                self.init[n.output[0]] = self.init[n.input[0]]
            else:
                self.nodes.append(n)
        self.input = g.input[0].name
        self.output = g.output[0].name
        self.consumers = defaultdict(list)
        for n in self.nodes:
            for i in n.input:
                self.consumers[i].append(n)
        ops = Counter(n.op_type for n in self.nodes)
        unknown = set(ops) - {"Conv", "Relu", "Add", "MaxPool", "GlobalAveragePool", "Flatten"}
        if unknown:
            raise ValueError(f"unexpected ops in the fp32 graph: {unknown}")

    def fused_relu(self, name):
        """The Relu reading `name` when it is its only consumer: it is folded into the quantization."""
        c = self.consumers.get(name, [])
        return c[0] if len(c) == 1 and c[0].op_type == "Relu" else None

    def run(self, x: torch.Tensor, ranges: dict | None = None) -> torch.Tensor:
        """Runs the graph; with `ranges`, widens each activation's (min, max) as it goes and frees
        a tensor after its last consumer (a whole ResNet50's activations do not fit otherwise)."""
        last_use = {}
        for idx, n in enumerate(self.nodes):
            for i in n.input:
                last_use[i] = idx
        vals = {self.input: x}
        if ranges is not None:
            widen(ranges, self.input, x)
        for idx, n in enumerate(self.nodes):
            a = attrs(n)
            ins = [vals[i] if i in vals else torch.from_numpy(self.init[i].copy()) for i in n.input if i]
            if n.op_type == "Conv":
                y = F.conv2d(ins[0], ins[1], ins[2] if len(ins) > 2 else None, **conv_args(a, ins[1].shape))
            elif n.op_type == "Relu":
                y = torch.relu(ins[0])
            elif n.op_type == "Add":
                y = ins[0] + ins[1]
            elif n.op_type == "MaxPool":
                y = maxpool(ins[0], a)
            elif n.op_type == "GlobalAveragePool":
                y = ins[0].mean(dim=(2, 3), keepdim=True)
            else:  # Flatten
                y = torch.flatten(ins[0], start_dim=a.get("axis", 1))
            vals[n.output[0]] = y
            if ranges is not None:
                widen(ranges, n.output[0], y)
            for i in n.input:
                if last_use.get(i) == idx and i != self.output:
                    vals.pop(i, None)
        return vals[self.output]


def widen(ranges, name, t):
    lo, hi = float(t.min()), float(t.max())
    old = ranges.get(name)
    ranges[name] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)


# ---------------------------------------------------------------------------------------------
# Quantization parameters
# ---------------------------------------------------------------------------------------------

def uint8_params(lo: float, hi: float):
    """Asymmetric uint8 for an activation range; the range always holds 0 (so 0 is exact, and a
    range starting at 0, a Relu's, gets zero point 0: quantizing then clamps at 0, i.e. is the Relu)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zp = int(np.clip(round(-lo / scale), 0, 255))
    return np.float32(scale), np.uint8(zp)


def int8_weights(w: np.ndarray):
    """Symmetric int8 per output channel, zero point 0, range [-127, 127]."""
    m = np.abs(w.reshape(w.shape[0], -1)).max(axis=1)
    scale = np.where(m > 0, m / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.round(w / scale.reshape(-1, 1, 1, 1)), -127, 127).astype(np.int8)
    return q, scale


# ---------------------------------------------------------------------------------------------
# The int8 graph
# ---------------------------------------------------------------------------------------------

class Quantizer:
    def __init__(self, graph: Graph, ranges: dict, fmt: str):
        self.g = graph
        self.ranges = ranges
        self.fmt = fmt
        self.nodes = []
        self.inits = []
        self.qparams = {}   # float tensor name -> (scale, zp) of its quantized form
        self.qname = {}     # float tensor name -> name of the tensor holding it quantized (QOperator)
        self.emu = []       # the emulation program: callables over a dict of float64 tensors

    # initializers ------------------------------------------------------------------------
    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def params_of(self, tensor):
        """Adds the scale and zero point initializers of an activation once; returns their names."""
        s, z = self.qparams[tensor]
        base = safe(tensor)
        sn, zn = f"{base}_scale", f"{base}_zero_point"
        if not any(i.name == sn for i in self.inits):
            self.const(sn, np.array(s, dtype=np.float32))
            self.const(zn, np.array(z, dtype=np.uint8))
        return sn, zn

    def set_params(self, tensor, lo_hi_of=None):
        self.qparams[tensor] = uint8_params(*self.ranges[lo_hi_of or tensor])

    # building ----------------------------------------------------------------------------
    def build(self):
        g = self.g
        x = g.input
        self.set_params(x)
        sx, zx = self.params_of(x)
        if self.fmt == "qoperator":
            self.qname[x] = safe(x) + "_quantized"
            self.nodes.append(helper.make_node("QuantizeLinear", [x, sx, zx], [self.qname[x]],
                                               name="input_quantize"))
        else:
            self.qdq(x, x)
        self.emu.append(("quantize", x))
        for n in g.nodes:
            op = n.op_type
            if op == "Relu":
                if n.input[0] not in self.qparams or n.output[0] not in self.qparams:
                    raise ValueError(f"a Relu that is not after a Conv or an Add: {n.name}")
                continue  # folded into the producer's output quantization
            if op == "Conv":
                self.conv(n)
            elif op == "Add":
                self.add(n)
            elif op == "MaxPool":
                self.maxpool(n)
            elif op == "GlobalAveragePool":
                self.gap(n)
            elif op == "Flatten":
                self.flatten(n)

    def out_of(self, n):
        """The float tensor a Conv/Add stands for after quantization: its Relu's output if fused."""
        relu = self.g.fused_relu(n.output[0])
        out = relu.output[0] if relu is not None else n.output[0]
        self.set_params(out)
        if relu is not None:
            self.qparams[n.output[0]] = self.qparams[out]  # the same quantized tensor
        return out

    def conv(self, n):
        a = attrs(n)
        x, wname = n.input[0], n.input[1]
        w = self.g.init[wname].astype(np.float32)
        b = self.g.init[n.input[2]].astype(np.float32) if len(n.input) > 2 and n.input[2] else \
            np.zeros(w.shape[0], np.float32)
        wq, ws = int8_weights(w)
        xs = self.qparams[x][0]
        bq = np.round(b / (np.float64(xs) * ws.astype(np.float64))).astype(np.int32)
        out = self.out_of(n)
        base = safe(n.name or out)
        wn = self.const(base + "_W_quantized", wq)
        wsn = self.const(base + "_W_scale", ws)
        wzn = self.const(base + "_W_zero_point", np.zeros(w.shape[0], np.int8))
        bn = self.const(base + "_B_quantized", bq)
        sx, zx = self.params_of(x)
        so, zo = self.params_of(out)
        conv_attrs = {k: v for k, v in a.items() if k in ("dilations", "group", "kernel_shape", "pads", "strides")}
        if self.fmt == "qoperator":
            self.qname[out] = safe(out) + "_quantized"
            self.nodes.append(helper.make_node(
                "QLinearConv", [self.qname[x], sx, zx, wn, wsn, wzn, so, zo, bn], [self.qname[out]],
                name=base + "_quant", **conv_attrs))
        else:
            wd = self.dq(wn, wsn, wzn, base + "_W_dequantized", axis=0)
            bsn = self.const(base + "_B_scale", (np.float64(xs) * ws.astype(np.float64)).astype(np.float32))
            bzn = self.const(base + "_B_zero_point", np.zeros(w.shape[0], np.int32))
            bd = self.dq(bn, bsn, bzn, base + "_B_dequantized", axis=0)
            self.nodes.append(helper.make_node("Conv", [self.dqname(x), wd, bd], [base + "_output"],
                                               name=base, **conv_attrs))
            self.qdq(base + "_output", out)
        self.emu.append(("conv", x, out, wq, ws, bq, conv_args(a, w.shape)))

    def add(self, n):
        a_in, b_in = n.input
        out = self.out_of(n)
        sa, za = self.params_of(a_in)
        sb, zb = self.params_of(b_in)
        so, zo = self.params_of(out)
        base = safe(n.name or out)
        if self.fmt == "qoperator":
            self.qname[out] = safe(out) + "_quantized"
            self.nodes.append(helper.make_node(
                "QLinearAdd", [self.qname[a_in], sa, za, self.qname[b_in], sb, zb, so, zo], [self.qname[out]],
                name=base + "_quant", domain=MS))
        else:
            self.nodes.append(helper.make_node("Add", [self.dqname(a_in), self.dqname(b_in)], [base + "_output"],
                                               name=base))
            self.qdq(base + "_output", out)
        self.emu.append(("add", a_in, b_in, out))

    def maxpool(self, n):
        x, out = n.input[0], n.output[0]
        self.qparams[out] = self.qparams[x]  # max of uint8 values: same scale and zero point
        a = {k: v for k, v in attrs(n).items()}
        if self.fmt == "qoperator":
            self.qname[out] = safe(out) + "_quantized"
            self.nodes.append(helper.make_node("MaxPool", [self.qname[x]], [self.qname[out]], name=safe(n.name), **a))
        else:
            self.nodes.append(helper.make_node("MaxPool", [self.dqname(x)], [safe(out) + "_float"],
                                               name=safe(n.name), **a))
            self.qdq(safe(out) + "_float", out)
        self.emu.append(("maxpool", x, out, attrs(n)))

    def gap(self, n):
        x, out = n.input[0], n.output[0]
        self.set_params(out)
        sx, zx = self.params_of(x)
        so, zo = self.params_of(out)
        if self.fmt == "qoperator":
            self.qname[out] = safe(out) + "_quantized"
            self.nodes.append(helper.make_node(
                "QLinearGlobalAveragePool", [self.qname[x], sx, zx, so, zo], [self.qname[out]],
                name=safe(n.name) + "_quant", domain=MS, channels_last=0))
            self.nodes.append(helper.make_node("DequantizeLinear", [self.qname[out], so, zo], [out],
                                               name=safe(n.name) + "_dequantize"))
        else:
            self.nodes.append(helper.make_node("GlobalAveragePool", [self.dqname(x)], [safe(out) + "_float"],
                                               name=safe(n.name)))
            self.qdq(safe(out) + "_float", out, dq_name=out)
        self.emu.append(("gap", x, out))

    def flatten(self, n):
        self.nodes.append(helper.make_node("Flatten", [n.input[0]], [n.output[0]], name=safe(n.name),
                                           **attrs(n)))
        self.emu.append(("flatten", n.input[0], n.output[0]))

    # QDQ helpers ---------------------------------------------------------------------------
    def dq(self, q, s, z, out, axis=None):
        kw = {"axis": axis} if axis is not None else {}
        self.nodes.append(helper.make_node("DequantizeLinear", [q, s, z], [out], name=out, **kw))
        return out

    def dqname(self, tensor):
        return self.qname[tensor]

    def qdq(self, produced, tensor, dq_name=None):
        """QuantizeLinear -> DequantizeLinear after a float producer; consumers read the DQ output."""
        s, z = self.params_of(tensor)
        q = safe(tensor) + "_QuantizeLinear_Output"
        d = dq_name or safe(tensor) + "_DequantizeLinear_Output"
        self.nodes.append(helper.make_node("QuantizeLinear", [produced, s, z], [q], name=q))
        self.nodes.append(helper.make_node("DequantizeLinear", [q, s, z], [d], name=d))
        self.qname[tensor] = d

    # the model -----------------------------------------------------------------------------
    def model(self) -> onnx.ModelProto:
        g = self.g.model.graph
        graph = helper.make_graph(self.nodes, g.name + "-int8", [g.input[0]], [g.output[0]], self.inits)
        m = helper.make_model(graph, producer_name="catdog-bench make_resnet50_int8.py",
                              opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid(MS, 1)])
        m.ir_version = self.g.model.ir_version
        return m

    # emulation -----------------------------------------------------------------------------
    def emulate(self, x: torch.Tensor) -> torch.Tensor:
        """The int8 graph's arithmetic in float64: quantized tensors hold integers 0..255."""
        q = {}

        def quant(t, name):
            s, z = self.qparams[name]
            return torch.clamp(torch.round(t / float(s)) + int(z), 0, 255)

        def deq(name):
            s, z = self.qparams[name]
            return (q[name] - int(z)) * float(s)

        out = None
        for step in self.emu:
            kind = step[0]
            if kind == "quantize":
                q[step[1]] = quant(x.double(), step[1])
            elif kind == "conv":
                _, xi, o, wq, ws, bq, cargs = step
                w = torch.from_numpy(wq.astype(np.float64) * ws.astype(np.float64).reshape(-1, 1, 1, 1))
                b = torch.from_numpy(bq.astype(np.float64) * float(self.qparams[xi][0]) * ws.astype(np.float64))
                q[o] = quant(F.conv2d(deq(xi), w, b, **cargs), o)
            elif kind == "add":
                _, ai, bi, o = step
                q[o] = quant(deq(ai) + deq(bi), o)
            elif kind == "maxpool":
                _, xi, o, a = step
                q[o] = maxpool(q[xi], a)
            elif kind == "gap":
                _, xi, o = step
                q[o] = quant(deq(xi).mean(dim=(2, 3), keepdim=True), o)
                out = deq(o)
            elif kind == "flatten":
                out = torch.flatten(out, 1)
        return out.float()


def safe(name: str) -> str:
    return name.strip("/").replace("/", "_").replace(".", "_").replace(":", "_")


def agreement(got: np.ndarray, ref: np.ndarray) -> dict:
    """Relative L2 error, and the cosine of the two after subtracting each one's mean over the images:
    random-weight features share a large common part, so the plain cosine is near 1 for any image."""
    rel = float(np.linalg.norm(got - ref) / max(np.linalg.norm(ref), 1e-12))
    g, r = got - got.mean(axis=0), ref - ref.mean(axis=0)
    cos = float((g * r).sum() / max(np.linalg.norm(g) * np.linalg.norm(r), 1e-12))
    return {"relL2": round(rel, 4), "centredCosine": round(cos, 4)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fp32", type=Path, default=bench_paths.model_dir() / "resnet50-random.onnx",
                    help="the fp32 model (from make_resnet50_random.py; default in this user's bench folder)")
    ap.add_argument("--out", type=Path, default=None, help="the int8 model to write")
    ap.add_argument("--format", choices=["qoperator", "qdq"], default="qoperator")
    ap.add_argument("--data", type=Path, default=None, help="calibration images: a cats-and-dogs style folder")
    ap.add_argument("--calibration-images", type=int, default=32)
    args = ap.parse_args()
    if not args.fp32.is_file():
        print(f"{args.fp32} not found: run bench/python/make_resnet50_random.py first", file=sys.stderr)
        return 2
    out = args.out or args.fp32.with_name("resnet50-random-" + ("int8" if args.format == "qoperator" else "qdq")
                                          + ".onnx")
    torch.set_num_threads(2)
    graph = Graph(onnx.load(str(args.fp32)))

    calib = calibration_batch((args.data or default_data_dir()).resolve(), args.calibration_images)
    ranges = {}
    with torch.no_grad():
        for i in range(0, calib.shape[0], 8):
            graph.run(calib[i:i + 8], ranges)

    qz = Quantizer(graph, ranges, args.format)
    qz.build()
    model = qz.model()
    onnx.checker.check_model(model)
    tmp = out.with_name(out.name + ".tmp")
    onnx.save(model, str(tmp))
    tmp.replace(out)  # never a half-written model under the final name

    check_in = calib[:2].contiguous()
    with torch.no_grad():
        fp32 = graph.run(check_in).numpy()
        emu = qz.emulate(check_in).numpy()
        fp32_all = np.concatenate([graph.run(calib[i:i + 8]).numpy() for i in range(0, calib.shape[0], 8)])
        emu_all = np.concatenate([qz.emulate(calib[i:i + 8]).numpy() for i in range(0, calib.shape[0], 8)])
    stem = out.with_suffix("")
    check_in.numpy().astype("<f4").tofile(f"{stem}.check-input.f32")
    emu.astype("<f4").tofile(f"{stem}.check-output.f32")
    fp32.astype("<f4").tofile(f"{stem}.check-fp32.f32")

    ops = Counter((n.domain + "::" if n.domain else "") + n.op_type for n in model.graph.node)
    report = {
        "path": str(out), "bytes": out.stat().st_size, "format": args.format,
        "fp32": str(args.fp32), "fp32Bytes": args.fp32.stat().st_size,
        "nodes": len(model.graph.node), "initializers": len(model.graph.initializer), "ops": dict(ops),
        "calibrationImages": int(calib.shape[0]), "activationTensors": len(qz.qparams),
        "checker": "ok (onnx " + onnx.__version__ + ")",
        "int8VsFp32OnCalibrationImages": agreement(emu_all, fp32_all),
        "checkInput": f"{stem}.check-input.f32 [2,3,224,224]",
        "checkOutput": f"{stem}.check-output.f32 (emulated int8) / {stem}.check-fp32.f32 (fp32)",
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
