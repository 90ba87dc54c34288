"""gunicorn settings for scripts/demo (`-c python:webapp.demo.gunicorn_conf`)."""

import os

from webapp.gunicorn_conf import (
    accesslog,
    child_exit,
    control_socket_disable,
    logger_class,
    on_exit,
    on_starting,
)

__all__ = [
    "accesslog",
    "child_exit",
    "control_socket_disable",
    "logger_class",
    "on_exit",
    "on_starting",
]

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = 2
# Build the app (and load the demo on the first start) once, before forking:
# the workers start with everything imported and answer at once.
preload_app = True
