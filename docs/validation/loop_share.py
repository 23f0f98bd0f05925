#!/usr/bin/env python3
"""What the TraCI loop costs of a run: plain sumo against our control over TCP and in-process (libsumo).

usage: loop_share.py RUNNER CFG POLICY SEEDS OUT [--rounds N]
  RUNNER  the traffic-sumo binary; CFG a sumocfg; POLICY e.g. adaptive; SEEDS e.g. 1..3; OUT a scratch directory.

Per round (--rounds, default 1) it runs, one runner process each and one after the other so that the machine's
drift hits all three alike: plain sumo (the network's programme, no TraCI) for the seeds, then POLICY over TCP
(a sumo process), then POLICY in-process (--sumo libsumo). Prints per run the simulated seconds per wall second,
our CPU, SUMO's CPU and the loop share = (our CPU + SUMO's CPU - plain CPU of the same seed) / (our CPU + SUMO's CPU),
then the median per mode over the warm runs (every run after the first of its process, whose .NET start-up and JIT
are in "ours") and over all runs, and the whole commands' wall time.
"""
import csv
import statistics
import subprocess
import sys
import time


def run(runner, cfg, policy, seeds, out, extra):
    start = time.time()
    subprocess.run([runner, "--cfg", cfg, "--policy", policy, "--seeds", seeds, "--out", out, *extra],
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.time() - start
    with open(f"{out}/results.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows, wall


def main(argv):
    rounds = 1
    if "--rounds" in argv:
        i = argv.index("--rounds")
        rounds = int(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) != 5:
        sys.exit(__doc__)
    runner, cfg, policy, seeds, out = argv
    modes = [("plain sumo", "fixed", ["--plain"]), ("TCP (sumo process)", policy, ["--sumo", "process"]),
             ("in-process (libsumo)", policy, ["--sumo", "libsumo"])]
    runs = {m: [] for m, _, _ in modes}
    walls = {m: [] for m, _, _ in modes}
    for r in range(rounds):
        for k, (mode, pol, extra) in enumerate(modes):
            print(f"round {r + 1}/{rounds}: {mode} {pol} seeds {seeds}", file=sys.stderr, flush=True)
            rows, wall = run(runner, cfg, pol, seeds, f"{out}/r{r}-m{k}", extra)
            for i, row in enumerate(rows):
                runs[mode].append((r, int(row["seed"]), i > 0, row))
            walls[mode].append(wall)

    plain = {(r, s): float(row["sumo_cpu_s"]) for r, s, _, row in runs["plain sumo"]}
    print(f"\n{cfg}, {policy}, seeds {seeds}, {rounds} round(s)\n")
    print("| mode | round | seed | warm | delay s | sim s / wall s | our CPU s | SUMO CPU s | loop share |")
    print("|---|---|---|---|---|---|---|---|---|")
    summary = {}
    for mode, _, _ in modes:
        shares, speeds, warm_shares, warm_speeds = [], [], [], []
        for r, s, warm, row in runs[mode]:
            ours = float(row["runner_cpu_s"])
            sumo = float(row["sumo_cpu_s"])
            speed = float(row["sim_s_per_wall_s"])
            share = "-"
            if mode != "plain sumo":
                value = (ours + sumo - plain[(r, s)]) / (ours + sumo)
                share = f"{value * 100:.0f} %"
                shares.append(value)
                if warm:
                    warm_shares.append(value)
            speeds.append(speed)
            if warm:
                warm_speeds.append(speed)
            print(f"| {mode} | {r + 1} | {s} | {'yes' if warm else 'no'} | {row['delay_s']} | {speed:.0f} | {ours:.2f} | {sumo:.2f} | {share} |")
        summary[mode] = (shares, speeds, warm_shares, warm_speeds)

    print("\n| mode | sim s / wall s (median, all runs) | loop share (median, all runs) | loop share (median, warm runs) | command wall s (median) |")
    print("|---|---|---|---|---|")
    for mode, _, _ in modes:
        shares, speeds, warm_shares, _ = summary[mode]
        share = f"{statistics.median(shares) * 100:.0f} %" if shares else "-"
        warm = f"{statistics.median(warm_shares) * 100:.0f} %" if warm_shares else "-"
        print(f"| {mode} | {statistics.median(speeds):.0f} | {share} | {warm} | {statistics.median(walls[mode]):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
