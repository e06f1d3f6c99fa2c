#!/usr/bin/env python3
"""Sweep-scaling benchmark: one 20-run study (bench/sweep_scaling.yaml) at -j 1 and at -j 2.

Each run of a study is its own gvsim process, so on a machine with two idle cores -j 2 should take about half the
wall time of -j 1 (target: speed-up >= 1.8). The script also checks that both studies wrote byte-identical CSV
files (the runs are the same whatever the parallelism).
Usage: python3 bench/run_sweep_bench.py [--build build] [--jobs 2]
"""
import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_study(gvsim, jobs, out):
    start = time.monotonic()
    result = subprocess.run([gvsim, "run", os.path.join(HERE, "sweep_scaling.yaml"), "-j", str(jobs), "--out", out,
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"gvsim failed at -j {jobs}: {result.stderr.decode()}")
    return wall


def csv_files(root):
    found = []
    for folder, _, files in os.walk(root):
        found += [os.path.relpath(os.path.join(folder, f), root) for f in files if f.endswith(".csv")]
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"), help="build folder with gvsim")
    parser.add_argument("--jobs", type=int, default=2, help="parallel runs to compare with -j 1 (default 2)")
    args = parser.parse_args()
    gvsim = os.path.join(args.build, "gvsim")
    with tempfile.TemporaryDirectory() as tmp:
        serial = run_study(gvsim, 1, os.path.join(tmp, "j1"))
        parallel = run_study(gvsim, args.jobs, os.path.join(tmp, f"j{args.jobs}"))
        files = csv_files(os.path.join(tmp, "j1"))
        same = files == csv_files(os.path.join(tmp, f"j{args.jobs}")) and all(
            filecmp.cmp(os.path.join(tmp, "j1", f), os.path.join(tmp, f"j{args.jobs}", f), shallow=False)
            for f in files)
    speedup = serial / parallel
    print(f"sweep of 20 runs on {os.cpu_count()} cores: -j 1 {serial:.1f} s, -j {args.jobs} {parallel:.1f} s, "
          f"speed-up {speedup:.2f} (target >= 1.8: {'met' if speedup >= 1.8 else 'not met'})")
    print(f"CSV files ({len(files)}) byte-identical between the two: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
