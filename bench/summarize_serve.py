#!/usr/bin/env python3
"""Summarises bench/serve_bench.sh's results.jsonl: medians per setting, and the server/CLI ratio pair by pair."""
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
cli = {r["round"]: r for r in rows if r["run"] == "cli"}
cli16 = {r["round"]: r for r in rows if r["run"] == "cli16"}
serve = [r for r in rows if r["run"] == "serve"]
overlapped = [r for r in rows if r["run"] == "serve-overlapped"]


def cli_rates(rnd):
    a = cli[rnd]
    whole = a["images"] / a["wallSeconds"]
    marginal = (a["images"] - 16) / (a["wallSeconds"] - cli16[rnd]["wallSeconds"]) if rnd in cli16 else float("nan")
    return whole, marginal


def cli_cpu(rnd):
    """Images per CPU second: whole process, and marginal ((2000 - 16) / CPU difference)."""
    a = cli[rnd]
    whole = a["images"] / a["cpuSeconds"]
    marginal = (a["images"] - 16) / (a["cpuSeconds"] - cli16[rnd]["cpuSeconds"]) if rnd in cli16 else float("nan")
    return whole, marginal


print("CLI (catdog predict --recursive, whole process):")
for rnd in sorted(cli):
    whole, marginal = cli_rates(rnd)
    print(f"  round {rnd}: {cli[rnd]['wallSeconds']:.1f} s, {whole:.1f} images/s whole process, "
          f"{marginal:.1f} images/s marginal (16 images: {cli16.get(rnd, {}).get('wallSeconds', float('nan')):.1f} s), "
          f"CPU {cli[rnd]['cpuSeconds']:.1f} s ({cli_cpu(rnd)[0]:.1f} images per CPU-s whole, "
          f"{cli_cpu(rnd)[1]:.1f} marginal), load {cli[rnd]['load']}")
def report(title, runs_of):
  print(title)
  by_clients = {}
  for r in runs_of:
    res = r["result"]
    by_clients.setdefault(res["clients"], []).append((r["round"], res))
  for c in sorted(by_clients):
      runs = by_clients[c]
      ips = [x["imagesPerSecond"] for _, x in runs]
      p50 = [x["p50ms"] for _, x in runs]
      p99 = [x["p99ms"] for _, x in runs]
      ratios_whole = [x["imagesPerSecond"] / cli_rates(rnd)[0] for rnd, x in runs]
      ratios_marginal = [x["imagesPerSecond"] / cli_rates(rnd)[1] for rnd, x in runs]
      batches = {}
      for _, x in runs:
          for size, n in x["batchSizes"].items():
              batches[int(size)] = batches.get(int(size), 0) + n
      total = sum(batches.values())
      mean = sum(s * n for s, n in batches.items()) / total if total else float("nan")
      codes = {}
      for _, x in runs:
          for k, v in x["codes"].items():
              codes[k] = codes.get(k, 0) + v
      cpu = [x["imagesPerServerCpuSecond"] for _, x in runs if "imagesPerServerCpuSecond" in x]
      cpu_ratio = [x["imagesPerServerCpuSecond"] / cli_cpu(rnd)[1] for rnd, x in runs if "imagesPerServerCpuSecond" in x]
      client_share = [x["clientCpuSeconds"] / x["seconds"] for _, x in runs if "clientCpuSeconds" in x]
      diff = max(x.get("maxProbabilityDifference", 0) for _, x in runs)
      mism = sum(x.get("labelMismatches", 0) for _, x in runs)
      print(f"  {c:>2} clients: {statistics.median(ips):.1f} images/s (runs {', '.join(f'{v:.1f}' for v in ips)}), "
            f"p50 {statistics.median(p50):.1f} ms, p99 {statistics.median(p99):.1f} ms; "
            f"ratio to CLI whole {statistics.median(ratios_whole):.2f}x ({', '.join(f'{v:.2f}' for v in ratios_whole)}), "
            f"to CLI marginal {statistics.median(ratios_marginal):.2f}x ({', '.join(f'{v:.2f}' for v in ratios_marginal)}); "
            f"codes {codes}; max |dp| vs predict {diff}, label mismatches {mism}; "
            f"batches: mean {mean:.2f}, {dict(sorted(batches.items()))}")
      if cpu:
          print(f"      server CPU: {statistics.median(cpu):.1f} images per CPU-s ({', '.join(f'{v:.1f}' for v in cpu)}), "
                f"ratio to the CLI's marginal images per CPU-s {statistics.median(cpu_ratio):.2f}x "
                f"({', '.join(f'{v:.2f}' for v in cpu_ratio)}); load client used {statistics.median(client_share):.2f} cores")


report("Server (default: phased):", serve)
report("Server (overlapped decoding):", overlapped)
for r in rows:
    if r["run"] == "soak":
        x = r["result"]
        rss = x.get("rssMb", [])
        print(f"Soak: {x['requests']} requests, {x['clients']} clients, {x['seconds']} s, {x['imagesPerSecond']} images/s, "
              f"{x.get('imagesPerServerCpuSecond', 'n/a')} images per server CPU-s, "
              f"p50 {x['p50ms']} ms, p99 {x['p99ms']} ms, codes {x['codes']}, load {r['load']}")
        if rss:
            n = len(rss)
            first, last = rss[: max(1, n // 10)], rss[-max(1, n // 10):]
            print(f"  RSS MB: min {min(rss)}, max {max(rss)}, first tenth median {statistics.median(first)}, "
                  f"last tenth median {statistics.median(last)}, samples {n}")
    if r["run"] == "stop":
        print(f"Stop: exit code {r['exitCode']}, {r['last']}")
