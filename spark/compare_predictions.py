#!/usr/bin/env python3
"""Compares a Spark predict CSV table (a folder of part files) with `catdog predict --csv` output:
same files, same label for every file, probabilities within 1e-4. Prints one JSON line; exit 1 on a
mismatch. Usage: compare_predictions.py SPARK_CSV_DIR CATDOG_CSV [TOLERANCE]"""
import csv, glob, json, os, sys

def local(path):
    """Spark's path column names a local file as file:/abs/name, the name exactly as it is (no
    percent-encoding: a '%', '#' or '?' in it is part of the name)."""
    if not path.startswith("file:"):
        return path
    rest = path[len("file:"):]
    while rest.startswith("//"):
        rest = rest[1:]
    return rest

def spark_rows(folder):
    rows = {}
    for part in sorted(glob.glob(os.path.join(folder, "part-*.csv"))):
        with open(part, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows[os.path.realpath(local(r["path"]))] = r
    return rows

def catdog_rows(file):
    with open(file, newline="", encoding="utf-8") as f:
        return {os.path.realpath(r["file"]): r for r in csv.DictReader(f)}

spark, single = spark_rows(sys.argv[1]), catdog_rows(sys.argv[2])
tolerance = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
problems, worst = [], 0.0
if set(spark) != set(single):
    problems.append("different files: %d only in Spark, %d only in catdog" % (len(set(spark) - set(single)), len(set(single) - set(spark))))
for path in sorted(set(spark) & set(single)):
    s, c = spark[path], single[path]
    if (s.get("label") or "") != (c.get("label") or ""):
        problems.append("%s: label %s (Spark) vs %s (catdog)" % (path, s.get("label"), c.get("label")))
    for column in [k for k in c if k.startswith("p_")]:
        if c[column] and s.get(column):
            worst = max(worst, abs(float(c[column]) - float(s[column])))
if worst > tolerance:
    problems.append("largest probability difference %.2e > %.0e" % (worst, tolerance))
print(json.dumps({"files": len(spark), "sameLabels": not any("label" in p for p in problems),
                  "maxProbabilityDifference": worst, "ok": not problems, "problems": problems[:10]}))
sys.exit(1 if problems else 0)
