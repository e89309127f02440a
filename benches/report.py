#!/usr/bin/env python3
"""Turns a bench run into the table and the chart of benches/README.md.

Reads criterion's results (``<criterion dir>/**/new/benchmark.json`` and
``estimates.json``) with what the ``latency``, ``memory`` and ``paired``
bench targets write next to them (``latency/``, ``memory/``, ``paired/``),
prints a markdown table (greenroom, baseline and their ratio per workload and
runtime, with the median ratio of the paired runs) and writes an SVG bar
chart of the time per operation.

    cargo bench
    python3 benches/report.py                # table on stdout, benches/results.svg

The criterion directory is found as criterion finds it: ``$CRITERION_HOME``,
else ``criterion`` in cargo's target directory; ``--criterion DIR`` overrides.
Standard library only.
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# (key, label, unit), in the order of issue 5. The keys of criterion's
# workloads are its group names; the others come from the JSON files.
WORKLOADS = [
    ("tell", "tell", "ns per message"),
    ("ask", "ask", "ns per round trip"),
    ("ask-p50", "ask, p50", "ns per ask"),
    ("ask-p99", "ask, p99", "ns per ask"),
    ("spawn", "spawn", "ns per actor"),
    ("memory", "memory", "bytes per idle actor"),
    ("fan-in", "fan-in", "ns per message"),
    ("ring", "ring", "ns per hop"),
    ("skynet", "skynet", "ns per actor"),
]
FLAVOURS = ["multi-thread", "current-thread"]
IMPLEMENTATIONS = ["greenroom", "baseline"]
COLOURS = {"greenroom": "#2e7d32", "baseline": "#9e9e9e"}


def criterion_dir():
    """Where criterion writes, found the way criterion finds it."""
    if os.environ.get("CRITERION_HOME"):
        return os.environ["CRITERION_HOME"]
    target = os.environ.get("CARGO_TARGET_DIR")
    if not target:
        try:
            metadata = subprocess.run(
                ["cargo", "metadata", "--format-version", "1", "--no-deps"],
                cwd=REPO, capture_output=True, check=True, text=True,
            )
            target = json.loads(metadata.stdout)["target_directory"]
        except (OSError, subprocess.CalledProcessError, ValueError, KeyError):
            target = os.path.join(REPO, "target")
    return os.path.join(target, "criterion")


def read_criterion(directory, results):
    """Adds each criterion result of a known workload, in ns per element."""
    known = {key for key, _, _ in WORKLOADS}
    for root, _, files in os.walk(directory):
        if os.path.basename(root) != "new" or "benchmark.json" not in files or "estimates.json" not in files:
            continue
        with open(os.path.join(root, "benchmark.json")) as f:
            benchmark = json.load(f)
        with open(os.path.join(root, "estimates.json")) as f:
            estimates = json.load(f)
        workload = benchmark.get("group_id")
        implementation = benchmark.get("function_id")
        flavour = benchmark.get("value_str")
        if workload not in known or implementation not in IMPLEMENTATIONS or flavour not in FLAVOURS:
            continue
        elements = (benchmark.get("throughput") or {}).get("Elements", 1)
        results[(workload, flavour)][implementation] = estimates["mean"]["point_estimate"] / elements


def read_extras(directory, results):
    """Adds the latency percentiles and the bytes per idle actor, one file
    per measurement: ``latency/<implementation>/<flavour>.json``."""
    for workload in ("latency", "memory"):
        for implementation in IMPLEMENTATIONS:
            for flavour in FLAVOURS:
                try:
                    with open(os.path.join(directory, workload, implementation, f"{flavour}.json")) as f:
                        row = json.load(f)
                except FileNotFoundError:
                    continue
                if workload == "memory" and "bytes_per_actor" in row:
                    results[("memory", flavour)][implementation] = row["bytes_per_actor"]
                elif workload == "latency":
                    results[("ask-p50", flavour)][implementation] = row["p50_ns"]
                    results[("ask-p99", flavour)][implementation] = row["p99_ns"]
    for key, _, _ in WORKLOADS:
        for flavour in FLAVOURS:
            try:
                with open(os.path.join(directory, "paired", key, f"{flavour}.json")) as f:
                    row = json.load(f)
            except FileNotFoundError:
                continue
            results[(key, flavour)]["paired"] = row


def number(value):
    if value is None:
        return "–"
    if value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ratio(values):
    """greenroom / baseline: the median of the paired runs if there are any,
    else the ratio of criterion's means."""
    if "paired" in values:
        return values["paired"]["ratio"]
    return mean_ratio(values)


def mean_ratio(values):
    greenroom, baseline = values.get("greenroom"), values.get("baseline")
    if greenroom is None or not baseline:
        return None
    return greenroom / baseline


def machine():
    """One line about this machine, for the table's heading."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rustc = "rustc (unknown version)"
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, {rustc}"


def table(results):
    lines = [
        "| workload | runtime | greenroom | baseline | greenroom / baseline | paired runs: median ratio (range) | unit |",
        "|---|---|--:|--:|--:|--:|---|",
    ]
    for key, label, unit in WORKLOADS:
        for flavour in FLAVOURS:
            values = results.get((key, flavour), {})
            if not values:
                continue
            r = mean_ratio(values)
            paired = values.get("paired")
            paired_text = (
                f"{paired['ratio']:.2f}× ({paired['ratio_low']:.2f}–{paired['ratio_high']:.2f})" if paired else "–"
            )
            lines.append(
                f"| {label} | {flavour} | {number(values.get('greenroom'))} | {number(values.get('baseline'))} "
                f"| {'–' if r is None else f'{r:.2f}×'} | {paired_text} | {unit} |"
            )
    return "\n".join(lines)


class Chart:
    """A hand-written SVG of horizontal bars, greenroom above baseline for
    each workload and runtime, in panels of one unit each."""

    WIDTH = 920
    LABEL = 210  # width of the row labels
    BARS = 540  # width of the bar area
    BAR = 13
    ROW = 2 * 13 + 16

    def __init__(self):
        self.parts = []
        self.y = 0

    def text(self, x, y, content, size=12, anchor="start", weight="normal", colour="#222"):
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{colour}">{escape(content)}</text>'
        )

    def heading(self):
        self.text(16, 26, "greenroom next to a hand-written tokio actor", size=17, weight="bold")
        self.text(
            16, 46,
            "shorter is better; bars: criterion's means; right: greenroom / baseline, "
            "the paired median where measured (red above 1.10)",
            colour="#555",
        )
        x = 16
        for implementation, label in [("greenroom", "greenroom"), ("baseline", "baseline: tokio mpsc + oneshot")]:
            self.parts.append(f'<rect x="{x}" y="58" width="14" height="14" fill="{COLOURS[implementation]}"/>')
            self.text(x + 20, 70, label)
            x += 110
        self.y = 80

    def panel(self, title, rows, log):
        """`rows`: (label, {implementation: value}). Bars on a log scale
        from a power of ten, or on a linear one from zero."""
        values = [row[i] for _, row in rows for i in IMPLEMENTATIONS if row.get(i)]
        if not values:
            return
        if log:
            low = 10 ** math.floor(math.log10(min(values)))
            high = 10 ** math.ceil(math.log10(max(values)))
            if high <= low:
                high = low * 10

            def scale(v):
                return self.BARS * (math.log10(v) - math.log10(low)) / (math.log10(high) - math.log10(low))

            ticks = []
            decade = low
            while decade <= high * 1.0001:
                ticks += [(decade * m, m == 1) for m in (1, 2, 5) if decade * m <= high * 1.0001]
                decade *= 10
        else:
            step = 10 ** math.floor(math.log10(max(values)))
            if max(values) / step < 4:
                step /= 2
            high = math.ceil(max(values) / step) * step

            def scale(v):
                return self.BARS * v / high

            ticks = [(step * i, True) for i in range(int(high / step) + 1)]

        self.y += 24
        self.text(16, self.y, title, size=14, weight="bold")
        top = self.y + 12
        bottom = top + len(rows) * self.ROW
        left = self.LABEL
        for value, major in ticks:
            x = left + scale(value)
            colour = "#bbb" if major else "#e4e4e4"
            self.parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{colour}"/>')
            if major or not log:
                self.text(x, bottom + 15, number(value), size=11, anchor="middle", colour="#555")
        for i, (label, row) in enumerate(rows):
            y = top + i * self.ROW + 8
            self.text(left - 10, y + self.BAR + 4, label, anchor="end")
            for j, implementation in enumerate(IMPLEMENTATIONS):
                value = row.get(implementation)
                bar_y = y + j * self.BAR
                if value is None:
                    self.text(left + 4, bar_y + self.BAR - 2, "no result", size=11, colour="#999")
                    continue
                width = max(scale(value), 1)
                self.parts.append(
                    f'<rect x="{left}" y="{bar_y}" width="{width:.1f}" height="{self.BAR - 1}" '
                    f'fill="{COLOURS[implementation]}"><title>{escape(f"{label}, {implementation}: {number(value)}")}'
                    f"</title></rect>"
                )
                self.text(left + width + 4, bar_y + self.BAR - 2, number(value), size=11)
            r = ratio(row)
            if r is not None:
                colour = "#2e7d32" if r <= 1.10 else "#c62828"
                self.text(self.WIDTH - 16, y + self.BAR + 4, f"{r:.2f}×", anchor="end", weight="bold", colour=colour)
        self.y = bottom + 24

    def svg(self):
        height = self.y + 10
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.WIDTH}" height="{height}" '
            f'viewBox="0 0 {self.WIDTH} {height}" font-family="Helvetica, Arial, sans-serif">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(self.parts) + "\n</svg>\n"
        )


def chart(results):
    def rows(keys):
        return [
            (f"{label} · {flavour}", results.get((key, flavour), {}))
            for key, label, _ in WORKLOADS
            if key in keys
            for flavour in FLAVOURS
            if results.get((key, flavour))
        ]

    timed = [key for key, _, unit in WORKLOADS if unit.startswith("ns")]
    c = Chart()
    c.heading()
    c.panel("Time per operation, ns (log scale)", rows(timed), log=True)
    c.panel("Heap per idle actor, bytes", rows(["memory"]), log=False)
    return c.svg()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--criterion", help="criterion's output directory (default: found as criterion finds it)")
    parser.add_argument("--svg", default=os.path.join(HERE, "results.svg"), help="where to write the chart")
    args = parser.parse_args()

    directory = args.criterion or criterion_dir()
    results = {(key, flavour): {} for key, _, _ in WORKLOADS for flavour in FLAVOURS}
    read_criterion(directory, results)
    read_extras(directory, results)
    if not any(results.values()):
        sys.exit(f"no results in {directory}: run `cargo bench` first")

    print(f"Machine: {machine()}\n")
    print(table(results))
    with open(args.svg, "w") as f:
        f.write(chart(results))
    print(f"\nwrote {os.path.relpath(args.svg)} from {directory}", file=sys.stderr)


if __name__ == "__main__":
    main()
