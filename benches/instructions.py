#!/usr/bin/env python3
"""Counts the instructions each workload takes per operation, greenroom and
the baseline, with valgrind's callgrind: a figure that, unlike time on a
shared machine, is the same from one run to the next.

    python3 benches/instructions.py            # every workload
    python3 benches/instructions.py ring tell  # those whose name contains a filter

Builds the ``instructions`` bench target, then runs each workload of it under
``valgrind --tool=callgrind``, counting only ``counted_run`` (one run on the
current-thread runtime, after one to warm up), and prints a markdown table.
Needs valgrind; standard library only.
"""

import json
import re
import subprocess
import sys


def build():
    """Builds the bench target and returns the path of its executable."""
    output = subprocess.run(
        ["cargo", "bench", "--bench", "instructions", "--no-run", "--message-format=json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in output.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "instructions":
            if message.get("executable"):
                return message["executable"]
    sys.exit("no executable for the `instructions` bench target")


def count(executable, workload, implementation):
    """Instructions per operation of one run."""
    name = f"instructions/{workload}/{implementation}"
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--toggle-collect=*counted_run*",
            "--callgrind-out-file=/dev/null",
            executable,
            "--bench",
            name,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    collected = re.search(r"Collected : (\d+)", run.stderr)
    elements = re.search(re.escape(name) + r" elements (\d+)", run.stdout)
    if not collected or not elements:
        sys.exit(f"no count for {name}:\n{run.stderr}")
    return int(collected.group(1)) / int(elements.group(1))


WORKLOADS = ["tell", "ask", "spawn", "fan-in", "ring", "skynet"]


def main():
    filters = sys.argv[1:]
    executable = build()
    print("| workload | greenroom | baseline | greenroom / baseline |")
    print("|---|--:|--:|--:|")
    for workload in WORKLOADS:
        if filters and not any(f in workload for f in filters):
            continue
        greenroom = count(executable, workload, "greenroom")
        baseline = count(executable, workload, "baseline")
        print(f"| {workload} | {greenroom:,.0f} | {baseline:,.0f} | {greenroom / baseline:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
