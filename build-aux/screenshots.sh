#!/usr/bin/env bash
# Takes the screenshots used in the metainfo (data/screenshots/) from the
# real window: fills a demo catalog through resell-cli with generated
# product pictures (ImageMagick drawings on a white backdrop), starts the app
# under Xvfb and captures the browser and an item page.
#   build-aux/screenshots.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-_build}")
out=$PWD/data/screenshots
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$out" "$work/data" "$work/pics"
export RESELL_DATA_DIR="$work/data" RESELL_CACHE_DIR="$work/cache" HOME="$work"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data"
cli="$build/src/cli/resell-cli"

picture () {  # NAME COLOUR SHAPE
  local draw
  case $3 in
    bag)   draw="roundrectangle 330,420 870,930 70,70 fill none stroke $2 stroke-width 28 arc 430,220 770,620 180,360" ;;
    coat)  draw="polygon 420,220 780,220 900,400 860,980 340,980 300,400" ;;
    shoe)  draw="roundrectangle 250,620 950,820 90,90 roundrectangle 250,460 560,760 80,80" ;;
    watch) draw="rectangle 540,160 660,1040 circle 600,600 600,390" ;;
    book)  draw="rectangle 380,240 820,960" ;;
    lamp)  draw="polygon 440,260 760,260 860,520 340,520 rectangle 580,520 620,900 rectangle 460,900 740,950" ;;
    phone) draw="roundrectangle 430,200 770,1000 50,50" ;;
    *)     draw="circle 600,600 600,300" ;;
  esac
  convert -size 1200x1200 xc:'#fbfbfb' \
    -fill '#00000018' -draw "ellipse 600,1010 330,40 0,360" \
    -fill "$2" -stroke none -draw "$draw" -quality 90 "$work/pics/$1.jpg"
}

add () {  # CATEGORY TITLE BRAND STATE PICTURE COLOUR SHAPE
  local sku
  sku=$("$cli" add --category "$1" --title "$2" --brand "$3" --state "$4")
  picture "$5" "$6" "$7"
  "$cli" import "$sku" "$work/pics/$5.jpg" >/dev/null
}

add handbags "Leather top-handle bag, tan" "Mulberry" ready bag1 '#a0652d' bag
add clothing "Camel wool coat, double-breasted" "Max Mara" ready coat1 '#c19a6b' coat
add shoes "Suede Chelsea boots, size 42" "Grenson" draft shoe1 '#5b4636' shoe
add watches-jewellery "Steel diver's watch, 40 mm" "Seiko" draft watch1 '#2f3b4c' watch
add books-media "First edition, hardback with jacket" "Faber & Faber" ready book1 '#6d2e46' book
add home-goods "Brass table lamp with linen shade" "Habitat" draft lamp1 '#d9b44a' lamp
add electronics "Smartphone, 128 GB, unlocked" "Fairphone" draft phone1 '#3a6ea5' phone
add clothing "Merino crew-neck jumper, navy" "Uniqlo" draft coat2 '#27364f' coat
add handbags "Canvas tote with leather trim" "Longchamp" draft bag2 '#4f6d4a' bag

Xvfb :77 -screen 0 1280x860x24 -nolisten tcp -noreset >/dev/null 2>&1 &
export DISPLAY=:77 GDK_BACKEND=x11
sleep 1
"$build/src/ui/resell" &
sleep 4
import -window root -crop 1100x760+0+0 "$out/browser.png"

# The first item of the grid: click it (single-click opens).
xdotool mousemove 110 150 click 1
sleep 2
# Past the form, to the photos and the shot list.
xdotool mousemove 600 400 click --repeat 5 --delay 80 5
sleep 1
import -window root -crop 1100x760+0+0 "$out/item.png"
echo "wrote $out/browser.png $out/item.png"
