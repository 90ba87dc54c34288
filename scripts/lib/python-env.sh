# Sourced by the scripts: a project virtualenv with the package installed.
# Usage: . scripts/lib/python-env.sh [extras]
set -euo pipefail
extras=${1:-}
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Every version comes from requirements.lock (pip-compile's output, see the
# README), so two machines install the same packages. Reinstall only when the
# dependency list or the lock changed since the last install. Every install
# brings the base packages too, so any install newer than both (e.g. the
# tests' one) serves the base.
lock=requirements.lock
installed=
for stamp in .venv/.installed-${extras:-*}; do
  if [ -f "$stamp" ] && [ ! pyproject.toml -nt "$stamp" ] && [ ! "$lock" -nt "$stamp" ]; then
    installed=$stamp
  fi
done
if [ -z "$installed" ]; then
  echo "Installing Python packages into .venv…"
  log=.venv/install.log
  if ! { .venv/bin/python -m pip install --upgrade -c "$lock" pip \
         && .venv/bin/python -m pip install -c "$lock" -e ".${extras:+[$extras]}"; } >"$log" 2>&1; then
    tail -n 30 "$log"
    echo "pip install failed; the whole log is in $log" >&2
    exit 1
  fi
  touch ".venv/.installed-${extras:-base}"
fi
export PATH="$PWD/.venv/bin:$PATH"
# Compile the catalogs when a .po changed since its .mo was made (or there is none).
for po in webapp/i18n/*/LC_MESSAGES/messages.po; do
  if [ "$po" -nt "${po%.po}.mo" ]; then
    python -m babel.messages.frontend compile -d webapp/i18n >/dev/null 2>&1
    break
  fi
done
