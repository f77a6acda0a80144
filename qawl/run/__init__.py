"""Running analysis over many articles: in this process or a local process pool."""

from qawl.run.pool import analyse_all, analyse_or_fail

__all__ = ["analyse_all", "analyse_or_fail"]
