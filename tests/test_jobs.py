"""Background jobs: print files through a real RQ queue, in-process without Redis,
failures shown with a retry, and the periodic jobs."""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
import redis
from rq import Queue, SimpleWorker
from rq.job import Job
from rq.registry import FailedJobRegistry, FinishedJobRegistry
from sqlalchemy import select

from tests import factories
from tests.conftest import HTMX
from tests.test_producer_portal import batch_named, new_batch
from webapp.extensions import db
from webapp.jobs import queue, runner, schedule
from webapp.jobs.registry import JOBS, PERIODIC
from webapp.models import IssuanceRecord, PrintJob, Scan, utcnow

REDIS = "redis://127.0.0.1:6379/13"  # Redis is shared: this file's own database

FILE_TIMES = pytest.mark.real_file_times


@pytest.fixture
def jobs_queue(app):
    """RQ on its own Redis database and a queue name no one else uses."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    saved = {key: app.config[key] for key in ("JOBS_REDIS_URL", "JOBS_QUEUE")}
    app.config.update(JOBS_REDIS_URL=REDIS, JOBS_QUEUE=name)
    connection = redis.Redis.from_url(REDIS)
    found = Queue(name, connection=connection)
    yield found
    found.empty()
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)
    app.config.update(saved)


@pytest.fixture
def large(app):
    """Runs of more than 5 stamps count as large, so tests stay quick."""
    saved = app.config["PRINT_INLINE_MAX"]
    app.config["PRINT_INLINE_MAX"] = 5
    yield
    app.config["PRINT_INLINE_MAX"] = saved


@pytest.fixture
def no_redis(app):
    """Neither Redis setting, as in the demo."""
    saved = {key: app.config[key] for key in ("JOBS_REDIS_URL", "REDIS_URL")}
    app.config.update(JOBS_REDIS_URL=None, REDIS_URL=None)
    yield
    app.config.update(saved)


def work(found: Queue) -> None:
    """A real RQ worker, in this process, until the queue is empty."""
    SimpleWorker([found], connection=found.connection).work(burst=True)


def issue(client, producer, count: int = 30) -> IssuanceRecord:
    new_batch(client, producer.product, quantity=str(count))
    batch = batch_named("LN2611A")
    data = {"count": str(count), "with_pin": "y"}
    response = client.post(f"/producer/batches/{batch.id}/stamps", data=data)
    assert response.status_code == 303
    return db.session.scalars(select(IssuanceRecord)).one()


def fetch(client, url: str) -> tuple[int, bytes]:
    with client.get(url) as response:  # a file answer holds the file open
        return response.status_code, response.data


def print_job() -> PrintJob:
    db.session.expire_all()
    return db.session.scalars(select(PrintJob)).one()


@FILE_TIMES  # print files are dated on disk: the moved clock would expire them
def test_a_large_run_answers_at_once_and_its_sheet_comes_through_the_queue(
    app, client, producer, jobs_queue, large
):
    record = issue(client, producer)
    files = app.extensions["settings"].print_dir / str(record.id)
    assert (files / "codes.csv").is_file() and not (files / "sheet.pdf").exists()
    assert print_job().status == "queued"
    # Only the print job's id travels through Redis, never a PIN.
    assert [job.args for job in jobs_queue.get_jobs()] == [("print-files", 1)]

    page = client.get(f"/producer/batches/{record.batch_id}").text
    assert "đang được chuẩn bị" in page  # the flash: being prepared
    assert 'hx-trigger="every 2s"' in page and "Tải tờ in PDF" not in page
    status = client.get(f"/producer/issuances/{record.id}/print-files", headers=HTMX)
    assert status.status_code == 200 and "đang chờ đến lượt" in status.text
    assert fetch(client, f"/producer/issuances/{record.id}/sheet.pdf")[0] == 409

    work(jobs_queue)
    job = print_job()
    assert (job.status, job.labels_done, job.attempts) == ("done", 30, 1)
    status = client.get(f"/producer/issuances/{record.id}/print-files", headers=HTMX)
    assert status.status_code == 286 and "Tải tờ in PDF" in status.text  # stop polling
    status, sheet = fetch(client, f"/producer/issuances/{record.id}/sheet.pdf")
    assert status == 200 and sheet.startswith(b"%PDF")
    with client.get(f"/producer/issuances/{record.id}/codes.xlsx") as workbook:
        people = factories.sheet_rows(workbook)
    assert len(people) == 30 and (files / "codes.vi.xlsx").is_file()
    page = client.get(f"/producer/batches/{record.batch_id}").text
    assert 'hx-trigger="every 2s"' not in page and "Tải tờ in PDF" in page


def test_a_finished_job_run_again_changes_nothing(
    app, client, producer, jobs_queue, large
):
    record = issue(client, producer, 8)
    work(jobs_queue)
    sheet = app.extensions["settings"].print_dir / str(record.id) / "sheet.pdf"
    before = sheet.stat().st_mtime_ns
    assert runner.run("print-files", print_job().id) == "already done"
    assert sheet.stat().st_mtime_ns == before and print_job().attempts == 1


@FILE_TIMES  # print files are dated on disk: the moved clock would expire them
def test_a_failed_job_shows_why_and_trying_again_finishes_it(
    app, client, producer, jobs_queue, large
):
    record = issue(client, producer, 12)
    blocker = app.extensions["settings"].print_dir / str(record.id) / "sheet.pdf"
    blocker.mkdir()  # the sheet cannot be moved into place
    work(jobs_queue)
    job = print_job()
    assert (job.status, job.error) == ("failed", "failed")
    assert FailedJobRegistry(queue=jobs_queue).count == 1
    page = client.get(f"/producer/batches/{record.batch_id}").text
    assert "Chuẩn bị tệp in không thành công" in page and "Tải tờ in PDF" not in page
    assert fetch(client, f"/producer/issuances/{record.id}/sheet.pdf")[0] == 409

    blocker.rmdir()
    again = client.post(f"/producer/issuances/{record.id}/print-files/retry")
    assert again.status_code == 303 and print_job().status == "queued"
    work(jobs_queue)
    assert (print_job().status, print_job().attempts) == ("done", 2)
    assert fetch(client, f"/producer/issuances/{record.id}/sheet.pdf")[0] == 200
    refused = client.post(f"/producer/issuances/{record.id}/print-files/retry")
    assert refused.status_code == 303 and print_job().attempts == 2


@FILE_TIMES  # print files are dated on disk: the moved clock would expire them
def test_a_job_whose_worker_died_can_be_tried_again(
    app, client, producer, jobs_queue, large
):
    record = issue(client, producer, 6)
    job = print_job()
    job.status, job.updated_at = "running", utcnow().replace(year=2025)
    db.session.commit()
    page = client.get(f"/producer/batches/{record.batch_id}").text
    assert "dừng lại trước khi xong" in page and 'hx-trigger="every 2s"' not in page
    jobs_queue.empty()  # the copy its dead worker had taken
    client.post(f"/producer/issuances/{record.id}/print-files/retry")
    assert print_job().status == "queued" and jobs_queue.count == 1
    work(jobs_queue)
    assert (print_job().status, print_job().attempts) == ("done", 1)


@FILE_TIMES  # print files are dated on disk: the moved clock would expire them
def test_without_redis_the_job_runs_in_a_thread_of_the_web_process(
    app, client, producer, large, no_redis
):
    assert not queue.redis_url(app.config)
    record = issue(client, producer, 20)
    queue.wait_for_threads(timeout=120)
    assert print_job().status == "done"
    assert fetch(client, f"/producer/issuances/{record.id}/sheet.pdf")[0] == 200


def test_an_unreachable_queue_does_not_fail_the_issue(
    app, client, producer, large, no_redis
):
    app.config["JOBS_REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    record = issue(client, producer, 10)
    queue.wait_for_threads(timeout=120)
    assert print_job().status == "done" and record.count == 10


@FILE_TIMES  # print files are dated on disk: the moved clock would expire them
def test_a_small_run_has_its_files_before_the_answer(app, client, producer, jobs_queue):
    record = issue(client, producer, 4)
    assert print_job().status == "done" and jobs_queue.count == 0
    assert fetch(client, f"/producer/issuances/{record.id}/sheet.pdf")[0] == 200


def test_the_scheduler_queues_every_periodic_job_and_a_worker_runs_them(
    app, jobs_queue
):
    old = utcnow().replace(year=2020)
    db.session.add(
        Scan(
            scanned_at=old,
            device_hash="d" * 64,
            network_hash="n" * 64,
            verdict="authentic",
        )
    )
    db.session.commit()
    stale = app.extensions["settings"].print_dir / "99"
    stale.mkdir(parents=True)
    hours = app.extensions["settings"].print_file_hours
    long_ago = stale.stat().st_mtime - (hours + 1) * 3600
    os.utime(stale, (long_ago, long_ago))

    cron = schedule.cron(app.config, jobs_queue.connection)
    enqueued = cron.enqueue_jobs()  # every interval job is due when it starts
    assert sorted(job.name for job in enqueued) == sorted(p.name for p in PERIODIC)
    assert jobs_queue.count == len(PERIODIC)
    work(jobs_queue)
    assert FailedJobRegistry(queue=jobs_queue).count == 0
    assert not stale.exists()
    finished = FinishedJobRegistry(queue=jobs_queue).get_job_ids()
    ran = Job.fetch_many(finished, connection=jobs_queue.connection)
    results = {job.args[0]: job.return_value() for job in ran}
    assert results["portal-send"] == "portal not configured"
    assert results["purge-print-files"] == "1 issuances' print files"
    assert results["prune-scans"].startswith("1 scans")
    assert db.session.scalars(select(Scan)).all() == []


def test_every_job_runs_from_the_command_line_too(app, no_redis):
    runner_cli = app.test_cli_runner()
    listed = runner_cli.invoke(args=["jobs", "list"])
    assert all(p.name in listed.output for p in PERIODIC)
    done = runner_cli.invoke(args=["jobs", "run", "purge-print-files"])
    assert done.exit_code == 0 and "purge-print-files: 0" in done.output
    unknown = runner_cli.invoke(args=["jobs", "run", "nope"])
    assert unknown.exit_code != 0 and "print-files" in unknown.output
    assert set(JOBS) >= {p.name for p in PERIODIC} | {"print-files"}
    no_redis = runner_cli.invoke(args=["jobs", "worker", "--burst"])
    assert no_redis.exit_code != 0 and "REDIS_URL" in no_redis.output
    shutil.rmtree(app.extensions["settings"].print_dir, ignore_errors=True)


def test_print_files_go_by_when_their_codes_were_made_not_by_a_later_render(tmp_path):
    from webapp.services.stamps.print_jobs import CODES, purge

    hours = 72
    fresh = tmp_path / "8"
    fresh.mkdir()
    (fresh / CODES).write_text("url,gtin,lot,serial,pin,regions\n")
    now = (fresh / CODES).stat().st_mtime  # the files' clock, whatever the test's
    late = tmp_path / "7"  # issued long ago, its sheet rendered (or retried) just now
    late.mkdir()
    (late / CODES).write_text("url,gtin,lot,serial,pin,regions\n")
    made = now - (hours + 1) * 3600
    os.utime(late / CODES, (made, made))
    (late / "sheet.pdf").write_bytes(b"%PDF-1.7")  # the folder's time is now
    assert purge(tmp_path, hours, now + 60) == 1
    assert not late.exists() and fresh.exists()
