#!/usr/bin/env bash
# The shell steps of the ldpub GitHub Action (action.yml), runnable anywhere.
#
#   validate-site.sh install
#       Install ldpub into a fresh virtual environment: the pinned runtime dependencies with their hashes
#       (LDPUB_LOCK, default: requirements.lock beside this script's repository), then ldpub itself without
#       dependencies (LDPUB_INSTALL: a directory or a wheel; default: this script's repository).
#       The environment is LDPUB_VENV (default: $RUNNER_TEMP/ldpub-venv, or a new temporary directory).
#
#   validate-site.sh [validate] PATH...
#       Run `ldpub validate` over PATH (a built site's folder, files), writing SARIF 2.1.0 to LDPUB_SARIF
#       (default: ldpub.sarif) and listing the findings in the log. Settings:
#         LDPUB          the ldpub program (default: LDPUB_VENV's if set and installed, else `ldpub` on PATH)
#         LDPUB_PROFILES profiles to check besides schema.org, separated by commas, spaces or new lines
#                        (google-article, google-claimreview, ldpub, or a .json / .ttl file)
#         LDPUB_FAIL_ON  error (default: exit 1 on errors), warning (on warnings too), never (exit 0 unless
#                        ldpub could not run: a usage or I/O error exits 2 whatever this says)
#       Under GitHub Actions it also writes the outputs sarif-file, errors and warnings, a line to the job
#       summary, and an annotation per finding.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

say() { printf 'ldpub-validate: %s\n' "$*" >&2; }

install() {
  local venv=${LDPUB_VENV:-${RUNNER_TEMP:-$(mktemp -d)}/ldpub-venv}
  local lock=${LDPUB_LOCK:-$repo/requirements.lock}
  local what=${LDPUB_INSTALL:-$repo}
  [ -f "$lock" ] || { say "no lock file at $lock"; exit 2; }
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --no-compile --require-hashes -r "$lock"
  "$venv/bin/pip" install -q --no-compile --no-deps "$what"
  "$venv/bin/ldpub" --version
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "ldpub=$venv/bin/ldpub" >>"$GITHUB_OUTPUT"; fi
}

validate() {
  [ $# -gt 0 ] || { say "give the site's folder (or files) to check"; exit 2; }
  local ldpub=${LDPUB:-}
  if [ -z "$ldpub" ]; then
    if [ -n "${LDPUB_VENV:-}" ] && [ -x "$LDPUB_VENV/bin/ldpub" ]; then ldpub=$LDPUB_VENV/bin/ldpub; else ldpub=ldpub; fi
  fi
  local sarif=${LDPUB_SARIF:-ldpub.sarif}
  local args=(validate --format sarif --output "$sarif")
  case "${LDPUB_FAIL_ON:-error}" in
    error | never) ;;
    warning) args+=(--strict) ;;
    *) say "fail-on must be error, warning or never, not '${LDPUB_FAIL_ON}'"; exit 2 ;;
  esac
  local profile profiles=()
  IFS=$', \t\n' read -r -d '' -a profiles <<<"${LDPUB_PROFILES:-}" || true
  for profile in "${profiles[@]}"; do args+=(--profile "$profile"); done

  local status=0
  "$ldpub" "${args[@]}" "$@" || status=$?
  if [ "$status" -ge 2 ] || [ ! -f "$sarif" ]; then
    say "ldpub validate could not check ${*} (exit $status)"
    exit 2
  fi
  # The findings in the log (and as annotations under GitHub Actions), their counts as outputs and summary.
  python3 - "$sarif" <<'PY'
import json, os, sys

def escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text

log = json.load(open(sys.argv[1], encoding="utf-8"))
counts = {"error": 0, "warning": 0, "note": 0}
annotate = os.environ.get("GITHUB_ACTIONS") == "true"
for run in log["runs"]:
    for result in run.get("results", []):
        level = result.get("level", "warning")
        counts[level] = counts.get(level, 0) + 1
        where = result["locations"][0]["physicalLocation"] if result.get("locations") else {}
        uri = where.get("artifactLocation", {}).get("uri", "")
        region = where.get("region", {})
        line, column = region.get("startLine", 1), region.get("startColumn", 1)
        text = result["message"]["text"]
        print(f"{uri}:{line}:{column}: {level} {result.get('ruleId', '')} {text}")
        if annotate:
            command = {"error": "error", "warning": "warning"}.get(level, "notice")
            props = f"file={escape(uri, True)},line={line},col={column},title={escape(result.get('ruleId', 'ldpub'), True)}"
            print(f"::{command} {props}::{escape(text)}")
summary = f"ldpub validate: {counts['error']} errors, {counts['warning']} warnings (SARIF: {sys.argv[1]})"
print(summary)
for name, value in (("GITHUB_OUTPUT", f"sarif-file={sys.argv[1]}\nerrors={counts['error']}\nwarnings={counts['warning']}\n"),
                    ("GITHUB_STEP_SUMMARY", summary + "\n")):
    if os.environ.get(name):
        with open(os.environ[name], "a", encoding="utf-8") as out:
            out.write(value)
PY
  if [ "${LDPUB_FAIL_ON:-error}" = never ]; then exit 0; fi
  exit "$status"
}

case "${1:-}" in
  install) shift; install "$@" ;;
  validate) shift; validate "$@" ;;
  *) validate "$@" ;;
esac
