#!/usr/bin/env python3
"""The canonical job benchmark model (bench/canonical_jobs.yaml) in SimPy.

Six independent FIFO M/M/c queues: one Resource of capacity c per cluster, one arrival process per cluster
with exponential inter-arrival times, one SimPy process per job (request a GPU, hold it for the service time).
Written the way a SimPy user would write it, so its time is that of an ordinary SimPy model.

Runs on SimPy 3 or later (module `simpy`; Debian package python3-simpy3) or on classic SimPy 2
(module `SimPy.Simulation`; Debian package python3-simpy). `--api auto` takes the first one found.

Prints CSV on stdout: cluster,gpus,jobs_arrived,jobs_measured,mean_wait_s. A job is measured if it started
at or after the warm-up, as in gvsim's timeseries.csv. Random numbers come from Python's `random` module, so
the sample path differs from gvsim's and only the statistics agree.
"""

import argparse
import importlib
import random
import sys
import time

# Must match bench/canonical_jobs.yaml and bench/regions/: (region, cluster, GPUs, arrivals per hour).
CLUSTERS = [
    ("site64", "site64_h100", 64, 1632.0),
    ("site32a", "site32a_h100", 32, 816.0),
    ("site32b", "site32b_h100", 32, 816.0),
    ("site16a", "site16a_h100", 16, 408.0),
    ("site16b", "site16b_h100", 16, 408.0),
    ("site8", "site8_h100", 8, 204.0),
]
MEAN_SERVICE_S = 120.0
DAY_S = 86400.0


class Stats:
    __slots__ = ("arrived", "measured", "wait_sum")

    def __init__(self):
        self.arrived = 0
        self.measured = 0
        self.wait_sum = 0.0


def streams(seed, region):
    """Independent arrival and service streams of one region."""
    return random.Random(f"{seed}/arrivals/{region}"), random.Random(f"{seed}/service/{region}")


def run_simpy3(simpy, horizon_s, warmup_s, seed):
    env = simpy.Environment()

    def job(resource, work_s, stats):
        submit = env.now
        with resource.request() as granted:
            yield granted
            if env.now >= warmup_s:
                stats.measured += 1
                stats.wait_sum += env.now - submit
            yield env.timeout(work_s)

    def arrivals(resource, rate_per_s, arrival_rng, service_rng, stats):
        while True:
            gap = arrival_rng.expovariate(rate_per_s)
            if env.now + gap >= horizon_s:
                return
            yield env.timeout(gap)
            stats.arrived += 1
            env.process(job(resource, service_rng.expovariate(1.0 / MEAN_SERVICE_S), stats))

    results = []
    for region, _, gpus, rate_per_hour in CLUSTERS:
        stats = Stats()
        arrival_rng, service_rng = streams(seed, region)
        env.process(arrivals(simpy.Resource(env, capacity=gpus), rate_per_hour / 3600.0, arrival_rng, service_rng,
                             stats))
        results.append(stats)
    env.run(until=horizon_s)
    return results


def run_simpy2(horizon_s, warmup_s, seed):
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

    sim = Simulation()
    sim.initialize()

    class Job(Process):
        def run(self, resource, work_s, stats):
            submit = self.sim.now()
            yield request, self, resource
            now = self.sim.now()
            if now >= warmup_s:
                stats.measured += 1
                stats.wait_sum += now - submit
            yield hold, self, work_s
            yield release, self, resource

    class Arrivals(Process):
        def run(self, resource, rate_per_s, arrival_rng, service_rng, stats):
            while True:
                gap = arrival_rng.expovariate(rate_per_s)
                if self.sim.now() + gap >= horizon_s:
                    return
                yield hold, self, gap
                stats.arrived += 1
                job = Job(sim=self.sim)
                self.sim.activate(job, job.run(resource, service_rng.expovariate(1.0 / MEAN_SERVICE_S), stats))

    results = []
    for region, _, gpus, rate_per_hour in CLUSTERS:
        stats = Stats()
        arrival_rng, service_rng = streams(seed, region)
        source = Arrivals(sim=sim)
        resource = Resource(capacity=gpus, sim=sim)
        sim.activate(source, source.run(resource, rate_per_hour / 3600.0, arrival_rng, service_rng, stats))
        results.append(stats)
    sim.simulate(until=horizon_s)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=10.0, help="simulated days (default 10)")
    parser.add_argument("--warmup-days", type=float, default=1.0, help="warm-up days left out (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random streams (default 1)")
    parser.add_argument("--api", choices=["auto", "simpy3", "simpy2"], default="auto",
                        help="SimPy API: simpy3 (module simpy), simpy2 (module SimPy), auto (first found)")
    args = parser.parse_args()

    api = args.api
    module = None
    if api in ("auto", "simpy3"):
        try:
            module = importlib.import_module("simpy")
            api = "simpy3"
        except ImportError:
            if api == "simpy3":
                sys.exit("simpy_jobs.py: module simpy not found (Debian: apt-get install python3-simpy3)")
            api = "simpy2"
    if api == "simpy2":
        try:
            module = importlib.import_module("SimPy")
        except ImportError:
            sys.exit("simpy_jobs.py: neither simpy nor SimPy found (Debian: apt-get install python3-simpy3 "
                     "or python3-simpy, and run with the system python3)")
    version = getattr(module, "__version__", "?")

    started = time.perf_counter()
    horizon_s = args.days * DAY_S
    warmup_s = args.warmup_days * DAY_S
    if api == "simpy3":
        results = run_simpy3(module, horizon_s, warmup_s, args.seed)
    else:
        results = run_simpy2(horizon_s, warmup_s, args.seed)
    wall_s = time.perf_counter() - started

    print("cluster,gpus,jobs_arrived,jobs_measured,mean_wait_s")
    for (_, cluster, gpus, _), stats in zip(CLUSTERS, results):
        mean = stats.wait_sum / stats.measured if stats.measured else 0.0
        print(f"{cluster},{gpus},{stats.arrived},{stats.measured},{mean:.9g}")
    total = sum(s.arrived for s in results)
    print(f"simpy_jobs.py: SimPy {version} ({api} API), {total} jobs, {wall_s:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
