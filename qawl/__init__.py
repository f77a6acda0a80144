"""qawl (قول, "a saying"): who said what, according to whom, about whom, and when, in Arabic news."""

from qawl.pipeline import analyse, extract
from qawl.record import FORMAT, Article, Record

__all__ = ["FORMAT", "Article", "Record", "analyse", "extract"]
__version__ = "0.1.0"
