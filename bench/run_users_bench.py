#!/usr/bin/env python3
"""Full-model benchmark: wall time, peak RSS and events/s of the agent-based model at several sizes.

Runs `gvsim run bench/users_scaling.yaml --set scale=S` for S in (100, 10[, 5][, 1]): 100k, 1M, 2M and (with
--10m) 10M simulated users over 90 days, one process at a time, and prints a table plus the cost of doubling the
agents (1M -> 2M). Targets: 1M agents x 90 days in <= 120 s and <= 2 GB peak RSS; 2x agents <= 2.1x time;
10M agents x 90 days in <= 600 s and <= 4 GB peak RSS.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(gvsim, scale, days, out):
    start = time.monotonic()
    extra = []
    if scale < 2:  # the experiment's population check stops at 5M agents
        extra = ["--set", "workload.users.population.max_agents=20000000"]
    proc = subprocess.Popen([gvsim, "run", os.path.join(HERE, "users_scaling.yaml"), "--set", f"scale={scale}",
                             "--set", f"horizon_days={days}", "--out", out, "--quiet"] + extra,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"gvsim failed at scale {scale}: {proc.stderr.read().decode()}")
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    return {"scale": scale, "agents": manifest["simulated_users"], "jobs": manifest["jobs_arrived"],
            "events": manifest["events"], "wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024.0,
            "table_mb": manifest["user_table_bytes"] / 1e6}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"), help="build folder with gvsim")
    parser.add_argument("--days", type=float, default=90, help="simulated days (default 90)")
    parser.add_argument("--skip-2m", action="store_true", help="skip the 2M-agent scaling run")
    parser.add_argument("--10m", dest="ten_million", action="store_true", help="add the 10M-agent run (scale 1)")
    args = parser.parse_args()
    gvsim = os.path.join(args.build, "gvsim")
    scales = [100, 10] if args.skip_2m else [100, 10, 5]
    if args.ten_million:
        scales.append(1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            rows.append(run(gvsim, scale, args.days, os.path.join(tmp, f"s{scale}")))
            r = rows[-1]
            print(f"scale {scale}: {r['agents']} agents done in {r['wall_s']:.1f} s", file=sys.stderr)
    print(f"{'agents':>10} {'jobs':>10} {'events':>11} {'wall s':>8} {'CPU s':>8} {'events/s':>10} "
          f"{'peak RSS MB':>12} {'user table MB':>14}")
    for r in rows:
        print(f"{r['agents']:>10} {r['jobs']:>10} {r['events']:>11} {r['wall_s']:>8.1f} {r['cpu_s']:>8.1f} "
              f"{r['events'] / r['wall_s']:>10.0f} {r['rss_mb']:>12.0f} {r['table_mb']:>14.1f}")
    million = next(r for r in rows if r["scale"] == 10)
    ok = million["wall_s"] <= 120 * args.days / 90 and million["rss_mb"] <= 2048
    print(f"1M agents x {args.days:g} days: {million['wall_s']:.1f} s, {million['rss_mb']:.0f} MB "
          f"(targets 120 s, 2048 MB): {'met' if ok else 'NOT met'}")
    two = next((r for r in rows if r["scale"] == 5), None)
    if two is not None:
        ratio = two["wall_s"] / million["wall_s"]
        cpu_ratio = two["cpu_s"] / million["cpu_s"]
        print(f"2x agents costs {ratio:.2f}x time, {cpu_ratio:.2f}x CPU time (target <= 2.1x): "
              f"{'met' if ratio <= 2.1 else 'NOT met'}")
    ten = next((r for r in rows if r["scale"] == 1), None)
    if ten is not None:
        ok = ten["wall_s"] <= 600 * args.days / 90 and ten["rss_mb"] <= 4096
        print(f"10M agents x {args.days:g} days: {ten['wall_s']:.1f} s wall, {ten['cpu_s']:.1f} s CPU, "
              f"{ten['rss_mb']:.0f} MB (targets 600 s, 4096 MB): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
