"""gunicorn settings for serving OCOP Trace: `gunicorn -c python:webapp.gunicorn_conf`.

Anything else (bind, workers) comes from the command line or GUNICORN_CMD_ARGS.
"""

import os
import shutil
import tempfile
from pathlib import Path

accesslog = "-"
# No client address, no whole serial or report reference in the access log.
logger_class = "webapp.access_log.PrivateAccessLogger"
# Nothing to control: newer gunicorns open a control socket in the home directory.
control_socket_disable = True

# Prometheus: every worker writes its metrics to files here, and /metrics adds
# them up. Set before any worker imports prometheus_client; one folder per
# instance (the systemd unit gives each its own).
METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(
    prefix="ocop-trace-metrics-"
)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = METRICS_DIR


def on_starting(server):
    # Counts of an earlier run of this instance would be added to the new ones.
    folder = Path(METRICS_DIR)
    if folder.is_dir():
        for leftover in folder.glob("*.db"):
            leftover.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if METRICS_DIR.startswith(tempfile.gettempdir()) and "ocop-trace-metrics-" in (
        METRICS_DIR
    ):
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
