"""Run mutmut module by module within a time budget and write tests/MUTATION.md.

Called by scripts/mutation (see its header and tests/MUTATION.md). The modules
are [tool.mutmut] only_mutate in pyproject.toml; mutmut keeps every result in
mutants/, so a later run continues where the budget stopped the last one.

The CI sample (--changed) tests a fixed share of every module's mutants, and a
larger share of the modules changed since the base: a mutant is in it when a
hash of its name (with SAMPLE_SEED) falls under the share, so the sample is the
same on every run and a change to one function moves only that function's
mutants in or out.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

REPORT = Path("tests/MUTATION.md")
BEGIN, END = "<!-- scores: begin -->", "<!-- scores: end -->"
EQUIVALENT = re.compile(r"^- `(webapp\.[\w.ǁ]+__mutmut_\d+)`")
# Time allowed for mutmut's first pass over the selected tests (see main).
STATS_MINUTES = 10
# What mutmut's exit codes mean (mutmut.stats.status_by_exit_code), folded into
# the columns of the report.
COLUMNS = (
    "killed",
    "timeout",
    "killed on PostgreSQL",
    "survived",
    "no tests",
    "equivalent",
    "not checked",
)
# Sections of tests/MUTATION.md whose bullets name mutants: the argued
# equivalents, and the mutants of PostgreSQL-only statements (which the SQLite
# run cannot reach) each seen killed by a named PostgreSQL test.
EQUIVALENTS_SECTION = "## Equivalent mutants"
POSTGRESQL_SECTION = "## Killed on PostgreSQL only"
SURVIVOR = re.compile(r"^- `(webapp\.[\w.ǁ]+__mutmut_\d+)` \((survived|no tests)\)")
# The CI sample: the share of each module's mutants it tests, and of the
# modules changed since the base (sized in tests/MUTATION.md, "CI sample").
SAMPLE_SEED = "ocop-trace-mutation-sample-1"
SAMPLE_SHARE = 0.02
CHANGED_SHARE = 0.08


def main() -> int:
    args = parse_args()
    config = tomllib.loads(Path("pyproject.toml").read_text())["tool"]["mutmut"]
    paths = config["only_mutate"]
    if args.changed is not None:
        return ci_sample(paths, args)
    if args.modules:
        paths = [p for p in paths if module_of(p) in args.modules or p in args.modules]
    deadline = time.monotonic() + args.max_minutes * 60
    started = datetime.now(UTC)
    # The first run after a change of the test selection first runs every
    # selected test once to learn which tests reach which function.
    allowance = STATS_MINUTES * 60 if stats_are_stale() else 0
    if args.retest_survivors:  # few per module: one run saves mutmut's start-ups
        names = [name for path in paths for name in unchecked(path, True)]
        if names:
            run_mutmut(names, args.max_minutes * 60, args.jobs)
        paths = []
    for index, path in enumerate(paths):
        left = deadline - time.monotonic()
        if left < 20:
            print(f"mutation: time budget spent before {path}")
            break
        names = unchecked(path, args.retest_survivors)
        if names:
            share = (left - allowance) / (len(paths) - index) + allowance
            run_mutmut(names, min(left, share), args.jobs)
            allowance = 0
    scores = collect(config["only_mutate"])
    command = "scripts/mutation " + " ".join(sys.argv[1:])
    write_report(scores, command.strip(), started)
    return verdict(scores, None)


def ci_sample(paths: list[str], args: argparse.Namespace) -> int:
    """Test the fixed sample; fail when under the threshold of it is killed.

    The sample leaves out the mutants tests/MUTATION.md records as surviving or
    argued equivalent: what it checks is that what the recorded run killed is
    still killed, and that new code (new mutants) is tested.
    """
    started = time.monotonic()
    base = args.changed or default_base()
    touched = set(changed(paths, base))
    generate()
    known = set(equivalents()) | set(killed_on_postgresql()) | recorded_survivors()
    names = []
    for path in paths:
        share = CHANGED_SHARE if path in touched else SAMPLE_SHARE
        found = [name for name in mutants_of(path) if name not in known]
        picked = sorted(name for name in found if in_sample(name, share))
        print(f"mutation sample: {len(picked)} of {len(found)} mutants of {path}")
        names += picked
    left = args.max_minutes * 60 - (time.monotonic() - started)
    run_mutmut(names, left, args.jobs)
    scores = collect(paths, only=set(names))
    unchecked_left = sum(found["counts"]["not checked"] for found in scores.values())
    if unchecked_left:
        print(f"mutation sample: {unchecked_left} mutants not reached in the budget")
    minutes = (time.monotonic() - started) / 60
    print(f"mutation sample: {len(names)} mutants in {minutes:.1f} min")
    return verdict(scores, args.threshold)


def in_sample(name: str, share: float) -> bool:
    """Whether the mutant is in the sample: a fixed draw from its name."""
    digest = hashlib.sha256(f"{SAMPLE_SEED}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") < share * 2**64


def generate() -> None:
    """Have mutmut write every mutant (without testing any) to list them."""
    runner = str(Path(__file__).with_name("mutmut_run.py"))
    quiet = subprocess.DEVNULL if not os.environ.get("MUTATION_VERBOSE") else None
    subprocess.run([sys.executable, runner, "generate"], check=True, stdout=quiet)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/mutation")
    parser.add_argument(
        "modules", nargs="*", help="e.g. webapp.services.scans.detection"
    )
    parser.add_argument("--max-minutes", type=float, default=40.0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--changed",
        nargs="?",
        const="",
        default=None,
        metavar="BASE",
        help="only modules changed since BASE (default: the last release tag)",
    )
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument(
        "--retest-survivors",
        action="store_true",
        help="test the surviving mutants again (after adding tests)",
    )
    return parser.parse_args()


def module_of(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], capture_output=True, text=True, check=False
    ).stdout.strip()


def default_base() -> str:
    """The last release tag, else where this branch left main, else the root."""
    tag = git("describe", "--tags", "--abbrev=0")
    if tag:
        return tag
    for branch in ("main", "origin/main"):
        fork = git("merge-base", "HEAD", branch)
        if fork:
            return fork
    return git("rev-list", "--max-parents=0", "HEAD").splitlines()[0]


def changed(paths: list[str], base: str) -> list[str]:
    """The mutated modules that differ from base (committed or not)."""
    names = set(git("diff", "--name-only", base, "--").splitlines())
    print(f"mutation sample: changes since {base}")
    return [p for p in paths if p in names]


def unchecked(path: str, survivors: bool = False) -> list[str]:
    """The module's mutants without a result yet (all of them before the first
    run), or, when asked, its survivors (after tests were added to kill them).

    mutmut retests every mutant it is named, so naming only these makes a run
    continue where the last one's budget stopped it.
    """
    found = mutants_of(path)
    if not found:
        return [] if survivors else [f"{module_of(path)}.*"]
    again = (0, 33) if survivors else (None, 2)
    return sorted(name for name, code in found.items() if code in again)


def run_mutmut(names: list[str], seconds: float, jobs: int) -> None:
    """mutmut run on these mutants, stopped when its time is up."""
    runner = str(Path(__file__).with_name("mutmut_run.py"))
    command = [sys.executable, runner, "run", "--max-children", str(jobs), *names]
    print(f"mutation: {' '.join(command[5:])[:70]} for at most {seconds / 60:.1f} min")
    process = subprocess.Popen(
        command,
        start_new_session=True,
        stdout=subprocess.DEVNULL if not os.environ.get("MUTATION_VERBOSE") else None,
    )
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        # mutmut saves each mutant's result as it comes: stopping it loses only
        # the ones in flight, which stay unchecked for the next run.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def stats_are_stale() -> bool:
    """True when mutmut will collect its test statistics first."""
    import json

    from mutmut.configuration import config

    try:
        saved = json.loads(Path("mutants/mutmut-stats.json").read_text())
    except (OSError, ValueError):
        return True
    return saved.get("config_fingerprint") != config().config_fingerprint()


def mutants_of(path: str) -> dict[str, int | None]:
    from mutmut.mutation.data import SourceFileMutationData

    data = SourceFileMutationData(path=path)
    data.load()
    return data.exit_code_by_key


def equivalents() -> dict[str, str]:
    """Survivors argued equivalent in tests/MUTATION.md."""
    return named_in(EQUIVALENTS_SECTION)


def killed_on_postgresql() -> dict[str, str]:
    """Mutants of PostgreSQL-only code recorded as killed by PostgreSQL tests."""
    return named_in(POSTGRESQL_SECTION)


def named_in(heading: str) -> dict[str, str]:
    """The mutants a section of tests/MUTATION.md lists, one bullet each."""
    if not REPORT.exists():
        return {}
    text = REPORT.read_text().split(END)[-1]
    if heading + "\n" not in text:
        return {}
    section = text.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in section.splitlines():
        match = EQUIVALENT.match(line)
        if match:
            found[match.group(1)] = line
    return found


def recorded_survivors() -> set[str]:
    """The survivors the last recorded run listed in tests/MUTATION.md."""
    if not REPORT.exists():
        return set()
    text = REPORT.read_text().split(BEGIN)[-1].split(END)[0]
    return {m.group(1) for m in map(SURVIVOR.match, text.splitlines()) if m}


def collect(paths: list[str], only: set[str] | None = None) -> dict[str, dict]:
    from mutmut.stats import status_by_exit_code

    argued = equivalents()
    elsewhere = killed_on_postgresql()
    scores = {}
    for path in paths:
        counts: Counter = Counter()
        survivors = []
        for name, code in mutants_of(path).items():
            if only is not None and name not in only:
                continue
            status = status_by_exit_code[code]
            if status in ("killed", "caught by type check", "segfault"):
                status = "killed"
            elif status in ("survived", "no tests") and name in argued:
                status = "equivalent"
            elif status in ("survived", "no tests") and name in elsewhere:
                status = "killed on PostgreSQL"
            elif status in ("suspicious", "check was interrupted by user", "skipped"):
                status = "not checked"
            if status in ("survived", "no tests"):
                survivors.append((name, status))
            counts[status] += 1
        scores[path] = {"counts": counts, "survivors": sorted(survivors)}
    return scores


def score(counts: Counter) -> float | None:
    """Killed (or timed out) of the checked mutants that are not equivalent."""
    caught = counts["killed"] + counts["timeout"] + counts["killed on PostgreSQL"]
    judged = caught + counts["survived"] + counts["no tests"]
    return 100.0 * caught / judged if judged else None


def write_report(scores: dict[str, dict], command: str, started: datetime) -> None:
    minutes = (datetime.now(UTC) - started).total_seconds() / 60
    lines = [
        BEGIN,
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC in {minutes:.0f} min with "
        f"`{command}` ({os.cpu_count()} cores, SQLite).",
        "",
        "| module | mutants | " + " | ".join(COLUMNS) + " | score |",
        "|---|" + "---:|" * (len(COLUMNS) + 2),
    ]
    for path, found in scores.items():
        counts = found["counts"]
        value = score(counts)
        shown = f"{value:.1f} %" if value is not None else "—"
        cells = " | ".join(str(counts[c]) for c in COLUMNS)
        lines.append(f"| `{path}` | {sum(counts.values())} | {cells} | {shown} |")
    lines += ["", "Surviving mutants (not argued equivalent below):", ""]
    for path, found in scores.items():
        for name, status in found["survivors"]:
            lines.append(f"- `{name}` ({status}): {change_of(name, path)}")
    lines += ["", END]
    text = REPORT.read_text() if REPORT.exists() else f"{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    REPORT.write_text(head + "\n".join(lines) + tail)


def change_of(name: str, path: str) -> str:
    """The mutant's change as its first removed and added lines."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    try:
        diff = get_diff_for_mutant(name, path=path).splitlines()
    except Exception as error:  # a mutant of code changed since: say so
        return f"(diff unavailable: {type(error).__name__})"
    old = [line[1:].strip() for line in diff[2:] if line.startswith("-")]
    new = [line[1:].strip() for line in diff[2:] if line.startswith("+")]
    return f"`{' '.join(old)[:90]}` → `{' '.join(new)[:90]}`"


def verdict(scores: dict[str, dict], threshold: float | None) -> int:
    total: Counter = Counter()
    for path, found in scores.items():
        counts = found["counts"]
        total.update(counts)
        value = score(counts)
        shown = f"{value:.1f} %" if value is not None else "not measured"
        print(f"{path}: {shown}  " + ", ".join(f"{c} {counts[c]}" for c in COLUMNS))
    overall = score(total)
    if threshold is None or overall is None:
        return 0
    print(f"mutation sample: {overall:.1f} % killed (threshold {threshold:.0f} %)")
    return 0 if overall >= threshold else 1


if __name__ == "__main__":
    sys.exit(main())
