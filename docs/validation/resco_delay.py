#!/usr/bin/env python3
"""Delay as RESCO counts it, from a SUMO tripinfo written with --tripinfo-output.write-unfinished: the mean over all
trips of the route file of timeLoss + departDelay, a trip never inserted by END counting END - its depart time.
(The SUMO runner computes the same figure; this is for tripinfos made outside it, e.g. by rollout_oracle.py.)

usage: resco_delay.py ROUTES.rou.xml TRIPINFO.xml END
"""
import sys
import xml.etree.ElementTree as ET


def main(routes, tripinfo, end):
    depart = {}
    for _, el in ET.iterparse(routes):
        if el.tag in ("trip", "vehicle"):
            depart[el.get("id")] = float(el.get("depart"))
    delay = {}
    for _, el in ET.iterparse(tripinfo):
        if el.tag == "tripinfo":
            delay[el.get("id")] = float(el.get("timeLoss")) + float(el.get("departDelay"))
    never = [vid for vid, d in depart.items() if vid not in delay and d < end]
    total = sum(delay.values()) + sum(end - depart[vid] for vid in never)
    n = len(delay) + len(never)
    print(f"{tripinfo}: delay {total / n:.2f} s over {n} trips ({len(never)} never inserted)")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
