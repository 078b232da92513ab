#!/usr/bin/env bash
# Refresh the lock files from pyproject.toml: every package pinned by version and by the sha256 of each of
# its files on PyPI, resolved for CPython 3.11 on Linux (x86_64, glibc).
#   requirements.lock       the runtime dependencies (what `pip install ldpub` brings)
#   requirements-test.lock  the same pins plus the `test` extras (what the README's test command and CI install)
# The tool is uv, installed into a throw-away virtual environment; pass UV=/path/to/uv to use your own.
# Run from anywhere: scripts/lock.sh [--upgrade | --upgrade-package NAME ...]; without an option, pins already
# in the lock files are kept where pyproject.toml still allows them.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.10
if [ -z "${UV:-}" ]; then
  tool=$(mktemp -d)
  trap 'rm -rf "$tool"' EXIT
  python3 -m venv "$tool"
  "$tool/bin/pip" install -q "uv==$UV_VERSION"
  UV="$tool/bin/uv"
fi

common=(--generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28
        --index-url https://pypi.org/simple --custom-compile-command scripts/lock.sh --quiet)
# The runtime lock first; the test lock is constrained to it, so the two never pin a package differently.
"$UV" pip compile pyproject.toml "${common[@]}" "$@" -o requirements.lock
"$UV" pip compile pyproject.toml "${common[@]}" "$@" --extra test -c requirements.lock -o requirements-test.lock
echo "requirements.lock: $(grep -c '^[A-Za-z0-9]' requirements.lock) packages;" \
  "requirements-test.lock: $(grep -c '^[A-Za-z0-9]' requirements-test.lock) packages"
