"""What the benchmarks share: one thread for numeric libraries, the corpus they read by
default, and the machine they ran on."""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qawl.record import Article


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


def read_articles(corpus: Path, limit: int) -> list[Article]:
    """The first ``limit`` articles of a JSON Lines corpus, in memory (failed lines left out)."""
    from itertools import islice

    from qawl.ingest.readers import read_jsonl  # here: qawl loads after pin_one_thread
    from qawl.record import Article

    return [a for a in islice(read_jsonl(str(corpus)), limit) if isinstance(a, Article)]


def own_peak_rss_mib() -> float:
    """This process's peak resident memory (ru_maxrss)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux


def peak_rss_mib(pid: int | None = None) -> float | None:
    """A process's peak resident memory: VmHWM of /proc (Linux), or ru_maxrss of this one."""
    if pid is None:
        return own_peak_rss_mib()
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    except OSError:
        pass
    return None
