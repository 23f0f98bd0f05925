#!/usr/bin/env python3
"""Delay (timeLoss + departDelay, RESCO's measure for arrived trips) per origin -> destination edge pair.

usage: delay_by_origin.py ROUTES.rou.xml TRIPINFO.xml [TRIPINFO.xml ...]
Prints, per tripinfo file, the pairs by their share of the mean delay over all arrived trips (largest first).
"""
import collections
import sys
import xml.etree.ElementTree as ET


def main(routes, tripinfos):
    pair = {}
    for _, el in ET.iterparse(routes):
        if el.tag in ("trip", "vehicle"):
            pair[el.get("id")] = (el.get("from") or "?", el.get("to") or "?")
    for path in tripinfos:
        agg = collections.defaultdict(lambda: [0, 0.0, 0.0])
        for _, el in ET.iterparse(path):
            if el.tag == "tripinfo":
                a = agg[pair.get(el.get("id"), ("?", "?"))]
                depart_delay = float(el.get("departDelay"))
                a[0] += 1
                a[1] += float(el.get("timeLoss")) + depart_delay
                a[2] += depart_delay
        total = sum(a[0] for a in agg.values())
        print(path)
        print(f"  {'from':>16} -> {'to':<16} {'trips':>5} {'delay s':>8} {'depart s':>8} {'share of mean s':>15}")
        for (origin, dest), (n, delay, depart) in sorted(agg.items(), key=lambda kv: -kv[1][1]):
            print(f"  {origin:>16} -> {dest:<16} {n:5d} {delay / n:8.1f} {depart / n:8.1f} {delay / total:15.2f}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
