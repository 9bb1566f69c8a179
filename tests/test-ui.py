#!/usr/bin/python3
"""The window, used as a person would: through the accessibility tree.

Launches Resell on an empty catalog, creates an item through the form,
imports a photo through the file chooser, goes back to the browser and finds
the item there by its title; then checks the catalog on disk.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import os
import sqlite3
import subprocess
import sys
import time

from atspi_util import (
    APP,
    Atspi,
    button,
    check,
    click,
    entry,
    find,
    find_app,
    focused,
    gone,
    name,
    press,
    role,
    set_text,
    showing,
    stop_app,
    summary,
    text_of,
    type_text,
    wait_for,
    walk,
    WORK,
)


TITLE = "Camel wool coat, double-breasted"
BRAND = "Max Mara"


def catalog():
    return sqlite3.connect(os.path.join(os.environ["RESELL_DATA_DIR"], "catalog.db"))


def wait_for_photo_row(timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if catalog().execute("SELECT count(*) FROM photos").fetchone()[0] > 0:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.2)
    raise AssertionError("the imported photo never reached the catalog")


def wait_for_files(folder, count, timeout):
    deadline = time.monotonic() + timeout
    names = []
    while time.monotonic() < deadline:
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
        if len(names) >= count:
            return names
        time.sleep(0.3)
    return names


def typed_into(dialog, text):
    """A text field of @dialog holds @text (the chooser's location entry)."""
    return lambda: any(role(n) in ("text", "entry") and text_of(n) == text for n in walk(dialog))


def wait_for_focus_in(dialog, what):
    wait_for(lambda: any(focused(n) for n in walk(dialog)), 15, what + " to take the keyboard focus")


def make_photo(path):
    subprocess.run(["vips", "gaussnoise", path + ".v", "800", "600"], check=True)
    subprocess.run(["vips", "colourspace", path + ".v", path + "[Q=90]", "srgb"], check=True)
    os.unlink(path + ".v")
    subprocess.run(["exiftool", "-q", "-overwrite_original", "-GPSLatitude=48.85", "-GPSLatitudeRef=N",
                    "-SerialNumber=4242", path], check=True)


def main():
    photos = os.path.join(WORK, "photos")
    os.makedirs(photos)
    photo = os.path.join(photos, "coat-front.jpg")
    make_photo(photo)

    env = dict(os.environ)
    proc = subprocess.Popen([APP], env=env)
    try:
        run(photo)
    except AssertionError:
        shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "ui-test-failure.png")])
        raise
    finally:
        # Quit as a person would, so pending saves are written.
        try:
            app = find_app(5)
            press(0xffe3)  # keep the keyboard state sane
        except Exception:
            pass
        stop_app(proc)

    db = catalog()
    rows = db.execute("SELECT sku, title, brand, category FROM items WHERE trashed_at IS NULL").fetchall()
    check(len(rows) == 1 and rows[0][1] == TITLE and rows[0][2] == BRAND and rows[0][3] == "clothing",
          "the catalog on disk holds the item with its title, brand and category: %r" % (rows,))
    photos_rows = db.execute("SELECT original_name, slot, path FROM photos").fetchall()
    stored = [os.path.join(os.environ["RESELL_DATA_DIR"], r[2]) for r in photos_rows]
    check(len(photos_rows) == 1 and photos_rows[0][0] == "coat-front.jpg" and photos_rows[0][1] == "front"
          and os.path.exists(stored[0]),
          "the photo is in the catalog and its original is on disk: %r" % (photos_rows,))
    if photos_rows:
        with open(photo, "rb") as a, open(stored[0], "rb") as b:
            check(a.read() == b.read(), "the stored original is byte-identical to the imported file")


def run(photo):  # noqa: C901 - one walk through the app, step by step
    app = find_app()
    check(True, "the app is on the accessibility bus")

    # First run: the empty state offers the first item.
    status = find(app, lambda n: role(n) == "label" and name(n) == "Add Your First Item" and showing(n),
                  20, "empty state")
    check(status is not None, "a new seller sees “Add Your First Item”")

    click(button(app, "New Item"))
    title = entry(app, "Title")
    check(True, "the intake form opens")

    # Category: click the row (no window manager, so window coordinates are
    # screen coordinates), then pick with the keyboard in its popup.  The
    # list is sorted by name: "Books & media", then "Clothing".
    combo = find(app, lambda n: role(n) == "combo box" and name(n) == "Category" and showing(n),
                 10, "category row")
    e = combo.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width - 40, e.y + e.height // 2, "b1c")
    # The popup is open when its first category, which the row itself does
    # not show, is on screen.
    find(app, lambda n: name(n) == "Books & media" and showing(n), 15, "the category popup")
    press(0xff54)  # Down
    press(0xff0d)  # Return
    chosen = find(combo, lambda n: role(n) == "label" and name(n) == "Clothing", 10, "Clothing chosen")
    check(chosen is not None, "the category is set to Clothing through its row")
    set_text(title, TITLE)
    set_text(entry(app, "Brand"), BRAND)
    check(text_of(title) == TITLE, "the title field holds what was typed")

    # Import a photo through the file chooser: type its path, press Enter.
    click(button(app, "Import Photos…"))
    # A toplevel of the app (GTK 4.8 gives it the role "filler").
    dialog = find(app, lambda n: n.get_parent() == app and name(n) == "Import Photos", 15,
                  "file chooser")
    check(dialog is not None, "the file chooser opens")
    wait_for_focus_in(dialog, "the file chooser")
    type_text(photo, until=typed_into(dialog, photo), what="the photo's path in the file chooser")
    press(0xff0d)  # Return
    # Watch the catalog on disk, not the accessibility tree, while the
    # dialog and the new photo tiles come and go: GTK 4.8 can crash when an
    # AT-SPI client walks into a widget that is being created or destroyed.
    wait_for_photo_row()
    check(gone(app, "Import Photos", 15), "the file chooser closes")
    tile = find(app, lambda n: name(n) == "Front flat-lay photo, coat-front.jpg", 30,
                "imported photo tile")
    check(tile is not None, "the imported photo appears, filling the “Front flat-lay” shot")

    shot_done = find(app, lambda n: role(n) == "label" and name(n) == "Done" and showing(n), 10,
                     "a shot marked done")
    check(shot_done is not None, "the shot list marks the front shot done")

    # Listing images: Export from the item menu, into a folder typed in the
    # chooser; then the files on disk.
    out = os.path.join(WORK, "listing")
    os.makedirs(out)
    def export_for(marketplace, folder):
        # Item menu → Export Listing Images (a submenu of the marketplace
        # profiles) → the marketplace → a folder typed in the chooser.
        click(button(app, "Item Menu"))
        submenu = find(app, lambda n: name(n) == "Export Listing Images" and showing(n),
                       10, "Export Listing Images submenu")
        click(submenu)
        entry = find(app, lambda n: role(n) == "menu item" and name(n) == marketplace + "…"
                     and showing(n), 10, marketplace + " menu item")
        click(entry)
        chooser = find(app, lambda n: n.get_parent() == app
                       and name(n) == "Save Listing Images for %s To" % marketplace, 15,
                       "folder chooser for " + marketplace)
        wait_for_focus_in(chooser, "the folder chooser")
        type_text(folder + "/", until=typed_into(chooser, folder + "/"),
                  what="the folder's path in the chooser")
        press(0xff0d)  # Return
        return wait_for_files(folder, 1, 60)

    exported = export_for("eBay", out)
    check(len(exported) == 1 and exported[0].endswith("-01-front.jpg"),
          "one listing image is written, named by SKU, position and shot: %r" % (exported,))
    if exported:
        meta = subprocess.run(["exiftool", "-j", "-a", "-G1", os.path.join(out, exported[0])],
                              capture_output=True, text=True)
        source = subprocess.run(["exiftool", "-j", "-a", "-G1", photo], capture_output=True, text=True)
        # exiftool failing is a failure too, not a check skipped.
        check(meta.returncode == 0 and source.returncode == 0,
              "exiftool reads the listing image and the original: %r %r" % (meta.stderr, source.stderr))
        if meta.returncode == 0 and source.returncode == 0:
            check("GPSLatitude" in source.stdout and "SerialNumber" in source.stdout
                  and "GPS" not in meta.stdout and "Serial" not in meta.stdout,
                  "the original's location and serial number are not in the listing image")

    # Another marketplace from the same menu: the web shop profile writes WebP.
    webp_out = os.path.join(WORK, "listing-webp")
    os.makedirs(webp_out)
    exported = export_for("Web shop (WebP)", webp_out)
    webp_ok = False
    if len(exported) == 1 and exported[0].endswith("-01-front.webp"):
        with open(os.path.join(webp_out, exported[0]), "rb") as f:
            head = f.read(12)
        webp_ok = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    check(webp_ok, "the web shop export writes a WebP listing image: %r" % (exported,))

    # Back to the browser: the item is there, found by its title.
    click(button(app, "All Items"))
    card = find(app, lambda n: role(n) == "label" and name(n) == TITLE and showing(n), 15,
                "item in the browser")
    check(card is not None, "the browser shows the item by its title")

    # Search narrows to it, and a search for something else empties the view.
    click(button(app, "Search and Filter"))
    search = find(app, lambda n: role(n) in ("text", "entry") and name(n) == "Search items" and showing(n),
                  10, "search field")
    set_text(search, "camel")
    check(find(app, lambda n: role(n) == "label" and name(n) == TITLE and showing(n), 5) is not None,
          "searching “camel” keeps the item")
    set_text(search, "tennis racket")
    check(find(app, lambda n: role(n) == "label" and name(n) == "No Matching Items" and showing(n), 10)
          is not None, "searching something else says “No Matching Items”")
    set_text(search, "")

    if os.environ.get("RESELL_UI_SCREENSHOT_DIR"):
        subprocess.run(["import", "-window", "root",
                        os.path.join(os.environ["RESELL_UI_SCREENSHOT_DIR"], "ui-test-browser.png")])


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        check(False, str(e))
    sys.exit(summary())
