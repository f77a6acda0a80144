"""One fuzz target under atheris, in this process: ``python -m fuzz.child TARGET [libFuzzer options]``
(what ``python -m fuzz`` runs; libFuzzer ends the process when it is done)."""

from __future__ import annotations

import logging
import sys

import atheris

with atheris.instrument_imports(include=["qawl"]):  # coverage of qawl's code guides the fuzzer
    import qawl  # noqa: F401  (every module of analysis, instrumented before extract imports it)
    from fuzz.targets import TARGETS


def main() -> None:
    name = sys.argv.pop(1)
    target = TARGETS[name]
    logging.disable(logging.WARNING)  # trafilatura's "discarding data" on every empty page
    if name == "extract":
        target("قال الوزير إن «المحادثات ستستأنف».".encode())  # load the models before the clock starts
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()  # exits the process when done


if __name__ == "__main__":
    main()
