"""Per-article limits (qawl.run.limits): an article too long, or whose analysis runs too long, is a
Failure that says so and the run goes on, in this process, in a thread, in a pool's workers, and even
when a worker is stuck where no alarm reaches it. Analysis is replaced here by a stand-in that is slow
on demand, so that the limits are tested, not the models."""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest
from click.testing import CliRunner

import qawl.run.pool as pool
from qawl.cli import main
from qawl.ingest.readers import Failure
from qawl.record import Article, Record
from qawl.run import InProcess, Limits, ProcessPool, analyse_or_fail
from qawl.run.limits import AnalysisTimeout, deadline

FAST, SLOW, STUCK = "قال الوزير إن المحادثات ستستأنف.", "SLOW", "STUCK"
SPIN = 30.0  # seconds a slow stand-in spins at most: a test that fails still ends


def spin(seconds: float = SPIN) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # Python bytecode, where an alarm or a watchdog can stop it
        pass


def stand_in(article: Article, base: object = None) -> Record:
    if article.text == SLOW:
        spin()
    if article.text == STUCK:  # as if stuck in C code: no alarm gets through
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        spin()
    return Record(id=article.resolved_id(), text=article.text)


@pytest.fixture
def slow_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "analyse", stand_in)
    monkeypatch.setattr(pool, "warm_up", lambda: None)  # forked workers inherit both


def articles(*texts: str) -> list[Article]:
    return [Article(text=t, id=f"a{i}") for i, t in enumerate(texts)]


forked = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the stand-in reaches the workers by fork"
)


def kinds(results: list[Record | Failure]) -> list[str]:
    return [r.reason if isinstance(r, Failure) else "record" for r in results]


def test_an_article_longer_than_the_limit_is_skipped_with_its_length(slow_analysis: None) -> None:
    limits = Limits(max_chars=100)
    assert isinstance(analyse_or_fail(Article("x" * 100, id="at"), limits), Record)
    assert analyse_or_fail(Article("x" * 101, id="over"), limits) == Failure(
        "over", "longer than 100 characters (101): not analysed"
    )
    assert isinstance(analyse_or_fail(Article("x" * 101, id="none"), Limits(None, None)), Record)


def test_an_analysis_past_its_time_is_stopped_and_the_run_goes_on(slow_analysis: None) -> None:
    started = time.monotonic()
    results = list(InProcess(limits=Limits(max_seconds=0.3)).analyse(articles(FAST, SLOW, FAST)))
    assert kinds(results) == ["record", "analysis took longer than 0.3 s: stopped", "record"]
    assert time.monotonic() - started < 5
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # the alarm is given back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_time_limit_holds_in_a_thread_too(slow_analysis: None) -> None:
    """Dask workers analyse in threads, where SIGALRM cannot reach: a watchdog thread stops them."""
    got: list[list[str]] = []

    def run() -> None:
        got.append(kinds([analyse_or_fail(a, Limits(max_seconds=0.3)) for a in articles(SLOW, FAST)]))
        spin(0.5)  # nothing arrives late
        got.append(["done"])

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert got == [["analysis took longer than 0.3 s: stopped", "record"], ["done"]]


def test_a_deadline_that_is_met_leaves_nothing_behind() -> None:
    met = 0
    for _ in range(500):
        with suppress(AnalysisTimeout):  # a busy machine may take 1 ms before the body: see below
            with deadline(0.001):
                pass
            met += 1
    assert met > 0
    assert not any(signal.getitimer(signal.ITIMER_REAL))
    with pytest.raises(AnalysisTimeout), deadline(0.05):
        spin()
    spin(0.1)  # no late alarm
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_a_deadline_that_runs_out_before_its_body_leaves_nothing_behind() -> None:
    # The alarm of a deadline of a microsecond lands while the deadline is being set up; a CI
    # run met it with 1 ms on a busy machine, and the handler left behind sent the next test's
    # forked workers to the watchdog.
    for seconds in (1e-6, 1e-5, 1e-4):
        for _ in range(100):
            with suppress(AnalysisTimeout), deadline(seconds):
                spin(0.0005)
            assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
            assert not any(signal.getitimer(signal.ITIMER_REAL))


@forked
def test_a_pool_worker_past_its_time_is_stopped(slow_analysis: None) -> None:
    with ProcessPool(2, chunksize=2, limits=Limits(max_seconds=0.5)) as workers:
        results = list(workers.analyse(articles(FAST, SLOW, FAST, FAST)))
    assert kinds(results) == ["record", "analysis took longer than 0.5 s: stopped", "record", "record"]


@forked
def test_a_worker_stuck_where_no_alarm_reaches_is_killed(
    slow_analysis: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "STUCK_GRACE", 1.0)
    started = time.monotonic()
    with ProcessPool(2, chunksize=1, limits=Limits(max_seconds=0.5)) as workers:
        results = list(workers.analyse(articles(FAST, STUCK, FAST)))
        assert workers.restarts >= 1
    assert kinds(results) == [
        "record",
        "analysis took longer than 0.5 s: stopped (its process was killed)",
        "record",
    ]
    assert time.monotonic() - started < SPIN


def test_extract_takes_the_limits_as_options(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(FAST * 3, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--workers", "1", "--max-chars", "50", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"qawl: skipped long: longer than 50 characters ({len(FAST) * 3}): not analysed\n"
    result = CliRunner().invoke(main, ["extract", "--workers", "1", "--max-chars", "0", str(path)])
    assert result.exit_code == 0 and result.stdout.count("\n") == 1
