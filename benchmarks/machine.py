"""What the benchmarks share: one thread for numeric libraries, the corpus they read by
default, and the machine they ran on."""

from __future__ import annotations

import argparse
import os
import platform
from pathlib import Path


def pin_one_thread() -> None:
    """One core means one thread too, for any numeric library the analysis may load (call it
    before anything imports numpy)."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, str]:
    """The machine a result was measured on, as the results record it."""
    return {"platform": platform.platform(), "cpu": cpu_model(), "python": platform.python_version()}


ANT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ant2018.jsonl.gz"


def add_corpus(parser: argparse.ArgumentParser) -> None:
    """The ``--corpus`` option: a JSON Lines corpus, by default ANT; a usage error when it is
    not there."""
    parser.add_argument(
        "--corpus", type=_corpus, default=str(ANT), help="JSON Lines corpus (.jsonl or .jsonl.gz)"
    )


def _corpus(value: str) -> Path:
    path = Path(value)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no corpus at {path}")
    return path
