#!/usr/bin/env python3
"""Grouped bar chart (SVG) of mean delay per policy and demand level from scripts/targets.sh output.
usage: targets_chart.py <out dir> <svg file>"""
import csv
import statistics
import sys

out, svg = sys.argv[1], sys.argv[2]
levels = [("offpeak", "off-peak"), ("am", "AM peak"), ("overload", "AM x 1.2"), ("failed20", "AM, 20 % failed")]
pols = [("fixed", "#9e9e9e"), ("actuated", "#4c78a8"), ("max-pressure", "#f58518"), ("adaptive", "#54a24b")]
mean = {}
for lv, _ in levels:
    rows = list(csv.DictReader(open(f"{out}/{lv}/runs.csv")))
    for p, _ in pols:
        mine = [float(r["mean_delay_s"]) for r in rows if r["policy"] == p]
        if mine:  # the failed-detector level runs fixed and adaptive only
            mean[lv, p] = statistics.mean(mine)
top = max(mean.values()) * 1.1
W, H, left, bottom, topm = 900, 420, 60, 60, 40
plot_h = H - bottom - topm
group_w = (W - left - 20) / len(levels)
bar_w = group_w / (len(pols) + 1)
parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="14">daegu-250: mean delay per vehicle (s), by demand level</text>']
for k in range(0, 6):
    v = top * k / 5
    y = H - bottom - plot_h * k / 5
    parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{W - 20}" y2="{y:.1f}" stroke="#ddd"/>')
    parts.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{v:.0f}</text>')
for g, (lv, name) in enumerate(levels):
    x0 = left + g * group_w + bar_w / 2
    for i, (p, color) in enumerate(pols):
        if (lv, p) not in mean:
            continue
        v = mean[lv, p]
        h = plot_h * v / top
        x = x0 + i * bar_w
        parts.append(f'<rect x="{x:.1f}" y="{H - bottom - h:.1f}" width="{bar_w * 0.9:.1f}" height="{h:.1f}" fill="{color}"/>')
        parts.append(f'<text x="{x + bar_w * 0.45:.1f}" y="{H - bottom - h - 4:.1f}" text-anchor="middle" font-size="10">{v:.0f}</text>')
    parts.append(f'<text x="{left + g * group_w + group_w / 2:.1f}" y="{H - bottom + 18}" text-anchor="middle">{name}</text>')
for i, (p, color) in enumerate(pols):
    x = left + i * 150
    parts.append(f'<rect x="{x}" y="{H - 22}" width="12" height="12" fill="{color}"/><text x="{x + 16}" y="{H - 12}">{p}</text>')
parts.append("</svg>")
open(svg, "w").write("\n".join(parts))
print(f"wrote {svg}")
