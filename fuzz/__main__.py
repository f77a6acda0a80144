"""Fuzz qawl's readers and extract with atheris (libFuzzer), each target for a bounded time.

    python -m fuzz TARGET|all [--seconds N] [--runs N] [--timeout S] [--grow]

Targets (fuzz/targets.py): text, jsonl, html, warc, feed, gzip, encoding, extract. Each starts from its
seed corpus in fuzz/corpus/TARGET (kept in the repository; ``python -m fuzz.corpus`` makes it again) and
runs in a process of its own until ``--seconds`` or ``--runs`` executions, whichever comes first. An
input that raises (a crash) or runs longer than ``--timeout`` seconds (a hang) is written to
fuzz/crashes/TARGET/ and stops its target. New inputs that reach new code go to a scratch folder, or into
the seed corpus with ``--grow``. Prints the executions, crashes and hangs of each target and in all;
exits 1 when there was any crash or hang.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
CRASHES = HERE / "crashes"
NAMES = ("text", "jsonl", "html", "warc", "feed", "gzip", "encoding", "extract")
DONE = re.compile(r"Done (\d+) runs in")
STATS = re.compile(r"^#(\d+)\s", re.MULTILINE)
CRASH = re.compile(r"Uncaught Python exception|ERROR: libFuzzer: deadly signal|==ERROR")
HANG = re.compile(r"ERROR: libFuzzer: timeout|ALARM: working on the last Unit")
ARTIFACT = re.compile(r"Test unit written to (\S+)")
STARTUP = 120  # seconds a target may take to start (imports, instrumentation, extract's models)


@dataclass
class Outcome:
    target: str
    executions: int
    crashes: int
    hangs: int
    artifact: str | None
    log: str


def run_target(name: str, *, seconds: int, runs: int | None, timeout: int, grow: bool) -> Outcome:
    """One target in a child process (libFuzzer ends the process it runs in)."""
    crashes = CRASHES / name
    crashes.mkdir(parents=True, exist_ok=True)
    seeds = CORPUS / name
    with tempfile.TemporaryDirectory(prefix=f"qawl-fuzz-{name}-") as scratch:
        found, files = Path(scratch) / "found", Path(scratch) / "files"
        found.mkdir()
        files.mkdir()
        corpora = [str(seeds)] if grow else [str(found), str(seeds)]  # new finds go to the first
        from fuzz.targets import MAX_LEN

        command = [
            sys.executable,
            "-m",
            "fuzz.child",
            name,
            f"-max_total_time={seconds}",
            f"-timeout={timeout}",
            f"-max_len={MAX_LEN.get(name, 4096)}",
            "-rss_limit_mb=4096",
            "-seed=1",
            "-print_final_stats=1",
            f"-artifact_prefix={crashes}/",
            *([f"-runs={runs}"] if runs else []),
            *corpora,
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=seconds + timeout + STARTUP,
                cwd=HERE.parent,
                env={**os.environ, "QAWL_FUZZ_FILES": str(files), "PYTHONHASHSEED": "0"},
            )
            log, code = done.stdout + done.stderr, done.returncode
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"") + (e.stderr or b"")
            log = (out.decode("utf-8", "replace") if isinstance(out, bytes) else out) + "\n(killed: no end)"
            code = -1
    if not any(crashes.iterdir()):
        crashes.rmdir()  # only a crash leaves something behind
        with contextlib.suppress(OSError):
            CRASHES.rmdir()
    counted = DONE.findall(log) or STATS.findall(log)
    executions = int(counted[-1]) if counted else 0
    hang = bool(HANG.search(log)) or code == -1
    crash = not hang and (bool(CRASH.search(log)) or code != 0)
    artifact = ARTIFACT.search(log)
    return Outcome(name, executions, int(crash), int(hang), artifact.group(1) if artifact else None, log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=(*NAMES, "all"))
    parser.add_argument("--seconds", type=int, default=60, help="per target (default: 60)")
    parser.add_argument("--runs", type=int, default=None, help="executions per target, at most")
    parser.add_argument("--timeout", type=int, default=60, help="seconds one input may take (default: 60)")
    parser.add_argument("--grow", action="store_true", help="keep new inputs in the seed corpus")
    parser.add_argument("--verbose", action="store_true", help="print libFuzzer's own output")
    args = parser.parse_args(argv)
    total = crashes = hangs = 0
    for name in NAMES if args.target == "all" else (args.target,):
        outcome = run_target(name, seconds=args.seconds, runs=args.runs, timeout=args.timeout, grow=args.grow)
        if args.verbose or outcome.crashes or outcome.hangs:
            print(outcome.log[-6000:], file=sys.stderr)
        found = f" -> {outcome.artifact}" if outcome.artifact else ""
        counts = f"{outcome.executions:,} executions, {outcome.crashes} crashes, {outcome.hangs} hangs"
        print(f"{name}: {counts}{found}", flush=True)
        total, crashes, hangs = total + outcome.executions, crashes + outcome.crashes, hangs + outcome.hangs
    print(f"total: {total:,} executions, {crashes} crashes, {hangs} hangs")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
