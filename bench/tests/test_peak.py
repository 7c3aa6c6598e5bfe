"""A child's peak memory is its own, not its parent's size at the fork (bench/peak.py)."""

import os
import subprocess
import sys
from pathlib import Path

from bench.peak import REPORTING, own_peak_mb

REPO = Path(__file__).resolve().parents[2]


def test_a_small_child_of_a_large_parent_reports_its_own_peak(tmp_path):
    held = bytearray(200 * 1024 * 1024)
    held[:: 4096] = b"\x01" * len(held[:: 4096])  # touched: resident in this process
    script = tmp_path / "small.py"
    script.write_text("print('ran')\n")
    peak_file = tmp_path / "peak"
    child = subprocess.Popen(
        [sys.executable, "-c", REPORTING, str(script)],
        cwd=REPO, env={**os.environ, "BENCH_PEAK_FILE": str(peak_file)}, stdout=subprocess.PIPE, text=True,
    )
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and child.stdout.read().strip() == "ran"
    reported = float(peak_file.read_text())
    assert usage.ru_maxrss / 1024 >= 200  # what wait4 says: the parent's size at the fork
    assert 0 < reported < 120  # the child itself: an interpreter and one print
    del held


def test_own_peak_is_at_least_what_this_process_holds():
    held = bytearray(50 * 1024 * 1024)
    held[:: 4096] = b"\x01" * len(held[:: 4096])
    assert own_peak_mb() >= 50
    del held
