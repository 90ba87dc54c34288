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
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -m pip install -q -e ".${extras:+[$extras]}" 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -c "import webapp" >/dev/null
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
flask --app webapp translate compile >/dev/null
