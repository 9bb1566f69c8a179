#!/bin/sh
# Packaging checks, as TAP: desktop entry, AppStream metadata, settings
# schema, translations, POTFILES, the extracted category strings, Flatpak
# manifest and icons.
#
# Environment (set by tests/meson.build):
#   RESELL_SOURCE_DIR  the source tree (default: the parent of this script)
#   RESELL_BUILD_DIR   the meson build tree holding data/com.example.Resell.{desktop,metainfo.xml}
#
# A check whose tool is not installed fails, naming the tool.
# Tools: desktop-file-validate (desktop-file-utils), appstreamcli (appstream),
# glib-compile-schemas, msgfmt (gettext), xmllint (libxml2-utils), python3,
# rsvg-convert (librsvg2-bin).

set -u

app_id=com.example.Resell
srcdir=${RESELL_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${RESELL_BUILD_DIR:-}

desktop_built="$builddir/data/$app_id.desktop"
metainfo_built="$builddir/data/$app_id.metainfo.xml"
manifest="$srcdir/build-aux/flatpak/$app_id.json"
icon="$srcdir/data/icons/hicolor/scalable/apps/$app_id.svg"
icon_symbolic="$srcdir/data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"

# Files with strings marked for translation: _( N_( C_( NC_( Q_( the
# g_*gettext/ngettext calls, and translatable="yes" in UI files.  Keep in
# sync with build-aux/update-po.sh.
marked_re='(^|[^[:alnum:]_])(N|C|NC|Q)?_ *\(|(^|[^[:alnum:]_])(g_d?n?p?gettext2?|g_dcgettext|ngettext)[[:space:]]*\(|translatable="yes"'

languages=$(sed -e 's/#.*//' "$srcdir/po/LINGUAS" 2>/dev/null)

n=0
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

have () { command -v "$1" >/dev/null 2>&1; }

ok () { n=$((n + 1)); echo "ok $n - $1"; }
# A tool the check needs is missing: a failure (build-aux/install-deps
# installs every one), never a skip.
skip () { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1 (build-aux/install-deps installs it)"; }
# not_ok DESCRIPTION [FILE-WITH-DIAGNOSTICS]
not_ok () {
  n=$((n + 1))
  failures=$((failures + 1))
  echo "not ok $n - $1"
  if [ $# -gt 1 ] && [ -s "$2" ]; then
    sed -e 's/^/# /' "$2"
  fi
}
# check DESCRIPTION COMMAND...: ok if COMMAND succeeds, its output as diagnostics otherwise.
check () {
  desc=$1
  shift
  if "$@" >"$tmp/out" 2>&1; then
    ok "$desc"
  else
    not_ok "$desc" "$tmp/out"
  fi
}
# built FILE DESCRIPTION: not ok (and false) when the build did not make FILE.
built () {
  if [ -z "$builddir" ]; then
    echo "RESELL_BUILD_DIR is not set" >"$tmp/out"
    not_ok "$2" "$tmp/out"
    return 1
  fi
  if [ ! -f "$1" ]; then
    echo "$1 was not built (ninja -C $builddir data/$(basename "$1"))" >"$tmp/out"
    not_ok "$2" "$tmp/out"
    return 1
  fi
  return 0
}

# --- Desktop entry -----------------------------------------------------------

desc="desktop entry passes desktop-file-validate"
if ! have desktop-file-validate; then
  skip "$desc: desktop-file-validate not installed"
elif built "$desktop_built" "$desc"; then
  # Hints (such as two main categories) are not failures; errors and warnings are.
  desktop-file-validate "$desktop_built" >"$tmp/out" 2>&1
  status=$?
  if [ $status -eq 0 ] && ! grep -qE ': (error|warning): ' "$tmp/out"; then
    ok "$desc"
  else
    not_ok "$desc" "$tmp/out"
  fi
fi

desc="desktop entry has the expected keys"
if built "$desktop_built" "$desc"; then
  : >"$tmp/out"
  for line in "Name=Resell" "Exec=resell" "Icon=$app_id" "Terminal=false" \
              "Type=Application" "StartupNotify=true" \
              "Categories=Graphics;Photography;"; do
    grep -qxF "$line" "$desktop_built" || echo "missing: $line" >>"$tmp/out"
  done
  for key in GenericName Comment Keywords; do
    grep -q "^$key=." "$desktop_built" || echo "missing: $key" >>"$tmp/out"
  done
  if grep -q '^DBusActivatable=' "$desktop_built"; then
    echo "DBusActivatable must not be set" >>"$tmp/out"
  fi
  if [ -s "$tmp/out" ]; then not_ok "$desc" "$tmp/out"; else ok "$desc"; fi
fi

desc="desktop entry carries the translations"
if built "$desktop_built" "$desc"; then
  : >"$tmp/out"
  for lang in $languages; do
    grep -q "^Comment\[$lang\]=" "$desktop_built" || echo "no Comment[$lang]" >>"$tmp/out"
  done
  if [ -s "$tmp/out" ]; then not_ok "$desc" "$tmp/out"; else ok "$desc"; fi
fi

# --- AppStream ---------------------------------------------------------------

desc="metainfo passes appstreamcli validate --no-net"
if ! have appstreamcli; then
  skip "$desc: appstreamcli not installed"
elif built "$metainfo_built" "$desc"; then
  check "$desc" appstreamcli validate --no-net "$metainfo_built"
fi

desc="metainfo names the app, its launcher and its binary"
if built "$metainfo_built" "$desc"; then
  : >"$tmp/out"
  for pattern in "<id>$app_id</id>" \
                 "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
                 "<binary>resell</binary>" \
                 "<content_rating type=\"oars-1.1\"" \
                 "<project_license>GPL-3.0-or-later</project_license>" \
                 "<metadata_license>CC0-1.0</metadata_license>"; do
    grep -qF "$pattern" "$metainfo_built" || echo "missing: $pattern" >>"$tmp/out"
  done
  if [ -s "$tmp/out" ]; then not_ok "$desc" "$tmp/out"; else ok "$desc"; fi
fi

desc="metainfo carries the translations"
if built "$metainfo_built" "$desc"; then
  : >"$tmp/out"
  for lang in $languages; do
    grep -q "<summary xml:lang=\"$lang\">" "$metainfo_built" || echo "no summary in $lang" >>"$tmp/out"
  done
  if [ -s "$tmp/out" ]; then not_ok "$desc" "$tmp/out"; else ok "$desc"; fi
fi

# --- Settings schema ---------------------------------------------------------

desc="settings schema compiles with --strict"
if ! have glib-compile-schemas; then
  skip "$desc: glib-compile-schemas not installed"
else
  check "$desc" glib-compile-schemas --strict --dry-run "$srcdir/data"
fi

# --- Translations ------------------------------------------------------------

for lang in $languages; do
  desc="po/$lang.po compiles (msgfmt -c --check-format)"
  if ! have msgfmt; then
    skip "$desc: msgfmt not installed"
  elif [ ! -f "$srcdir/po/$lang.po" ]; then
    echo "po/LINGUAS lists $lang but po/$lang.po does not exist" >"$tmp/out"
    not_ok "$desc" "$tmp/out"
  else
    check "$desc" msgfmt -c --check-format -o /dev/null "$srcdir/po/$lang.po"
  fi
done

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$srcdir/po/POTFILES" 2>/dev/null \
  | LC_ALL=C sort >"$tmp/listed"

desc="every file in po/POTFILES exists"
: >"$tmp/out"
if [ ! -s "$tmp/listed" ]; then
  echo "po/POTFILES is missing or empty" >>"$tmp/out"
fi
while IFS= read -r file; do
  [ -f "$srcdir/$file" ] || echo "listed but missing: $file" >>"$tmp/out"
done <"$tmp/listed"
if [ -s "$tmp/out" ]; then not_ok "$desc" "$tmp/out"; else ok "$desc"; fi

desc="po/POTFILES lists every file with translatable strings"
: >"$tmp/out"
{
  echo "data/$app_id.desktop.in"
  echo "$app_id.metainfo.xml"
  echo "data/$app_id.gschema.xml"
  echo "data/categories/category-strings.c"
  echo "data/grading/grading-strings.c"
  (cd "$srcdir" && grep -rlIE "$marked_re" src resources 2>/dev/null)
} | LC_ALL=C sort -u >"$tmp/marked"
LC_ALL=C comm -23 "$tmp/marked" "$tmp/listed" | sed -e 's/^/not in po\/POTFILES: /' >"$tmp/out"
if [ -s "$tmp/out" ]; then
  echo "(run build-aux/update-po.sh to regenerate it)" >>"$tmp/out"
  not_ok "$desc" "$tmp/out"
else
  ok "$desc"
fi

desc="data/categories/category-strings.c is up to date with the category files"
if ! have python3; then
  skip "$desc: python3 not installed"
elif ! python3 "$srcdir/build-aux/extract-category-strings.py" \
       -o "$tmp/category-strings.c" >"$tmp/out" 2>&1; then
  not_ok "$desc" "$tmp/out"
elif ! diff -u "$srcdir/data/categories/category-strings.c" "$tmp/category-strings.c" \
       >"$tmp/out" 2>&1; then
  echo "(run build-aux/extract-category-strings.py, or build-aux/update-po.sh, to regenerate it)" >>"$tmp/out"
  not_ok "$desc" "$tmp/out"
else
  ok "$desc"
fi

desc="data/grading/grading-strings.c is up to date with the grading rules files"
if ! have python3; then
  skip "$desc: python3 not installed"
elif ! python3 "$srcdir/build-aux/extract-grading-strings.py" \
       -o "$tmp/grading-strings.c" >"$tmp/out" 2>&1; then
  not_ok "$desc" "$tmp/out"
elif ! diff -u "$srcdir/data/grading/grading-strings.c" "$tmp/grading-strings.c" \
       >"$tmp/out" 2>&1; then
  echo "(run build-aux/extract-grading-strings.py, or build-aux/update-po.sh, to regenerate it)" >>"$tmp/out"
  not_ok "$desc" "$tmp/out"
else
  ok "$desc"
fi

# --- Flatpak manifest --------------------------------------------------------

# flatpak_check DESCRIPTION PYTHON-EXPRESSION-PRINTING-PROBLEMS
flatpak_check () {
  if ! have python3; then
    skip "$1: python3 not installed"
    return
  fi
  if python3 - "$manifest" "$2" >"$tmp/out" 2>&1 <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    m = json.load(f)
problems = eval("(" + sys.argv[2] + "\n)", {"m": m})
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
  then
    ok "$1"
  else
    not_ok "$1" "$tmp/out"
  fi
}

desc="flatpak manifest is valid JSON"
if ! have python3; then
  skip "$desc: python3 not installed"
else
  check "$desc" python3 -m json.tool "$manifest"
fi

flatpak_check "flatpak manifest: app-id, runtime and command" \
  '[f"{k} is {m.get(k)!r}, expected {v!r}" for k, v in {
      "app-id": "com.example.Resell", "command": "resell",
      "runtime": "org.gnome.Platform", "sdk": "org.gnome.Sdk"}.items()
    if m.get(k) != v]'

flatpak_check "flatpak manifest: camera, network, keyring and gvfs permissions" \
  '[f"finish-args lacks {a}" for a in (
      "--device=all", "--share=network", "--talk-name=org.freedesktop.secrets",
      "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
      "--talk-name=org.gtk.vfs.*", "--filesystem=xdg-run/gvfsd")
    if a not in m.get("finish-args", [])]'

flatpak_check "flatpak manifest: libusb, libexif, libgphoto2, libvips and resell modules, sources pinned" \
  '[f"no module named {n}" for n in ("libusb", "libexif", "libgphoto2", "libvips", "resell")
    if n not in [x.get("name") for x in m.get("modules", []) if isinstance(x, dict)]]
   + ["module " + str(x.get("name")) + ": archive source without sha256"
      for x in m.get("modules", []) if isinstance(x, dict)
      for s in x.get("sources", [])
      if s.get("type") == "archive" and len(s.get("sha256", "")) != 64]
   + ([] if [x for x in m.get("modules", []) if isinstance(x, dict)][-1:]
            and m["modules"][-1].get("name") == "resell" else ["resell is not the last module"])'

# --- Icons -------------------------------------------------------------------

for svg in "$icon" "$icon_symbolic"; do
  desc="$(basename "$svg") is well-formed SVG"
  if ! have xmllint; then
    skip "$desc: xmllint not installed"
  elif [ ! -f "$svg" ]; then
    echo "missing: $svg" >"$tmp/out"
    not_ok "$desc" "$tmp/out"
  elif xmllint --noout "$svg" >"$tmp/out" 2>&1 \
       && xmllint --xpath 'name(/*)' "$svg" 2>/dev/null | grep -qx svg; then
    ok "$desc"
  else
    echo "not an <svg> document" >>"$tmp/out"
    not_ok "$desc" "$tmp/out"
  fi
done

desc="icons render (rsvg-convert)"
if ! have rsvg-convert; then
  skip "$desc: rsvg-convert not installed"
elif rsvg-convert -w 128 -h 128 -o "$tmp/icon.png" "$icon" >"$tmp/out" 2>&1 \
     && rsvg-convert -w 16 -h 16 -o "$tmp/icon-symbolic.png" "$icon_symbolic" >>"$tmp/out" 2>&1 \
     && [ -s "$tmp/icon.png" ] && [ -s "$tmp/icon-symbolic.png" ]; then
  ok "$desc"
else
  not_ok "$desc" "$tmp/out"
fi

# The plan goes last: the number of checks depends on po/LINGUAS.
echo "1..$n"
[ "$failures" -eq 0 ]
