#!/bin/sh
# Regenerate po/POTFILES, the template po/resell.pot and merge it into every
# catalog listed in po/LINGUAS.
#
#   build-aux/update-po.sh [BUILD_DIR]
#
# BUILD_DIR is a configured meson build directory (default: _build, created
# if missing).  Only the gettext targets are built, not the program.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-"$srcdir/_build"}

cd "$srcdir"

# 1. The strings of the built-in category files: xgettext cannot read JSON,
#    so they are written out as N_() entries (a committed file, never built).
python3 build-aux/extract-category-strings.py
python3 build-aux/extract-grading-strings.py

# 2. POTFILES: the fixed data files, then every source file with strings
#    marked for translation (same rule as tests/test-packaging.sh).
{
  echo "# Files with translatable strings; kept complete by build-aux/update-po.sh"
  echo "# and checked by tests/test-packaging.sh."
  echo "data/com.example.Resell.desktop.in"
  echo "com.example.Resell.metainfo.xml"
  echo "data/com.example.Resell.gschema.xml"
  echo "data/categories/category-strings.c"
  echo "data/grading/grading-strings.c"
  grep -rlIE '(^|[^[:alnum:]_])(N|C|NC|Q)?_ *\(|(^|[^[:alnum:]_])(g_d?n?p?gettext2?|g_dcgettext|ngettext)[[:space:]]*\(|translatable="yes"' \
    src resources 2>/dev/null | LC_ALL=C sort
} > po/POTFILES.new
if ! cmp -s po/POTFILES po/POTFILES.new; then
  echo "POTFILES changed:"
  diff -u po/POTFILES po/POTFILES.new || true
fi
mv po/POTFILES.new po/POTFILES

# 3. Template and catalogs.
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir"
fi
ninja -C "$builddir" resell-pot
# shellcheck disable=SC2013 # LINGUAS may hold several languages a line
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  if [ -f po/"$lang".po ]; then
    msgmerge --quiet --update --backup=none --previous po/"$lang".po po/resell.pot
  else
    msginit --no-translator --locale="$lang" -i po/resell.pot -o po/"$lang".po
  fi
  msgfmt -c --check-format --statistics -o /dev/null po/"$lang".po
done

# The template is a build product: do not leave it in the source tree.
rm -f po/resell.pot
