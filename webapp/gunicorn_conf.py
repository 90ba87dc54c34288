"""gunicorn settings for serving OCOP Trace: `gunicorn -c python:webapp.gunicorn_conf`.

Anything else (bind, workers) comes from the command line or GUNICORN_CMD_ARGS.
"""

import os
import shutil
import tempfile
from pathlib import Path

accesslog = "-"
# No client address, no whole serial or report reference in the access log.
logger_class = "webapp.web.access_log.PrivateAccessLogger"
# Nothing to control: newer gunicorns open a control socket in the home directory.
control_socket_disable = True

# Prometheus: every worker writes its metrics to files in one folder, and
# /metrics adds them up. The folder is chosen here, in the master before any
# worker starts (and so before a worker imports prometheus_client); one per
# instance (the systemd unit gives each its own, else a temporary one). With
# preload_app the app, and prometheus_client, load before this hook: each
# worker then counts alone.
_made_metrics_dir: str | None = None


def on_starting(server):
    global _made_metrics_dir
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        folder = _made_metrics_dir = tempfile.mkdtemp(prefix="ocop-trace-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    # Counts of an earlier run of this instance would be added to the new ones.
    for leftover in path.glob("*.db"):
        leftover.unlink(missing_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _made_metrics_dir:
        shutil.rmtree(_made_metrics_dir, ignore_errors=True)
