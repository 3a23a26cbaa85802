#!/usr/bin/python3
"""Makes the reference fixture for ImagePreprocessorTorchvisionTest (run once; the output is committed,
so `mvn verify` needs no Python).

For a handful of generated images of awkward sizes (downscales by 1.5x and 3x, an upscale, a portrait
whose long side is truncated, sizes where only one pass or no pass resizes, crops whose offset rounds
half to even) it writes, under src/test/resources/studio/catdog/image/torchvision/:
  NAME.png        the input (PNG: lossless, so Java decodes exactly these pixels)
  NAME.crop.png   torchvision's Resize(256) + CenterCrop(224) of it, as 8-bit RGB
  fixture.json    per image: sizes, crop offsets, and 200 values of the full transform's tensor
                  (Resize, CenterCrop, ToTensor, Normalize(ImageNet)) at seeded positions

Usage (from the repo root): /usr/bin/python3 bench/python/make_preprocessing_fixture.py
Needs Debian's python3-torchvision, python3-pil, python3-numpy.
"""
import json
import os

import numpy as np
import PIL
import torch
import torchvision
from PIL import Image
from torchvision import transforms

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "studio", "catdog", "image",
                   "torchvision")
SIZES = {  # name: (width, height)
    "landscape-500x375": (500, 375),      # like the data set's photos; crop offset 58.5 -> 58
    "portrait-333x1000": (333, 1000),      # long side 768.77 -> 768
    "upscale-180x120": (180, 120),         # enlarged: no antialiasing
    "downscale-780x520": (780, 520),       # wider filter (about 2 input pixels per output pixel)
    "onepass-301x256": (301, 256),         # the height is 256 already: one pass only
    "nopass-256x300": (256, 300),          # nothing changes size: only the crop
    "square-257x257": (257, 257),          # both passes at almost 1:1, crop offset 16
}
MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
SAMPLES = 200


def picture(width, height, seed):
    """Smooth colour fields with hard edges, thin lines and a noisy patch: every kind of detail a resize
    can get wrong, and still small as PNG."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    # smooth fields in steps of 8 levels (small as PNG; a resize still blends them into every level)
    r = np.floor((127 + 120 * np.sin(x / (7 + seed) + y / 31)) / 8) * 8
    g = np.floor((127 + 120 * np.cos(y / (5 + seed) - x / 47)) / 8) * 8
    b = 255 * ((x // 23 + y // 17) % 2)
    img = np.stack([r, g, b], axis=-1)
    img[::9, :, :] = 0                                   # one-pixel lines
    img[:, ::13, 1] = 255
    ph, pw = max(1, height // 12), max(1, width // 12)
    img[height // 3:height // 3 + ph, width // 3:width // 3 + pw] = rng.randint(0, 256, (ph, pw, 3))
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def main():
    os.makedirs(OUT, exist_ok=True)
    crop = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224)])
    tensor = transforms.Compose([crop, transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    fixture = {
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "pillow": PIL.__version__,
        "transform": "Resize(256), CenterCrop(224), ToTensor(), Normalize(ImageNet mean, std) on Image.open(f)"
                     ".convert('RGB')",
        "images": [],
    }
    for seed, (name, (w, h)) in enumerate(SIZES.items(), start=1):
        picture(w, h, seed).save(os.path.join(OUT, name + ".png"), optimize=True)
        img = Image.open(os.path.join(OUT, name + ".png")).convert("RGB")
        resized = transforms.Resize(256)(img)
        crop(img).save(os.path.join(OUT, name + ".crop.png"), optimize=True)
        t = tensor(img).numpy().reshape(-1)
        idx = np.random.RandomState(1000 + seed).choice(t.size, SAMPLES, replace=False)
        idx.sort()
        fixture["images"].append({
            "name": name,
            "size": [w, h],
            "resized": list(resized.size),
            "cropOffset": [int(round((resized.size[0] - 224) / 2.0)), int(round((resized.size[1] - 224) / 2.0))],
            # float32 values as Python floats: exact (a float32 is exactly representable as a double)
            "samples": [[int(i), float(t[i])] for i in idx],
        })
    with open(os.path.join(OUT, "fixture.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(json.dumps({"images": len(fixture["images"]), "out": os.path.normpath(OUT)}))


if __name__ == "__main__":
    main()
