#!/usr/bin/env bash
# The targets table of issue 6 (docs/control.md): delay per policy on daegu-250 at three demand levels.
# usage: scripts/targets.sh [seeds, default 1,2,3,4,5] [out dir, default out/targets] [--tracked-arrivals]
# --tracked-arrivals: the cameras also give the adaptive policy the vehicles they track (it then schedules arrivals
# while the light is lightly loaded; docs/control.md); the other policies are not affected.
# Builds the service once, then runs `traffic compare` for off-peak, AM peak and AM x 1.2 (overload),
# one level after the other, and prints one table: mean delay s/veh per policy and level, and the
# adaptive policy's reduction against each baseline (targets: >= 30 % below fixed, >= 15 % below
# actuated and max-pressure). A fourth row: AM peak with 20 % of the detectors failed (--failed-detectors 0.2),
# policies fixed and adaptive only (target: adaptive >= 15 % below fixed). Also writes the chart
# $out/targets.svg (scripts/targets_chart.py).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-1,2,3,4,5}
out=${2:-out/targets}
tracked=${3:-}
case "$tracked" in ""|--tracked-arrivals) ;; *) echo "usage: scripts/targets.sh [seeds] [out dir] [--tracked-arrivals]" >&2; exit 2;; esac
policies=fixed,actuated,max-pressure,adaptive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Traffic.Service -c Release --verbosity quiet -nologo > /dev/null
traffic() { nice dotnet src/Traffic.Service/bin/Release/net10.0/traffic.dll "$@"; }
run() { # level scenario scale [policies] [extra options]
  mkdir -p "$out/$1"
  traffic compare --network config/networks/daegu-250.json --scenario "config/scenarios/daegu-250-$2.json" \
    --policies "${4:-$policies}" --seeds "$seeds" --demand-scale "$3" --out "$out/$1" ${5:-} $tracked > "$out/$1.log" 2>&1
}
run offpeak offpeak 1.0
run am am 1.0
run overload am 1.2
run failed20 am 1.0 fixed,adaptive "--failed-detectors 0.2"
python3 - "$out" "$seeds" "$tracked" <<'PY'
import csv, sys, statistics
out, seeds = sys.argv[1], sys.argv[2]
levels = ["offpeak", "am", "overload", "failed20"]
pols = ["fixed", "actuated", "max-pressure", "adaptive"]
mean = {}
for lv in levels:
    rows = list(csv.DictReader(open(f"{out}/{lv}/runs.csv")))
    key = "mean_delay_s"
    for p in pols:
        mine = [float(r[key]) for r in rows if r["policy"] == p]
        mean[lv, p] = statistics.mean(mine) if mine else None
print(f"delay s/veh, daegu-250, seeds {seeds} (mean){' , adaptive on tracked arrivals' if len(sys.argv) > 3 and sys.argv[3] else ''}")
print("| level | " + " | ".join(pols) + " | adaptive below fixed | below actuated | below max-pressure |")
print("|---|" + "---|" * (len(pols) + 3))
names = {"failed20": "AM, 20 % detectors failed"}
for lv in levels:
    a = mean[lv, "adaptive"]
    red = [f"{100 * (1 - a / mean[lv, b]):+.0f} %" if mean[lv, b] else "-" for b in ["fixed", "actuated", "max-pressure"]]
    cells = [f"{mean[lv, p]:.1f}" if mean[lv, p] else "-" for p in pols]
    print(f"| {names.get(lv, lv)} | " + " | ".join(cells) + " | " + " | ".join(red) + " |")
PY
python3 scripts/targets_chart.py "$out" "$out/targets.svg"
