"""How long `scripts/demo` takes to answer its first page, where the tests ran.

Each run starts scripts/demo on a free port with a fresh INSTANCE_DIR, so it
loads the demo as a first start does, and measures from the start to the first
200 on GET / (polled every 50 ms) and to the printed URL; the CPU seconds are
those of the whole process tree (bash, gunicorn and its workers). With
--again, each run is followed by a second start on the same folder. Run it
after the tests have installed .venv (scripts/test, or
`. scripts/lib/python-env.sh test`).

    python bench/demo_start.py [--runs 3] [--again]
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "scripts" / "demo"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(instance: Path) -> dict:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PORT=str(port), INSTANCE_DIR=str(instance))
    log = open(instance.parent / f"{instance.name}.log", "a")  # noqa: SIM115
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    demo = subprocess.Popen(
        [DEMO], env=env, stdout=log, stderr=log, start_new_session=True
    )
    answered = wait_for_page(f"http://127.0.0.1:{port}/", demo)
    printed = wait_for_text(log.name, "OCOP Trace is running at", demo)
    os.killpg(demo.pid, signal.SIGINT)
    demo.wait(timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "first page": answered - began,
        "URL printed": printed - began,
        "CPU": after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime,
    }


def wait_for_page(url: str, demo: subprocess.Popen) -> float:
    while demo.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=120):
                return time.perf_counter()
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"scripts/demo exited with {demo.returncode}")


def wait_for_text(path: str, text: str, demo: subprocess.Popen) -> float:
    while text not in Path(path).read_text(encoding="utf-8", errors="replace"):
        if demo.poll() is not None:
            raise SystemExit(f"scripts/demo exited with {demo.returncode}")
        time.sleep(0.05)
    return time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--again", action="store_true", help="time a second start")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for run in range(1, args.runs + 1):
            instance = Path(folder) / f"run{run}"
            starts = [("first start", start(instance))]
            if args.again:
                starts.append(("second start", start(instance)))
            load = os.getloadavg()[0]
            for name, times in starts:
                shown = ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
                print(f"run {run} {name}: {shown} (load {load:.1f})")


if __name__ == "__main__":
    main()
