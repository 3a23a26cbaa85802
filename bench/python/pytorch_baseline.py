#!/usr/bin/env python3
"""Baseline: ResNet50 feature extraction the way the original PyTorch
transfer-learning script does it (torchvision ImageFolder + DataLoader,
eager model, penultimate features).

Weights are random (seed 0) because pretrained weights cannot be downloaded
here; throughput does not depend on the weight values.

The LAST line of stdout is a single JSON object:
  {"imagesPerSecond": ..., "forwardImagesPerSecond": ..., "images": N,
   "torch": "...", "threads": 2, ...}

Run with Debian's interpreter: /usr/bin/python3 bench/python/pytorch_baseline.py
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_paths  # noqa: E402

import numpy as np
import torch
import torchvision
from torch.utils.data import DataLoader, Subset
from torchvision import datasets, transforms

THREADS = 2
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def default_data_dir() -> Path:
    """../shared/data/cats-and-dogs/training_set relative to the repo root,
    where the repo root is found by walking up from this file to pom.xml."""
    env = os.environ.get("CATDOG_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    candidates = []
    for p in [here, *here.parents]:
        if (p / "pom.xml").is_file():
            candidates.append(p.parent / "shared" / "data" / "cats-and-dogs" / "training_set")
            break
    # Fallbacks: bench/python -> repo root is two levels up; also cwd-relative.
    candidates.append(here.parents[1].parent / "shared" / "data" / "cats-and-dogs" / "training_set")
    candidates.append(Path.cwd().parent / "shared" / "data" / "cats-and-dogs" / "training_set")
    candidates.append(Path("/work/shared/data/cats-and-dogs/training_set"))
    for c in candidates:
        if c.is_dir():
            return c.resolve()
    return candidates[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None,
                    help="ImageFolder root (class sub-folders); default ../shared/data/cats-and-dogs/training_set "
                         "relative to the repo root (or $CATDOG_DATA)")
    ap.add_argument("--images", type=int, default=512, help="stop after this many images (default 512)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--single", type=int, default=0,
                    help="after the run, time this many single-image predictions (open, transform, forward one "
                         "image; median after 3 warm-ups), as catdog bench's singleImageMs (default 0: skip)")
    ap.add_argument("--out", type=Path, default=bench_paths.cache_dir() / "bench" / "pytorch_features.npy",
                    help="where to store the (N, 2048) float32 features (.npy); a .paths.txt sidecar lists the files")
    args = ap.parse_args()

    data_dir = (args.data or default_data_dir()).resolve()
    if not data_dir.is_dir():
        print(f"data folder not found: {data_dir}", file=sys.stderr)
        return 2

    torch.set_num_threads(THREADS)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)

    # Model: torchvision ResNet50, random weights, fc -> Identity (2048-d features).
    model = torchvision.models.resnet50(weights=None)
    model.fc = torch.nn.Identity()
    model.eval()

    transform = transforms.Compose([
        transforms.Resize(256),
        transforms.CenterCrop(224),
        transforms.ToTensor(),
        transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
    ])
    dataset = datasets.ImageFolder(str(data_dir), transform=transform)
    n = min(args.images, len(dataset))
    # Same images the original loop would see before stopping (shuffle=False),
    # without decoding a partial extra batch.
    subset = Subset(dataset, range(n))
    loader = DataLoader(subset, batch_size=args.batch_size, shuffle=False, num_workers=0)

    feats = []
    forward_s = 0.0
    done = 0
    t0 = time.perf_counter()
    with torch.no_grad():
        for images, _labels in loader:
            tf = time.perf_counter()
            out = model(images)
            forward_s += time.perf_counter() - tf
            feats.append(out.numpy())
            done += images.shape[0]
            if done >= n:
                break
    total_s = time.perf_counter() - t0

    # Single-image latency: what one interactive prediction costs, images after the ones above.
    single_ms = None
    if args.single > 0:
        times = []
        with torch.no_grad():
            for i in range(-3, args.single):
                idx = (n + max(i, 0)) % len(dataset)
                t1 = time.perf_counter()
                image, _ = dataset[idx]  # reads, decodes and transforms the file
                model(image.unsqueeze(0))
                if i >= 0:
                    times.append((time.perf_counter() - t1) * 1000)
        single_ms = float(np.median(times))

    features = np.concatenate(feats, axis=0)[:n].astype(np.float32, copy=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.save(args.out, features)
    paths_file = args.out.with_suffix(".paths.txt")
    paths_file.write_text("".join(f"{dataset.samples[i][0]}\n" for i in range(n)))

    print(f"data={data_dir} images={n} batch={args.batch_size} total={total_s:.2f}s "
          f"forward={forward_s:.2f}s decode+transform={total_s - forward_s:.2f}s "
          f"features={features.shape} -> {args.out}", file=sys.stderr)

    result = {
        "imagesPerSecond": round(n / total_s, 3),
        "forwardImagesPerSecond": round(n / forward_s, 3),
        "singleImageMs": None if single_ms is None else round(single_ms, 3),
        "images": n,
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "threads": torch.get_num_threads(),
        "batchSize": args.batch_size,
        "totalSeconds": round(total_s, 3),
        "forwardSeconds": round(forward_s, 3),
        "featureDim": int(features.shape[1]),
        "features": str(args.out),
        "ldPreload": os.environ.get("LD_PRELOAD", ""),
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
