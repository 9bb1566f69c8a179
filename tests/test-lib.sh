# test-lib.sh — sourced by the shell tests (test-cli.sh, test-durability.sh):
# a throw-away folder for the catalog, the caches and the user's folders,
# and the TAP output.  The test sets CLI (the resell-cli to run) first.
#
#   . "$(dirname "$0")/test-lib.sh" NAME
#
# NAME names the temporary folder, $TMP, removed on exit.
#
# SPDX-License-Identifier: GPL-3.0-or-later

TMP=$(mktemp -d "${TMPDIR:-/tmp}/resell-$1-test.XXXXXX") || exit 99
cleanup () { rm -rf -- "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

export RESELL_DATA_DIR="$TMP/data"
export RESELL_CACHE_DIR="$TMP/cache"
# Never read the user's own category overrides.
export RESELL_CATEGORIES_DIR="$TMP/categories"
export XDG_DATA_HOME="$TMP/xdg-data"
export XDG_CACHE_HOME="$TMP/xdg-cache"
export XDG_CONFIG_HOME="$TMP/xdg-config"
mkdir -p "$RESELL_CATEGORIES_DIR"

n=0
failed=0
ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
}
check () {  # check DESCRIPTION COMMAND...
  local desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# missing DESCRIPTION WHAT : a case that could not run for want of a tool
# or fixture fails, saying what is missing: never a skip.
missing () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1 (could not run: $2)"
}
diag () {
  sed 's/^/# /' "$@" >&2 || true
}

# run NAME ARGS... : runs the CLI, keeps stdout/stderr in $TMP/NAME.out/.err
# and its exit status in $status.
status=0
run () {
  local name=$1
  shift
  "$CLI" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "# $name: exit $status" >&2
    diag "$TMP/$name.err"
  fi
  return 0
}
