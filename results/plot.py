#!/usr/bin/python3
"""Plots of a gvsim study: daily series per region, variant comparison, Pareto front and sensitivity.

Usage: results/plot.py DIR [DIR ...] [--report REPORT_DIR] [--out PNG_DIR]

DIR is a study output folder (study.csv, runs/RUN_ID/); several folders are shards of one study. REPORT_DIR is
what `gvsim report` wrote (default: DIR/report); PNG_DIR defaults to REPORT_DIR/plots. Needs python3 and
matplotlib (Debian: python3-matplotlib); draws off-screen (Agg). File names are fixed:

  daily_METRIC.png   one panel per region: mean over replications per variant, shaded 95% CI
  variants.png       headline metrics (all regions) per variant, bars with 95% CI (aggregate.csv)
  pareto.png         the first two objectives of pareto.csv; variants on the front marked
  sensitivity.png    standardized regression coefficients (sensitivity.csv, all regions), if present
  sensitivity_tornado.png  Morris mu* or Sobol ST per headline metric (sensitivity_indices.csv), if present
"""

import argparse
import csv
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

# Student t quantiles t(0.975, df) for df = 1..30 (Boost.Math); beyond, a Cornish-Fisher expansion.
T975 = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
        2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
        2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272]

USERS_DAILY = [("users_paid", "paying users"), ("revenue_net_usd", "net revenue per day, USD"),
               ("profit_usd", "profit per day, USD"), ("mean_wait_s", "mean wait, s")]
SYNTHETIC_DAILY = [("jobs_arrived", "jobs per day"), ("mean_wait_s", "mean wait, s"),
                   ("utilisation", "utilisation")]
USERS_HEADLINE = ["paying_users", "revenue_usd", "profit_usd", "gross_margin", "monthly_paid_churn", "p95_wait_s"]
SYNTHETIC_HEADLINE = ["jobs", "mean_wait_s", "p95_wait_s", "utilisation"]


def t975(df):
    if df <= len(T975):
        return T975[df - 1]
    z = 1.959963984540054
    return (z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
            + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3))


def mean_ci(values):
    """Mean and half-width of the 95% t interval (NaN half-width for fewer than two values)."""
    values = [v for v in values if not math.isnan(v)]
    n = len(values)
    if n == 0:
        return math.nan, math.nan
    mean = sum(values) / n
    if n < 2:
        return mean, math.nan
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, t975(n - 1) * sd / math.sqrt(n)


def number(text):
    return float(text) if text != "" else math.nan


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def load_runs(dirs):
    """Complete runs of the study: list of (run_id, variant, folder), in study.csv order."""
    listed = {}
    order = []
    for d in dirs:
        for row in read_csv(os.path.join(d, "study.csv")):
            if row["run_id"] not in listed:
                listed[row["run_id"]] = row["variant"]
                order.append(row["run_id"])
    runs = []
    for run_id in order:
        for d in dirs:
            folder = os.path.join(d, "runs", run_id)
            if os.path.exists(os.path.join(folder, "manifest.json")):
                runs.append((run_id, listed[run_id], folder))
                break
    return runs


def daily_by_region(folder, users_mode):
    """{region: {metric: [value per day]}} for one run."""
    series = {}
    if users_mode:
        for row in read_csv(os.path.join(folder, "region_daily.csv")):
            region = series.setdefault(row["region"], {m: [] for m, _ in USERS_DAILY})
            for m, _ in USERS_DAILY:
                region[m].append(number(row[m]))
        return series
    sums = {}
    for row in read_csv(os.path.join(folder, "timeseries.csv")):
        day = int(row["day"])
        s = sums.setdefault(row["region"], {}).setdefault(day, [0.0, 0.0, 0.0, 0.0, 0.0])
        started = number(row["jobs_started"])
        wait = number(row["mean_wait_s"])
        s[0] += number(row["jobs_arrived"])
        if started > 0 and not math.isnan(wait):
            s[1] += started
            s[2] += started * wait
        s[3] += number(row["gpu_hours_busy"])
        s[4] += number(row["gpu_hours_provisioned"])
    for region, days in sums.items():
        series[region] = {
            "jobs_arrived": [days[d][0] for d in sorted(days)],
            "mean_wait_s": [days[d][2] / days[d][1] if days[d][1] > 0 else math.nan for d in sorted(days)],
            "utilisation": [days[d][3] / days[d][4] if days[d][4] > 0 else math.nan for d in sorted(days)],
        }
    return series


def variant_order(runs):
    order = []
    for _, variant, _ in runs:
        if variant not in order:
            order.append(variant)
    return order


def plot_daily(runs, users_mode, out):
    metrics = USERS_DAILY if users_mode else SYNTHETIC_DAILY
    data = {}  # variant -> region -> metric -> list of per-run series
    regions = []
    for _, variant, folder in runs:
        for region, values in daily_by_region(folder, users_mode).items():
            if region not in regions:
                regions.append(region)
            for m, _ in metrics:
                data.setdefault(variant, {}).setdefault(region, {}).setdefault(m, []).append(values[m])
    variants = variant_order(runs)
    written = []
    for m, label in metrics:
        columns = min(4, len(regions))
        rows = (len(regions) + columns - 1) // columns
        fig, axes = plt.subplots(rows, columns, figsize=(4 * columns, 3 * rows), squeeze=False, sharex=True)
        for i, region in enumerate(regions):
            ax = axes[i // columns][i % columns]
            for v, variant in enumerate(variants):
                per_run = data.get(variant, {}).get(region, {}).get(m, [])
                if not per_run:
                    continue
                days = max(len(s) for s in per_run)
                means, lows, highs = [], [], []
                for d in range(days):
                    mean, half = mean_ci([s[d] for s in per_run if d < len(s)])
                    means.append(mean)
                    lows.append(mean - half if not math.isnan(half) else mean)
                    highs.append(mean + half if not math.isnan(half) else mean)
                colour = "C%d" % (v % 10)
                ax.plot(range(days), means, color=colour, linewidth=1.2, label=variant)
                ax.fill_between(range(days), lows, highs, color=colour, alpha=0.2, linewidth=0)
            ax.set_title(region, fontsize=9)
            ax.tick_params(labelsize=7)
            if i % columns == 0:
                ax.set_ylabel(label, fontsize=8)
            if i // columns == rows - 1:
                ax.set_xlabel("day", fontsize=8)
        for j in range(len(regions), rows * columns):
            axes[j // columns][j % columns].axis("off")
        handles, labels = axes[0][0].get_legend_handles_labels()
        if handles:
            fig.legend(handles, labels, loc="upper right", fontsize=8)
        fig.suptitle("%s by region: mean and 95%% CI over replications" % label, fontsize=10)
        fig.tight_layout(rect=(0, 0, 0.92, 0.95))
        written.append(save(fig, out, "daily_%s.png" % m))
    return written


def plot_variants(report, users_mode, out):
    rows = [r for r in read_csv(os.path.join(report, "aggregate.csv")) if r["region"] == "all"]
    wanted = USERS_HEADLINE if users_mode else SYNTHETIC_HEADLINE
    metrics = [m for m in wanted if any(r["metric"] == m for r in rows)]
    variants = []
    for r in rows:
        if r["variant"] not in variants:
            variants.append(r["variant"])
    fig, axes = plt.subplots(1, len(metrics), figsize=(max(3.2 * len(metrics), 4), 3.6), squeeze=False)
    for i, m in enumerate(metrics):
        ax = axes[0][i]
        means, errors = [], []
        for variant in variants:
            row = next((r for r in rows if r["variant"] == variant and r["metric"] == m), None)
            mean = number(row["mean"]) if row else math.nan
            low = number(row["ci95_low"]) if row else math.nan
            means.append(mean)
            errors.append(mean - low if not math.isnan(low) else 0.0)
        ax.bar(range(len(variants)), means, yerr=errors, capsize=3,
               color=["C%d" % (v % 10) for v in range(len(variants))])
        ax.set_xticks(range(len(variants)))
        ax.set_xticklabels(variants, rotation=45, ha="right", fontsize=7)
        ax.set_title(m, fontsize=9)
        ax.tick_params(axis="y", labelsize=7)
    fig.suptitle("variants (all regions): mean and 95% CI", fontsize=10)
    fig.tight_layout()
    return [save(fig, out, "variants.png")]


def plot_pareto(report, out):
    path = os.path.join(report, "pareto.csv")
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    objectives = header[1:-2]
    if len(objectives) < 2 or not rows:
        return []
    x, y = objectives[0], objectives[1]
    fig, ax = plt.subplots(figsize=(5.5, 4.2))
    for row in rows:
        values = dict(zip(header, row))
        px, py = number(values[x]), number(values[y])
        if math.isnan(px) or math.isnan(py):
            continue
        front = values["on_front"] == "1"
        ax.scatter([px], [py], marker="o" if front else "x", color="C3" if front else "C7", zorder=3)
        ax.annotate(values["variant"], (px, py), fontsize=7, xytext=(4, 4), textcoords="offset points")
    ax.set_xlabel(x, fontsize=8)
    ax.set_ylabel(y, fontsize=8)
    ax.set_title("Pareto front of %s (o: on the front, x: dominated)" % ", ".join(objectives), fontsize=9)
    ax.tick_params(labelsize=7)
    fig.tight_layout()
    return [save(fig, out, "pareto.png")]


def plot_sensitivity(report, out):
    path = os.path.join(report, "sensitivity.csv")
    if not os.path.exists(path):
        return []
    rows = [r for r in read_csv(path) if r["region"] == "all"]
    metrics = []
    for r in rows:
        if r["metric"] not in metrics:
            metrics.append(r["metric"])
    if not metrics:
        return []
    columns = min(3, len(metrics))
    n_rows = (len(metrics) + columns - 1) // columns
    fig, axes = plt.subplots(n_rows, columns, figsize=(4.2 * columns, 2.6 * n_rows), squeeze=False)
    for i, m in enumerate(metrics):
        ax = axes[i // columns][i % columns]
        mine = [r for r in rows if r["metric"] == m]
        values = [number(r["src"]) for r in mine]
        ax.barh(range(len(mine)), values, color="C0")
        ax.set_yticks(range(len(mine)))
        ax.set_yticklabels([r["factor"] for r in mine], fontsize=7)
        ax.axvline(0, color="black", linewidth=0.6)
        reach = max([1.0] + [abs(v) for v in values if not math.isnan(v)])  # may pass 1 with correlated factors
        ax.set_xlim(-1.05 * reach, 1.05 * reach)
        ax.set_title("%s (R^2 %.2f, n %s)" % (m, number(mine[0]["r2"]), mine[0]["n"]), fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    for j in range(len(metrics), n_rows * columns):
        axes[j // columns][j % columns].axis("off")
    fig.suptitle("standardized regression coefficients (all regions)", fontsize=10)
    fig.tight_layout()
    return [save(fig, out, "sensitivity.png")]


def plot_indices(report, out):
    """Tornado chart of sensitivity_indices.csv: per headline metric, keys ranked by ST (Sobol) or mu* (Morris)."""
    path = os.path.join(report, "sensitivity_indices.csv")
    if not os.path.exists(path):
        return []
    rows = read_csv(path)
    index = "ST" if any(r["index"] == "ST" for r in rows) else "mu_star"
    present = []
    for r in rows:
        if r["metric"] not in present:
            present.append(r["metric"])
    metrics = [m for m in ("profit_usd", "paying_users", "monthly_paid_churn") if m in present] or present[:3]
    fig, axes = plt.subplots(len(metrics), 1, figsize=(8, 0.35 * 15 * len(metrics) + 1), squeeze=False)
    for ax, m in zip(axes[:, 0], metrics):
        mine = [r for r in rows if r["metric"] == m and r["index"] == index and not math.isnan(number(r["value"]))]
        mine.sort(key=lambda r: number(r["value"]))
        mine = mine[-15:]
        values = [number(r["value"]) for r in mine]
        low = [v - number(r["ci_lo"]) if r["ci_lo"] else 0.0 for v, r in zip(values, mine)]
        high = [number(r["ci_hi"]) - v if r["ci_hi"] else 0.0 for v, r in zip(values, mine)]
        ax.barh(range(len(mine)), values, xerr=[low, high], color="C0", ecolor="black", capsize=2)
        ax.set_yticks(range(len(mine)))
        ax.set_yticklabels([r["factor"] for r in mine], fontsize=7)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_title("%s: %s (95%% bootstrap interval)" % (m, index), fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    return [save(fig, out, "sensitivity_tornado.png")]


def save(fig, out, name):
    path = os.path.join(out, name)
    temporary = path + ".tmp"
    fig.savefig(temporary, dpi=110, format="png", metadata={"Software": None})
    plt.close(fig)
    os.replace(temporary, path)
    return name


def main(argv):
    parser = argparse.ArgumentParser(description="Plot a gvsim study (after gvsim report).")
    parser.add_argument("dirs", nargs="+", metavar="DIR", help="study output folder(s)")
    parser.add_argument("--report", help="report folder (default: DIR/report)")
    parser.add_argument("--out", help="folder for the PNG files (default: REPORT_DIR/plots)")
    args = parser.parse_args(argv)
    report = args.report or os.path.join(args.dirs[0], "report")
    out = args.out or os.path.join(report, "plots")
    for d in args.dirs:
        if not os.path.exists(os.path.join(d, "study.csv")):
            print("plot.py: %s: no study.csv; expected the output folder of a study" % d, file=sys.stderr)
            return 2
    if not os.path.exists(os.path.join(report, "aggregate.csv")):
        print("plot.py: %s: no aggregate.csv; run gvsim report first" % report, file=sys.stderr)
        return 2
    runs = load_runs(args.dirs)
    if not runs:
        print("plot.py: no complete run in %s" % ", ".join(args.dirs), file=sys.stderr)
        return 2
    users_mode = os.path.exists(os.path.join(runs[0][2], "region_daily.csv"))
    os.makedirs(out, exist_ok=True)
    written = plot_daily(runs, users_mode, out)
    written += plot_variants(report, users_mode, out)
    written += plot_pareto(report, out)
    written += plot_sensitivity(report, out)
    written += plot_indices(report, out)
    print("plots: %s/ (%s)" % (out, ", ".join(written)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
