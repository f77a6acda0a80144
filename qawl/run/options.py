"""The options that choose where analysis runs, shared by ``qawl extract`` and ``qawl ingest``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from qawl.run import (
    DEFAULT_LIMITS,
    ENGINES,
    MAX_CHARS,
    MAX_SECONDS,
    Limits,
    Runner,
    open_runner,
    usable_cores,
)
from qawl.run.dask import ClusterError

F = TypeVar("F", bound=Callable[..., Any])


def runner_options(f: F) -> F:
    """``--workers``, ``--engine`` and ``--scheduler``, as the parameters ``workers``,
    ``engine_name`` and ``scheduler``."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=None,
            help=f"Processes to analyse with, keeping the input order (default: this machine's cores, "
            f"{usable_cores()} here; 1: in this process). With --engine dask, the LocalCluster's workers.",
        ),
        click.option(
            "--engine",
            "engine_name",
            type=click.Choice(ENGINES),
            default=None,
            help="local: a pool of processes on this machine (default); dask: a Dask cluster, the one "
            "--scheduler names, else a LocalCluster of --workers processes started for the run.",
        ),
        click.option(
            "--scheduler",
            metavar="tcp://HOST:PORT",
            default=None,
            help="The scheduler of a running Dask cluster to analyse on (implies --engine dask); its "
            "workers need qawl installed. An address that answers nowhere within 10 s is an error.",
        ),
    ]
    return _applied(options, f)


def _applied(options: list, f: F) -> F:  # type: ignore[type-arg]
    """``f`` with click ``options`` applied, the first one listed first in ``--help``."""
    for option in reversed(options):
        f = option(f)
    return f


def limit_options(f: F) -> F:
    """``--max-chars`` and ``--max-seconds``, as the parameters ``max_chars`` and ``max_seconds``."""
    options = [
        click.option(
            "--max-chars",
            type=click.IntRange(min=0),
            default=MAX_CHARS,
            show_default=True,
            help="Articles longer than this many characters are skipped, not analysed (0: no limit).",
        ),
        click.option(
            "--max-seconds",
            type=click.FloatRange(min=0),
            default=MAX_SECONDS,
            show_default=True,
            help="An article whose analysis takes longer is stopped and skipped (0: no limit).",
        ),
    ]
    return _applied(options, f)


def chosen_limits(max_chars: int, max_seconds: float) -> Limits:
    return Limits(max_chars or None, max_seconds or None)


def chosen_runner(
    engine_name: str | None, workers: int | None, scheduler: str | None, limits: Limits = DEFAULT_LIMITS
) -> Runner:
    """The runner the options ask for (not started); contradictions are usage errors."""
    if scheduler is not None:
        if engine_name == "local":
            raise click.UsageError("--scheduler is a Dask cluster's: it goes with --engine dask, not local")
        if workers is not None:
            raise click.UsageError(
                "--workers sizes a pool or LocalCluster on this machine; the cluster of --scheduler "
                "has the workers it has"
            )
    engine = "dask" if scheduler is not None else engine_name or "local"
    return open_runner(engine, workers=workers, scheduler=scheduler, limits=limits)  # type: ignore[arg-type]


def cluster_failed(error: ClusterError, scheduler: str | None) -> NoReturn:
    """A cluster that cannot be reached is the --scheduler option's fault (exit status 2)."""
    if scheduler is not None:
        raise click.BadParameter(str(error), param_hint="'--scheduler'") from None
    raise click.ClickException(str(error)) from None
