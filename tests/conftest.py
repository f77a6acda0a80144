from __future__ import annotations

import pytest

# Terminal detection must see what the tests set up, not the environment they run in.
TERMINAL_OVERRIDES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "COLUMNS")


@pytest.fixture(autouse=True)
def _no_terminal_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TERMINAL_OVERRIDES:
        monkeypatch.delenv(name, raising=False)
