#!/usr/bin/env python3
"""Paired differences (variant - baseline, same replication) with 95% Student-t intervals for whole-run outcomes
that `gvsim report` does not list, from each complete run's region_daily.csv, summed over regions.
Usage: results/lever_outcomes.py STUDY_FOLDER [BASELINE_VARIANT] > outcomes.csv   (docs/levers.md)"""
import csv, math, os, sys
from collections import defaultdict
# t(0.975, df) for df = 1..30; beyond, the normal 1.96 (within 2 %)
T975 = dict(enumerate([12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
                       2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
                       2.052, 2.048, 2.045, 2.042], start=1))

def outcomes(run_dir):
    rows = list(csv.DictReader(open(os.path.join(run_dir, 'region_daily.csv'))))
    f = lambda k: sum(float(r[k]) for r in rows)
    last = max(int(r['day']) for r in rows)
    end = [r for r in rows if int(r['day']) == last]
    active = [float(r['users_free']) + float(r['users_paid']) for r in end]
    sat = sum(a * float(r['satisfaction_mean']) for a, r in zip(active, end)) / max(sum(active), 1)
    # job-weighted mean queue wait over the run (days without deliveries weigh 0)
    wait = sum(float(r['mean_wait_s'] or 0) * float(r['jobs_delivered']) for r in rows) / max(f('jobs_delivered'), 1)
    return {
        'revenue_api_usd': f('revenue_api_usd'),
        'revenue_subscriptions_usd': f('revenue_subscriptions_usd'),
        'gpu_hours_per_clip': f('gpu_hours_busy') / max(f('jobs_delivered'), 1),
        'energy_usd': f('energy_usd'),
        'poor_share': f('jobs_poor') / max(f('jobs_delivered'), 1),
        'abandoned_share': f('jobs_abandoned') / max(f('jobs_submitted'), 1),
        'mean_wait_s': wait,
        'satisfaction_end': sat,
        'users_to_rivals': f('users_to_rivals'),
        'conversions': f('conversions'),
        'marketing_usd': f('marketing_usd'),
    }

def main(folder, baseline='baseline'):
    runs = defaultdict(dict)
    for rid in sorted(os.listdir(os.path.join(folder, 'runs'))):
        if not os.path.exists(os.path.join(folder, 'runs', rid, 'manifest.json')):
            continue
        var, rep = rid.rsplit('-r', 1)
        runs[var][rep] = outcomes(os.path.join(folder, 'runs', rid))
    base = runs[baseline]
    print('variant,metric,baseline_mean,diff_mean,ci_low,ci_high,excludes_0')
    for var in runs:
        if var == baseline:
            continue
        for m in base[next(iter(base))]:
            d = [runs[var][r][m] - base[r][m] for r in runs[var] if r in base]
            n = len(d); mu = sum(d) / n
            sd = math.sqrt(sum((x - mu) ** 2 for x in d) / (n - 1)) if n > 1 else float('nan')
            h = T975.get(n - 1, 1.96) * sd / math.sqrt(n)
            bm = sum(base[r][m] for r in base) / len(base)
            print(f'{var},{m},{bm:.6g},{mu:.6g},{mu-h:.6g},{mu+h:.6g},{int(mu-h > 0 or mu+h < 0)}')

main(*sys.argv[1:])
