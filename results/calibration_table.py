#!/usr/bin/env python3
"""Compare a gvsim run of the global baseline with the public milestones of docs/calibration.md.

Usage:
    python3 results/calibration_table.py RUN_DIR [RUN_DIR ...]

RUN_DIR is a results folder written by `gvsim run` (it must hold region_daily.csv and kpis.csv). With one folder
the script prints the Markdown table "metric | public value | source | simulated | error %". With several folders
(e.g. the same experiment under different seeds) it prints one column per folder, then the mean, the spread
(max - min) and the error of the mean.

Definitions (day 0 = 2024-06-06; day d covers UTC [d, d+1) days after launch):
  * registered users at day d: users adopted in all regions by the end of day d (sum over regions of the
    cumulative new users; cross-checked against the users_adopted snapshot where that is filled in);
  * ARR at day d: net revenue (after store and payment fees) of the 30 days d-29..d, x 365 / 30;
  * quarterly revenue: gross revenue (subscriptions + packs + API) summed over the quarter's days;
  * revenue mix and share outside China: shares of gross revenue of Q1 2025;
  * ARPPU, paying share of active users and monthly paid churn: the run's KPIs (kpis.csv, row "all": last 30
    days of the run, paying share at the end of the run);
  * inference gross margin: (net revenue - cost) / net revenue over the days of Q2 2025.
Rows marked "check" compare further rows of docs/calibration.md (share of users outside China, ARR at the end of
the run, videos delivered since launch) and are not calibration targets.
Public values given as a range count as matched (error 0) inside the range; otherwise the error is taken
against the nearer end. Values given as "more than X" or "about X" are compared with X. The output depends only
on the files read, so the same results give the same table.
"""

import csv
import math
import os
import sys

USD_PER_RMB = 1 / 7.2  # 2025 average exchange rate, rounded (estimate)

# Calendar of the reference platform, day 0 = 2024-06-06.
DAY_2024_09_01 = 87
DAY_2025_03_31 = 298
DAY_2025_04_01 = 299
DAY_2025_07_01 = 390
Q1_2025 = (209, 298)  # 2025-01-01 .. 2025-03-31, inclusive
Q2_2025 = (299, 389)  # 2025-04-01 .. 2025-06-30, inclusive

REVENUE_COLUMNS = ("revenue_subscriptions_usd", "revenue_packs_usd", "revenue_api_usd")


class RunData:
    """The daily records of one run, summed or kept per region, and the platform KPI row."""

    def __init__(self, folder):
        self.folder = folder
        daily_path = os.path.join(folder, "region_daily.csv")
        kpi_path = os.path.join(folder, "kpis.csv")
        for path in (daily_path, kpi_path):
            if not os.path.isfile(path):
                raise SystemExit(f"calibration_table: {path} not found (is {folder} a gvsim results folder?)")
        self.rows = {}  # (day, region) -> row
        keys = set()
        with open(daily_path, newline="") as f:
            for row in csv.DictReader(f):
                keys.add((row["scenario"], row["replication"], row["seed"]))
                day = int(row["day"])
                self.rows[(day, row["region"])] = row
        if len(keys) != 1:
            raise SystemExit(f"calibration_table: {daily_path} holds {len(keys)} runs; expected exactly one")
        self.scenario, self.replication, self.seed = next(iter(keys))
        self.regions = sorted({region for (_, region) in self.rows})
        self.days = sorted({day for (day, _) in self.rows})
        if not self.days or self.days != list(range(self.days[-1] + 1)):
            raise SystemExit(f"calibration_table: {daily_path} does not hold consecutive days from 0")
        self.last_day = self.days[-1]
        missing = [(d, r) for d in self.days for r in self.regions if (d, r) not in self.rows]
        if missing:
            raise SystemExit(f"calibration_table: {daily_path} lacks {len(missing)} day x region rows, "
                             f"first day {missing[0][0]} region {missing[0][1]}")
        self.kpi = None
        with open(kpi_path, newline="") as f:
            for row in csv.DictReader(f):
                if row["region"] == "all":
                    self.kpi = row
        if self.kpi is None:
            raise SystemExit(f"calibration_table: {kpi_path} has no row for region 'all'")
        self._cumulative_users()

    @staticmethod
    def number(row, column):
        cell = row.get(column, "")
        if cell in ("", None):
            return math.nan
        return float(cell)

    def _cumulative_users(self):
        """Users adopted by the end of each day: cumulative new users, checked against the snapshots."""
        self.adopted = {}
        self.snapshot_mismatches = []
        running = {region: 0.0 for region in self.regions}
        for day in self.days:
            total = 0.0
            for region in self.regions:
                row = self.rows[(day, region)]
                running[region] += self.number(row, "users_new")
                snapshot = self.number(row, "users_adopted")
                # users_adopted is an end-of-day snapshot; the cumulative count does not depend on it, and a
                # snapshot that was filled in must agree with it (a zero snapshot counts as not filled in).
                if snapshot > 0 and abs(snapshot - running[region]) > 0.5:
                    self.snapshot_mismatches.append((day, region, snapshot, running[region]))
                total += running[region]
            self.adopted[day] = total

    def has(self, first, last):
        return 0 <= first and last <= self.last_day

    def total(self, first, last, columns, regions=None):
        regions = self.regions if regions is None else regions
        s = 0.0
        for day in range(first, last + 1):
            for region in regions:
                row = self.rows[(day, region)]
                for column in columns:
                    s += self.number(row, column)
        return s

    def users(self, day):
        return self.adopted[day] if day <= self.last_day else math.nan

    def users_share(self, day, regions):
        """Share of the users adopted by the end of `day` who belong to `regions`."""
        if day > self.last_day or not self.adopted[day] > 0:
            return math.nan
        part = self.total(0, day, ("users_new",), regions)
        return part / self.adopted[day]

    def videos(self, day):
        """Videos delivered from day 0 to the end of `day`."""
        return self.total(0, day, ("jobs_delivered",)) if day <= self.last_day else math.nan

    def arr(self, day):
        if not self.has(day - 29, day):
            return math.nan
        return self.total(day - 29, day, ("revenue_net_usd",)) * 365.0 / 30.0

    def gross(self, quarter, regions=None):
        if not self.has(*quarter):
            return math.nan
        return self.total(quarter[0], quarter[1], REVENUE_COLUMNS, regions)

    def share(self, quarter, columns=None, regions=None):
        total = self.gross(quarter)
        if not total > 0:
            return math.nan
        part = self.total(quarter[0], quarter[1], columns or REVENUE_COLUMNS, regions)
        return part / total

    def margin(self, quarter):
        if not self.has(*quarter):
            return math.nan
        net = self.total(quarter[0], quarter[1], ("revenue_net_usd",))
        cost = self.total(quarter[0], quarter[1], ("cost_usd",))
        return (net - cost) / net if net > 0 else math.nan


def millions(x):
    return "n/a" if math.isnan(x) else f"{x / 1e6:.2f}M"


def usd_millions(x):
    return "n/a" if math.isnan(x) else f"${x / 1e6:.1f}M"


def percent(x):
    return "n/a" if math.isnan(x) else f"{100 * x:.1f}%"


def usd(x):
    return "n/a" if math.isnan(x) else f"${x:.2f}"


def error_point(value, target):
    return math.nan if math.isnan(value) else (value - target) / target


def error_range(value, low, high):
    if math.isnan(value):
        return math.nan
    if value < low:
        return (value - low) / low
    if value > high:
        return (value - high) / high
    return 0.0


def error_positive(value):
    """'Turned positive': matched when the margin is above zero; otherwise the shortfall in margin points."""
    if math.isnan(value):
        return math.nan
    return 0.0 if value > 0 else value


def metrics():
    """(label, public value, source, function of a run, formatter, error function of the simulated value)."""
    others = lambda run: [r for r in run.regions if r != "china"]
    sub_packs = ("revenue_subscriptions_usd", "revenue_packs_usd")
    return [
        ("registered users 2024-09-01 (day 87)", "1.6M", "K2",
         lambda run: run.users(DAY_2024_09_01), millions, lambda v: error_point(v, 1.6e6)),
        ("registered users 2025-04-01 (day 299)", "22M", "K3",
         lambda run: run.users(DAY_2025_04_01), millions, lambda v: error_point(v, 22e6)),
        ("registered users 2025-07-01 (day 390)", "45M", "K4",
         lambda run: run.users(DAY_2025_07_01), millions, lambda v: error_point(v, 45e6)),
        ("ARR at 2025-03-31 (day 298, net, 30-day window)", "~$100M", "K4 K6",
         lambda run: run.arr(DAY_2025_03_31), usd_millions, lambda v: error_point(v, 100e6)),
        ("revenue Q1 2025 (days 209-298, gross)", "RMB150M+ ≈ $20.8M", "K8",
         lambda run: run.gross(Q1_2025), usd_millions, lambda v: error_point(v, 150e6 * USD_PER_RMB)),
        ("revenue Q2 2025 (days 299-389, gross)", ">RMB250M ≈ $34.7M", "K9",
         lambda run: run.gross(Q2_2025), usd_millions, lambda v: error_point(v, 250e6 * USD_PER_RMB)),
        ("Q1 2025 mix: subscriptions + packs", "70%", "K8",
         lambda run: run.share(Q1_2025, sub_packs), percent, lambda v: error_point(v, 0.70)),
        ("Q1 2025 mix: API", "30%", "K8",
         lambda run: run.share(Q1_2025, ("revenue_api_usd",)), percent, lambda v: error_point(v, 0.30)),
        ("Q1 2025 revenue from outside China", "70%", "K8",
         lambda run: run.share(Q1_2025, regions=others(run)), percent, lambda v: error_point(v, 0.70)),
        ("ARPPU per month (last 30 days of the run)", "$20-30", "K8",
         lambda run: RunData.number(run.kpi, "arppu_usd_month"), usd, lambda v: error_range(v, 20, 30)),
        ("paying share of active users (end of run)", "1-5%", "S2",
         lambda run: RunData.number(run.kpi, "conversion"), percent, lambda v: error_range(v, 0.01, 0.05)),
        ("monthly paid churn (last 30 days of the run)", "~21%", "S1 (EST)",
         lambda run: RunData.number(run.kpi, "paid_churn_month"), percent, lambda v: error_point(v, 0.21)),
        ("inference gross margin Q2 2025 (net revenue - cost) / net revenue", "turned positive", "K12",
         lambda run: run.margin(Q2_2025), percent, error_positive),
        # Checks against further rows of docs/calibration.md; not calibration targets.
        ("check: users outside China 2025-04-01 (day 299)", "50-70% (if it tracks revenue)", "EST",
         lambda run: run.users_share(DAY_2025_04_01, others(run)), percent, lambda v: error_range(v, 0.50, 0.70)),
        ("check: ARR at the end of the run (30-day window)", "~$125M (Aug 2025, day 421-451)", "K6",
         lambda run: run.arr(run.last_day), usd_millions, lambda v: error_point(v, 125e6)),
        ("check: videos delivered by 2024-09-01 (day 87)", "16M", "K2",
         lambda run: run.videos(DAY_2024_09_01), millions, lambda v: error_point(v, 16e6)),
        ("check: videos delivered by 2025-04-01 (day 299)", "168M", "K3",
         lambda run: run.videos(DAY_2025_04_01), millions, lambda v: error_point(v, 168e6)),
    ]


def format_error(label, err):
    if math.isnan(err):
        return "n/a"
    if label.startswith("inference gross margin"):
        return "0 (positive)" if err == 0 else f"{100 * err:+.1f} pts"
    if err == 0 and any(c in label for c in ("ARPPU", "paying share", "outside China 2025")):
        return "0 (in range)"
    return f"{100 * err:+.1f}%"


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    runs = [RunData(folder) for folder in argv[1:]]
    table = metrics()
    if len(runs) == 1:
        run = runs[0]
        print(f"Run: scenario {run.scenario}, seed {run.seed}, replication {run.replication}, "
              f"days 0-{run.last_day}")
        print()
        print("| metric | public value | source | simulated | error % |")
        print("|---|---|---|---|---|")
        for label, public, source, value_of, fmt, err_of in table:
            value = value_of(run)
            print(f"| {label} | {public} | {source} | {fmt(value)} | {format_error(label, err_of(value))} |")
    else:
        seeds = ", ".join(run.seed for run in runs)
        print(f"Runs: scenario {runs[0].scenario}, seeds {seeds}")
        print()
        header = ["metric", "public value", "source"] + [f"seed {run.seed}" for run in runs] + [
            "mean", "spread (max - min)", "error % of mean"]
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for label, public, source, value_of, fmt, err_of in table:
            values = [value_of(run) for run in runs]
            known = [v for v in values if not math.isnan(v)]
            mean = sum(known) / len(known) if len(known) == len(values) else math.nan
            spread = max(known) - min(known) if len(known) == len(values) else math.nan
            spread_text = f"{100 * spread:.1f} pts" if fmt is percent and not math.isnan(spread) else fmt(spread)
            cells = [label, public, source] + [fmt(v) for v in values] + [
                fmt(mean), spread_text, format_error(label, err_of(mean))]
            print("| " + " | ".join(cells) + " |")
    notes = []
    for run in runs:
        if run.last_day < DAY_2025_07_01:
            notes.append(f"{run.folder}: run ends on day {run.last_day}; later milestones are n/a.")
        for day, region, snapshot, cumulative in run.snapshot_mismatches[:5]:
            notes.append(f"{run.folder}: users_adopted snapshot of {region} on day {day} is {snapshot:.0f}, "
                         f"cumulative new users {cumulative:.0f}; the cumulative count is used.")
    if notes:
        print()
        for note in notes:
            print(f"Note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
