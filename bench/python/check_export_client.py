#!/usr/bin/python3
"""An exported model's client, written from preprocessing.json alone: torchvision's transform with the
numbers the file gives, the ONNX graph run by an ONNX runtime that is not the app's (onnxruntime when
installed, else OpenCV's cv2.dnn), compared file by file with `catdog predict --csv` output.

Usage: /usr/bin/python3 bench/python/check_export_client.py EXPORT_DIR CATDOG_PREDICTIONS.csv
Prints one JSON line: files, same labels, |dp| percentiles; exit 1 when the issue's target (every
label, p99 |dp| <= 0.005) is missed. Needs python3-torchvision, python3-pil and python3-opencv
(or an onnxruntime).
"""
import csv
import json
import os
import sys

import numpy as np
from PIL import Image, ImageOps
from torchvision import transforms


def runtime(model):
    try:
        import onnxruntime as ort
        session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
        name = session.get_inputs()[0].name
        return "onnxruntime " + ort.__version__, lambda x: session.run(None, {name: x})[0]
    except ImportError:
        import cv2
        net = cv2.dnn.readNetFromONNX(model)

        def run(x):
            net.setInput(x)
            return net.forward()
        return "opencv-dnn " + cv2.__version__, run


def main():
    export, predictions = sys.argv[1], sys.argv[2]
    with open(os.path.join(export, "preprocessing.json")) as f:
        pre = json.load(f)
    if "steps" in pre:
        steps = {s["op"]: s for s in pre["steps"]}
        resize, crop = steps["Resize"]["size"], steps["CenterCrop"]["size"]
        mean, std = steps["Normalize"]["mean"], steps["Normalize"]["std"]
    else:  # an export made before preprocessing.json named its steps
        resize, crop, mean, std = pre["resizeShorterSideTo"], pre["centerCrop"], pre["mean"], pre["std"]
    transform = transforms.Compose([
        transforms.Resize(resize),
        transforms.CenterCrop(crop),
        transforms.ToTensor(),
        transforms.Normalize(mean, std),
    ])
    name, run = runtime(os.path.join(export, "model.onnx"))
    classes = pre["classes"]
    rows = []
    with open(predictions, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["error"]:
                rows.append(r)
    same, diffs, worst = 0, [], None
    for r in rows:
        img = ImageOps.exif_transpose(Image.open(r["file"])).convert("RGB")
        x = transform(img).unsqueeze(0).numpy().astype(np.float32)
        p = run(x)[0]
        app = np.array([float(r["p_" + c]) for c in classes])
        label = classes[int(np.argmax(p))]
        same += label == r["label"]
        d = np.abs(p - app).max()
        diffs.append(d)
        if worst is None or d > worst[0]:
            worst = (float(d), r["file"])
    diffs = np.array(diffs)
    result = {
        "runtime": name,
        "files": len(rows),
        "sameLabels": int(same),
        "p50": float(np.percentile(diffs, 50)),
        "p99": float(np.percentile(diffs, 99)),
        "max": float(diffs.max()),
        "worstFile": worst[1],
        "temperatureInGraph": pre.get("temperatureInGraph"),
    }
    result["ok"] = same == len(rows) and result["p99"] <= 0.005
    print(json.dumps(result))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
