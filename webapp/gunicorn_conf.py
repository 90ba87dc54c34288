"""gunicorn settings for serving OCOP Trace: `gunicorn -c python:webapp.gunicorn_conf`.

Anything else (bind, workers) comes from the command line or GUNICORN_CMD_ARGS.
"""

accesslog = "-"
# No client address, no whole serial or report reference in the access log.
logger_class = "webapp.access_log.PrivateAccessLogger"
# Nothing to control: newer gunicorns open a control socket in the home directory.
control_socket_disable = True
