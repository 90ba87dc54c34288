# Sourced by the scripts: a project virtualenv with the package installed.
# Usage: . scripts/lib/python-env.sh [extras]
set -euo pipefail
extras=${1:-}
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Reinstall only when the dependency list changed since the last install.
stamp=.venv/.installed-${extras:-base}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing Python packages into .venv…"
  log=.venv/install.log
  if ! { .venv/bin/python -m pip install --upgrade pip \
         && .venv/bin/python -m pip install -e ".${extras:+[$extras]}"; } >"$log" 2>&1; then
    tail -n 30 "$log"
    echo "pip install failed; the whole log is in $log" >&2
    exit 1
  fi
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
flask --app webapp translate compile >/dev/null 2>&1
