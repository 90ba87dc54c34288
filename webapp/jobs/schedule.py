"""The periodic jobs as RQ's CronScheduler runs them: each queued at its interval."""

from __future__ import annotations

from redis import Redis
from rq.cron import CronScheduler

from webapp.jobs import runner
from webapp.jobs.registry import PERIODIC


def cron(config, connection: Redis) -> CronScheduler:
    """A scheduler with every periodic job registered; .start() runs it."""
    scheduler = CronScheduler(connection=connection)
    for periodic in PERIODIC:
        scheduler.register(
            runner.run,
            queue_name=config["JOBS_QUEUE"],
            args=(periodic.name,),
            interval=periodic.every,
            job_timeout=config["JOBS_TIMEOUT"],
            name=periodic.name,
        )
    return scheduler
