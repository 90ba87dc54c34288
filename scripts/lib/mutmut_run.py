"""`mutmut run` whose clean run before the mutants is the quickest few tests.

mutmut runs every test of the named mutants unmutated before mutating, each
time it is started. The budgeted runs of scripts/mutation start it once per
module, and that clean run alone would eat most of a small budget; the stats
collection already ran every selected test clean (and a test that fails
unmutated stops it). The few quickest tests still warm the process the
mutants are forked from and prove the tests run at all.
"""

import os
import sys

from mutmut import __main__ as mutmut_main
from mutmut.state import state

QUICKEST = 3
_runner = mutmut_main.get_mutant_runner


def _quick_clean_runner(*args, **kwargs):
    runner = _runner(*args, **kwargs)
    clean = runner.run_clean_tests

    def run_clean_tests(tests):
        durations = state().duration_by_test
        quickest = sorted(tests, key=lambda test: durations.get(test, 0.0))[:QUICKEST]
        return clean(tests=quickest) if quickest else 0

    runner.run_clean_tests = run_clean_tests
    return runner


mutmut_main.get_mutant_runner = _quick_clean_runner

def generate() -> None:
    """Only the first step of `mutmut run`: write the mutants, test none."""
    from mutmut.utils.file_utils import (
        copy_also_copy_files,
        copy_src_dir,
        setup_source_paths,
    )

    os.makedirs("mutants", exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    mutmut_main.create_mutants(os.cpu_count() or 2)


if __name__ == "__main__":
    if sys.argv[1:] == ["generate"]:
        sys.exit(generate())
    sys.exit(mutmut_main.cli())
