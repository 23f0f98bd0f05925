#!/usr/bin/env python3
"""Rollout oracle for one SUMO traffic light: how low the delay can go with perfect knowledge (an experiment, not a
controller: it knows every vehicle's route and every future departure).

A main SUMO runs the scenario and writes the tripinfo. Every --step seconds (the minimum green) the main run's state is
saved and a second SUMO loads it and simulates each candidate plan --horizon seconds ahead: keep the current green
phase or change to another for --step seconds, then each green phase to the end of the horizon (the best of these
counts). The main run takes the candidate with the least lost vehicle-seconds (per step: sum over vehicles of
1 - v / vmax, plus vehicles waiting to be inserted; RESCO's delay is timeLoss + departDelay, the same thing summed).

Changes between the programme's green phases: a link that ends (green before, not after; or protected 'G' before and
permitted 'g' after) shows --yellow s of yellow then --allred s of red; a link green in both stays green (a permitted
'g' becoming protected stays 'g' through the clearance). --subset-clear: when one phase's green links are a subset of
the other's, every green link clears, as the SUMO runner's importer does (it makes no overlap for a phase with no
movement of its own).

usage: SUMO_HOME=/usr/share/sumo rollout_oracle.py --cfg ingolstadt1.sumocfg --seed 1 --tripinfo trips.xml
       [--tls gneJ207] [--step 5] [--horizon 45] [--yellow 3] [--allred 1] [--subset-clear] [--states tls.xml]
Then: resco_delay.py ROUTES.rou.xml trips.xml END (delay as RESCO counts it).
About 10 minutes for the hour of ingolstadt1 (TraCI over TCP, about 80 simulated seconds per second simulated).
"""
import argparse
import os
import sys
import time

sys.path.append(os.path.join(os.environ.get('SUMO_HOME', '/usr/share/sumo'), 'tools'))
import traci  # noqa: E402
import traci.constants as tc  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument('--cfg', required=True)
ap.add_argument('--tls', default='gneJ207')
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--tripinfo', required=True)
ap.add_argument('--step', type=int, default=5)
ap.add_argument('--horizon', type=int, default=45)
ap.add_argument('--yellow', type=int, default=3)
ap.add_argument('--allred', type=int, default=1)
ap.add_argument('--subset-clear', action='store_true')
ap.add_argument('--states', help='also write the light states shown (SUMO SaveTLSStates) to this file')
args = ap.parse_args()

state_file = f'{args.tripinfo}.state.xml'
common = ['-c', args.cfg, '--seed', str(args.seed), '--time-to-teleport', '-1', '--no-step-log', '--no-warnings']
extra = []
if args.states:
    with open(args.states + '.add.xml', 'w') as f:
        f.write(f'<additional><timedEvent type="SaveTLSStates" source="{args.tls}" dest="{os.path.abspath(args.states)}"/></additional>')
    extra = ['--additional-files', args.states + '.add.xml']
traci.start(['sumo'] + common + extra + ['--tripinfo-output', args.tripinfo, '--tripinfo-output.write-unfinished'], label='main')
traci.start(['sumo'] + common, label='sim')
main = traci.getConnection('main')
sim = traci.getConnection('sim')
end = main.simulation.getEndTime()

logic = main.trafficlight.getAllProgramLogics(args.tls)[0]
greens = [p.state for p in logic.phases if 'y' not in p.state and any(c in 'Gg' for c in p.state)]
lanes = [lane for lane in main.lane.getIDList() if not lane.startswith(':')]
vmax = {lane: main.lane.getMaxSpeed(lane) for lane in lanes}
VARS = [tc.LAST_STEP_VEHICLE_NUMBER, tc.LAST_STEP_MEAN_SPEED]


def transition(a, b):
    """The states shown between green a and green b."""
    if a == b:
        return []
    ga = {k for k, c in enumerate(a) if c in 'Gg'}
    gb = {k for k, c in enumerate(b) if c in 'Gg'}
    full = args.subset_clear and (ga <= gb or gb <= ga)

    def ends(ca, cb):
        return ca in 'Gg' and (full or cb not in 'Gg' or (ca == 'G' and cb == 'g'))

    yellow = ''.join('y' if ends(ca, cb) else (ca if ca in 'Gg' else 'r') for ca, cb in zip(a, b))
    red = ''.join('r' if ends(ca, cb) or ca not in 'Gg' else ca for ca, cb in zip(a, b))
    return [yellow] * args.yellow + [red] * args.allred


def lost(conn):
    total = 0.0
    for lane, v in conn.lane.getAllSubscriptionResults().items():
        n = v[tc.LAST_STEP_VEHICLE_NUMBER]
        if n:
            total += n * max(0.0, 1.0 - v[tc.LAST_STEP_MEAN_SPEED] / vmax[lane])
    return total + len(conn.simulation.getPendingVehicles())


def evaluate(plan):
    sim.simulation.loadState(state_file)
    for lane in lanes:
        sim.lane.subscribe(lane, VARS)
    total = 0.0
    for s in plan:
        sim.trafficlight.setRedYellowGreenState(args.tls, s)
        sim.simulationStep()
        total += lost(sim)
    return total


def best_plan(current):
    best, best_cost = current, None
    for g in greens:
        first = transition(current, g) + [g] * args.step
        cost = None
        for g2 in greens:
            rest = transition(g, g2)
            plan = first + rest + [g2] * max(0, args.horizon - len(first) - len(rest))
            c = evaluate(plan)
            cost = c if cost is None else min(cost, c)
        if best_cost is None or cost < best_cost - 1e-9:
            best, best_cost = g, cost
    return best


current = greens[0]
held = 0
queue = []
decisions = switches = 0
started = time.time()
begin = main.simulation.getTime()
main.trafficlight.setRedYellowGreenState(args.tls, current)
while main.simulation.getTime() < end and main.simulation.getMinExpectedNumber() > 0:
    if not queue:
        if held >= args.step:
            main.simulation.saveState(state_file)
            best = best_plan(current)
            decisions += 1
            if best != current:
                switches += 1
                queue = transition(current, best) + [best] * args.step
                current, held = best, 0
            else:
                queue = [current] * args.step
        else:
            queue = [current]
    s = queue.pop(0)
    main.trafficlight.setRedYellowGreenState(args.tls, s)
    main.simulationStep()
    held += s == current
    t = int(main.simulation.getTime())
    if (t - int(begin)) % 600 == 0:
        print(f'  seed {args.seed}: {t - int(begin)} s simulated, {time.time() - started:.0f} s wall, {decisions} decisions, {switches} changes',
              file=sys.stderr, flush=True)

main.close()
sim.close()
os.remove(state_file)
print(f'seed {args.seed}: done in {time.time() - started:.0f} s, {decisions} decisions, {switches} changes; tripinfo {args.tripinfo}', file=sys.stderr)
