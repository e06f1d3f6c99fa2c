#!/usr/bin/env python3
"""Runs one experiment at several scales and prints its KPIs relative to the finest scale.

A run at scale s simulates round(gpu_count / s) GPUs and 1/s of the users; queueing on few GPUs waits longer at
the same utilisation (docs/model.md, "Scaling"), so coarse scales bias waits and whatever depends on them. This
script measures by how much: platform and per-region users, paying users, monthly paid churn, gross margin, mean
queue wait and p95 wait, with each scale's difference from the finest one. Python standard library only.

    python3 bench/scale_convergence.py --build build                       # scales 400 100 25 10, 120 days
    python3 bench/scale_convergence.py --build build --scales 400 100 25 --days 60
    python3 bench/scale_convergence.py --build build --days 400 --scales 100 25 10 --seeds 2024 2025 2026

With several seeds the tables show the mean over seeds, and a last table gives, per scale, the mean difference
from the finest scale over the seeds with its 95 % Student-t interval (the difference is taken seed by seed), and
the spread between seeds at the finest scale: a difference inside that spread is not a scale effect.
"""
import argparse
import csv
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (label, how the value is read, how the difference is shown: relative (%), percentage points (a ratio), seconds)
KPIS = [("users", "users_active_end", "rel"), ("paying", "users_paid_end", "rel"),
        ("net revenue", "revenue_net_usd", "rel"),
        ("churn/mo", "paid_churn_month", "rel"), ("margin", "gross_margin_run", "abs"),
        ("mean wait s", "mean_wait", "s"), ("p95 wait s", "p95_wait", "s")]


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text) if text not in ("", None) else float("nan")


def collect(folder, warmup_days):
    """KPIs per user region and `all` from kpis.csv; waits from region_daily.csv and timeseries.csv."""
    out = {}
    for row in read_csv(os.path.join(folder, "kpis.csv")):
        out[row["region"]] = {k: number(row[k]) for _, k, _ in KPIS if k in row}
    # Mean wait of the delivered jobs by user region (region_daily: daily means weighted by delivered jobs); p95
    # wait by serving region (timeseries: daily cluster p95s weighted by jobs started; no per-job waits are kept).
    for name, value, weight, key in (("region_daily.csv", "mean_wait_s", "jobs_delivered", "mean_wait"),
                                     ("timeseries.csv", "p95_wait_s", "jobs_started", "p95_wait")):
        sums = {}
        for row in read_csv(os.path.join(folder, name)):
            if number(row["day"]) < warmup_days or row[value] == "":
                continue
            n = number(row[weight])
            for region in (row["region"], "all"):
                s = sums.setdefault(region, [0.0, 0.0])
                s[0] += n * number(row[value])
                s[1] += n
        for region, (total, n) in sums.items():
            out.setdefault(region, {})[key] = total / n if n else float("nan")
    return out


def run(gvsim, experiment, scale, days, seed, folder):
    cmd = [gvsim, "run", experiment, "--out", folder, "--quiet", "--set", f"scale={scale}",
           "--set", f"horizon_days={days}"]
    if seed is not None:
        cmd += ["--set", f"seed={seed}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"scale {scale}: gvsim failed ({done.returncode}):\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    warnings = [line for line in done.stderr.splitlines() if "simulates" in line]
    return wall, cpu, warnings


def mean_over_seeds(per_seed, scales):
    """KPI means over seeds, per scale and region (NaN where a seed lacks the value)."""
    out = {}
    for scale in scales:
        out[scale] = {}
        for region in per_seed[0][scale]:
            row = {}
            for _, key, _ in KPIS:
                values = [r[scale].get(region, {}).get(key, float("nan")) for r in per_seed]
                row[key] = sum(values) / len(values)
            out[scale][region] = row
    return out


T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}


def interval(values):
    """Mean and half-width of the 95 % Student-t interval of `values`."""
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, T975.get(n - 1, 1.96) * sd / math.sqrt(n)


def print_seed_intervals(per_seed, scales, ref):
    """Platform differences from the finest scale, seed by seed: mean and 95 % interval; spread between seeds."""
    print(f"\nplatform, {len(per_seed)} seeds: difference from scale {ref:g} (mean [95 % interval] over the seeds)")
    print(f"{'scale':>6}" + "".join(f"{label:>24}" for label, _, _ in KPIS))
    for scale in scales:
        if scale == ref:
            continue
        cells = []
        for _, key, kind in KPIS:
            diffs = []
            for r in per_seed:
                v, w = r[scale]["all"][key], r[ref]["all"][key]
                diffs.append(100.0 * (v - w) if kind == "abs" else v - w if kind == "s" else 100.0 * (v - w) / w)
            m, h = interval(diffs)
            unit = {"abs": "p", "s": "s"}.get(kind, "%")
            cells.append(f"{m:+9.1f}{unit} [{m - h:+.1f}, {m + h:+.1f}]")
        print(f"{scale:>6g}" + "".join(f"{c:>24}" for c in cells))
    cells = []
    for _, key, kind in KPIS:
        values = [r[ref]["all"][key] for r in per_seed]
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        cells.append(f"{sd:.3g} ({100.0 * sd / mean:.1f} %)" if kind == "rel" else f"{sd:.3g}")
    print(f"between-seed standard deviation at scale {ref:g}: " + ", ".join(
        f"{label} {c}" for (label, _, _), c in zip(KPIS, cells)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build", help="build folder with gvsim (relative to the repository)")
    parser.add_argument("--experiment", default="experiments/global_baseline.yaml")
    parser.add_argument("--scales", type=float, nargs="+", default=[400, 100, 25, 10],
                        help="scales to run, coarsest first; the smallest is the reference")
    parser.add_argument("--days", type=float, default=120, help="simulated days (horizon_days)")
    parser.add_argument("--seed", type=int, default=None, help="master seed (default: the experiment's)")
    parser.add_argument("--seeds", type=int, nargs="+", default=None,
                        help="several master seeds: means over seeds and 95 %% intervals of the differences")
    parser.add_argument("--keep", default=None, help="keep the result folders under this folder")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: read the folders a previous call left there instead of running again")
    args = parser.parse_args()

    gvsim = os.path.join(ROOT, args.build, "gvsim")
    experiment = os.path.join(ROOT, args.experiment)
    base = args.keep or tempfile.mkdtemp(prefix="gvsim-scale-")
    seeds = args.seeds or [args.seed]
    per_seed = []
    for seed in seeds:
        results = {}
        for scale in args.scales:
            folder = os.path.join(base, f"seed{seed}" if args.seeds else "", f"scale{scale:g}")
            if args.reuse and os.path.exists(os.path.join(folder, "kpis.csv")):
                wall, cpu, warnings = float("nan"), float("nan"), []
            else:
                wall, cpu, warnings = run(gvsim, experiment, scale, args.days, seed, folder)
            with open(os.path.join(folder, "summary.csv")) as f:
                warmup = number(next(csv.DictReader(f))["warmup_days"])
            results[scale] = collect(folder, warmup)
            label = f"seed {seed}, " if args.seeds else ""
            print(f"{label}scale {scale:g}: {wall:.1f} s wall, {cpu:.1f} s CPU, {len(warnings)} small-cluster "
                  f"warning(s)", flush=True)
            for w in warnings:
                print("   ", w.replace("gvsim: warning: ", ""))
        per_seed.append(results)
    results = mean_over_seeds(per_seed, args.scales)

    ref = min(args.scales)
    regions = [r for r in results[ref] if r != "all"] + ["all"]
    print(f"\n{os.path.basename(experiment)}, {args.days:g} days; values at each scale, then the difference from "
          f"scale {ref:g} (% for counts, money and churn; percentage points for the margin, a ratio; seconds for waits); "
          f"{len(seeds)} seed(s): small regions' differences include sampling noise")
    header = f"{'region':<19}{'scale':>6}" + "".join(f"{label:>19}" for label, _, _ in KPIS)
    print(header)
    print("-" * len(header))
    worst = {s: 0.0 for s in args.scales if s != ref}
    for region in regions:
        for scale in args.scales:
            row = results[scale].get(region, {})
            cells = []
            for label, key, kind in KPIS:
                v = row.get(key, float("nan"))
                r = results[ref].get(region, {}).get(key, float("nan"))
                if scale == ref:
                    cells.append(f"{v:>11.4g}        ")
                    continue
                if kind == "abs":
                    d = 100.0 * (v - r)
                    cells.append(f"{v:>11.3f}{d:+7.1f}p")
                elif kind == "s":
                    d = v - r
                    cells.append(f"{v:>11.4g}{d:+7.1f}s")
                else:
                    d = 100.0 * (v - r) / r if r else float("nan")
                    cells.append(f"{v:>11.4g}{d:+7.1f}%")
                if region == "all" and kind == "rel" and d == d:
                    worst[scale] = max(worst[scale], abs(d))
            print(f"{region:<19}{scale:>6g}" + "".join(cells))
    print()
    for scale, w in worst.items():
        print(f"scale {scale:g}: largest platform difference from scale {ref:g} in users, paying, net revenue and "
              f"churn: {w:.1f} %")
    if len(seeds) > 1:
        print_seed_intervals(per_seed, args.scales, ref)
    print(f"result folders: {base}")


if __name__ == "__main__":
    main()
