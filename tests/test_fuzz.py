"""Every fuzz target (fuzz/targets.py: each reader, encoding detection, extract) runs from its seed corpus
under atheris for a bounded number of executions, in a process of its own, with libFuzzer's hang timeout:
no crash, no hang. ``python -m fuzz all --seconds 600`` runs them longer (see fuzz/__main__.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")  # the test extra installs it (Linux and macOS wheels)
ROOT = Path(__file__).resolve().parents[1]
# Executions per target: a few seconds each on a loaded two-core machine (extract: ~50 a second,
# html/warc/feed: ~150, the others ~1,000), reproducible (libFuzzer's seed is fixed).
RUNS = {
    "text": 3000,
    "jsonl": 3000,
    "encoding": 3000,
    "gzip": 1500,
    "html": 500,
    "warc": 500,
    "feed": 300,
    "extract": 150,
}
SECONDS = 30  # a cap, should a loaded machine run slower
HANG = 30  # seconds one input may take before libFuzzer calls it a hang
SUMMARY = re.compile(r"^(\w+): ([\d,]+) executions, (\d+) crashes, (\d+) hangs", re.MULTILINE)


@pytest.mark.parametrize("target", list(RUNS))
def test_fuzzing_finds_no_crash_and_no_hang(target: str) -> None:
    command = [sys.executable, "-m", "fuzz", target, "--runs", str(RUNS[target]), "--seconds", str(SECONDS)]
    done = subprocess.run(
        [*command, "--timeout", str(HANG)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    found = SUMMARY.search(done.stdout)
    assert found, done.stdout + done.stderr[-3000:]
    name, executions, crashes, hangs = found.groups()
    assert (name, crashes, hangs) == (target, "0", "0"), done.stderr[-3000:]
    assert int(executions.replace(",", "")) >= min(RUNS[target], 100)
    assert done.returncode == 0
