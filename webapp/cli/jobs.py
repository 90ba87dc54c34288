"""The job queue's commands: a worker, the periodic scheduler, one job by hand."""

from __future__ import annotations

import click
from flask import current_app

from webapp.extensions import app_itself, db


@click.group()
def jobs() -> None:
    """Background jobs (RQ over Redis at JOBS_REDIS_URL or REDIS_URL)."""


def _redis_config():
    from webapp.jobs.queue import redis_url

    config = current_app.config
    if not redis_url(config):
        raise click.ClickException(
            "set REDIS_URL (or JOBS_REDIS_URL) first; without Redis, run periodic "
            "jobs with `flask jobs run NAME` from cron"
        )
    return config


@jobs.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def worker(burst: bool) -> None:
    """Run jobs from the queue, each in a fresh process with the app set up."""
    from rq import Worker

    from webapp.jobs import queue, runner

    config = _redis_config()
    runner.use_app(app_itself())
    db.engine.dispose()  # each job's process opens connections of its own
    conn = queue.connection(config, blocking=True)
    Worker([queue.queue(config, conn)], connection=conn).work(
        burst=burst, with_scheduler=True
    )


@jobs.command("scheduler")
def scheduler() -> None:
    """Queue the periodic jobs at their intervals (run exactly one of these)."""
    from webapp.jobs import queue, schedule

    config = _redis_config()
    schedule.cron(config, queue.connection(config, blocking=True)).start()


@jobs.command("run")
@click.argument("name")
@click.argument("args", nargs=-1, type=int)
def run(name: str, args: tuple[int, ...]) -> None:
    """Run one job now, in this process (e.g. from cron when there is no Redis)."""
    from webapp.jobs import runner
    from webapp.jobs.registry import JOBS

    if name not in JOBS:
        raise click.ClickException(f"no job {name!r}; one of: {', '.join(JOBS)}")
    click.echo(f"{name}: {runner.run(name, *args)}")


@jobs.command("list")
def list_jobs() -> None:
    """The periodic jobs and how often the scheduler queues them."""
    from webapp.jobs.registry import PERIODIC

    for periodic in PERIODIC:
        click.echo(f"{periodic.name}\tevery {periodic.every} s")
