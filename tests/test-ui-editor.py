#!/usr/bin/python3
"""The photo editor, used as a seller would: through the accessibility tree.

Makes an item with one photo (800 × 600, a dark product on a light grey
backdrop) with resell-cli, starts the app on it and opens the item; then
Photo Menu → Edit…: straightens by 3.5° through the slider's AT-SPI Value
interface, turns "Whiten the backdrop" off, crops to a square, moves the crop
one step right with the arrow key and saves.  The edits stored in the
catalog must say exactly that: the crop square in pixels of the straightened
picture, moved by 1 % of its width.  Opened again, the editor shows the
saved values; changes then thrown away with Cancel, or with Escape, leave
the catalog as it was.  The original file is never changed.  Last, the
photo's own shape: Crop to 4:3 on the 4:3 photo keeps the whole picture but
not only for now: a turn drops the shape (Shift with an arrow then resizes
freely), and straightened by 5° the picture is another shape and the crop
is made 4:3 of it.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import hashlib
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

from atspi_util import (
    APP,
    Atspi,
    button,
    check,
    checked,
    CLI,
    click,
    DATA,
    description,
    find,
    find_app,
    focused,
    gone,
    has_state,
    name,
    press,
    press_shift,
    role,
    set_value,
    showing,
    stop_app,
    summary,
    toplevel,
    value_of,
    wait_for,
    walk,
    WORK,
)

TITLE = "Navy wool blazer"
WIDTH, HEIGHT = 800, 600
STRAIGHTEN = 3.5
KEY_STEP = 0.01      # one arrow key press moves the crop by 1 % of the picture
EDITOR = "Edit Photo"
# GTK 4.8 shows a GtkSwitch as a check box.
SWITCH_ROLES = ("check box", "toggle button", "switch")

LEFT = 0xff51
RIGHT = 0xff53
RETURN = 0xff0d
ESCAPE = 0xff1b


# The photo and the catalog

def make_photo(path):
    """A dark product on a light grey backdrop, WIDTH × HEIGHT, upright (no
    EXIF orientation)."""
    ppm = path + ".ppm"
    row_plain = bytes((228, 228, 228)) * WIDTH
    row_product = (bytes((228, 228, 228)) * 250 + bytes((40, 50, 90)) * 300
                   + bytes((228, 228, 228)) * (WIDTH - 550))
    with open(ppm, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (WIDTH, HEIGHT))
        for y in range(HEIGHT):
            f.write(row_product if 150 <= y < 450 else row_plain)
    subprocess.run(["vips", "copy", ppm, path + "[Q=90]"], check=True)
    os.unlink(ppm)


def straightened_size(width, height, degrees):
    """The largest upright rectangle inside the picture turned by @degrees,
    which crop fractions are of: found by searching the geometry itself
    (which centred rectangles keep their corners inside the turned picture,
    and which of those has the most area), not by the renderer's formula."""
    a = math.radians(abs(degrees))
    c, s = math.cos(a), math.sin(a)

    def fits(w, h):
        # The rectangle's corners, in the turned picture's own axes.
        for x, y in ((w / 2, h / 2), (w / 2, -h / 2)):
            if abs(x * c + y * s) > width / 2 or abs(-x * s + y * c) > height / 2:
                return False
        return True

    def tallest(w):
        lo, hi = 0.0, float(width + height)
        for _ in range(200):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if fits(w, mid) else (lo, mid)
        return lo

    # The area w × tallest(w) rises, then falls, over the widths that fit.
    lo, hi = 0.0, float(width + height)
    for _ in range(200):
        m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
        if m1 * tallest(m1) < m2 * tallest(m2):
            lo = m1
        else:
            hi = m2
    w = (lo + hi) / 2
    return w, tallest(w)


def query(sql, *args):
    db = sqlite3.connect(os.path.join(DATA, "catalog.db"), timeout=10)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def stored_edits():
    """The one photo's edits JSON as the catalog holds it."""
    rows = query("SELECT edits FROM photos")
    assert len(rows) == 1, "one photo in the catalog: %r" % (rows,)
    return rows[0][0]


def wait_for_edits_change(old, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            now = stored_edits()
            if now != old:
                return now
        except sqlite3.Error:
            pass
        time.sleep(0.2)
    return old


def previews():
    """The listing previews in the cache (made only for photos with edits)."""
    folder = os.path.join(os.environ["RESELL_CACHE_DIR"], "previews")
    return sorted(n for n in os.listdir(folder) if n.endswith(".jpg")) if os.path.isdir(folder) else []


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# The editor

def open_editor(app):
    """Photo Menu → Edit…; returns the editor once its picture is shown
    (the crop shapes need it)."""
    click(button(app, "Photo Menu"))
    item = find(app, lambda n: role(n) == "menu item" and name(n) == "Edit…" and showing(n),
                10, "Edit… menu item")
    click(item)
    editor = toplevel(app, EDITOR)
    button(editor, "Crop to Square", timeout=60, enabled=True)
    return editor


def controls(editor):
    straighten = find(editor, lambda n: role(n) == "slider" and name(n) == "Straighten",
                      10, "Straighten slider")
    trim = find(editor, lambda n: role(n) in SWITCH_ROLES and name(n) == "Trim to the product",
                10, "Trim to the product switch")
    whiten = find(editor, lambda n: role(n) in SWITCH_ROLES and name(n) == "Whiten the backdrop",
                  10, "Whiten the backdrop switch")
    crop = find(editor, lambda n: role(n) != "label" and name(n) == "Crop"
                and has_state(n, Atspi.StateType.FOCUSABLE), 10, "crop view")
    return straighten, trim, whiten, crop


def wait_until(fn, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if fn():
            return True
        time.sleep(0.1)
    return False


def crop_description(crop):
    return "%.0f %% from the left, %.0f %% from the top, %.0f %% wide, %.0f %% high" % (
        crop["x"] * 100, crop["y"] * 100, crop["width"] * 100, crop["height"] * 100)


def crop_numbers(text):
    """(left, top, width, height) in whole percent from the crop view's
    accessible description, or None."""
    m = re.fullmatch(r"(\d+) % from the left, (\d+) % from the top, (\d+) % wide, (\d+) % high", text)
    return tuple(int(g) for g in m.groups()) if m else None


def rendering(editor):
    """The editor's spinner over the picture is showing."""
    return any(name(n) == "Showing the photo" and showing(n) for n in walk(editor))


def drag(crop, x0, y0, x1, y1):
    """Presses the first button at (x0, y0), moves to (x1, y1) in steps and
    lets go (the registry sends the events in order); then waits until the
    crop view says its crop changed."""
    before = description(crop)
    Atspi.generate_mouse_event(int(x0), int(y0), "abs")
    Atspi.generate_mouse_event(int(x0), int(y0), "b1p")
    for i in range(1, 9):
        Atspi.generate_mouse_event(int(x0 + (x1 - x0) * i / 8), int(y0 + (y1 - y0) * i / 8), "abs")
    Atspi.generate_mouse_event(int(x1), int(y1), "b1r")
    wait_for(lambda: description(crop) != before, 15, "the drag to change the crop from %r" % before)


def run(original):  # noqa: C901 - one walk through the editor, step by step
    app = find_app()

    # The item from the browser (single click on its card; no window
    # manager, so window coordinates are screen coordinates).
    card = find(app, lambda n: role(n) == "label" and name(n) == TITLE and showing(n), 30,
                "item card")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
    find(app, lambda n: name(n) == "Front flat-lay photo, blazer.jpg" and showing(n), 30,
         "the photo's tile")
    before = stored_edits()

    # Edit: straighten, whitening off, a square crop moved one step right.
    editor = open_editor(app)
    check(True, "Photo Menu → Edit… opens the photo editor")
    straighten, trim, whiten, crop = controls(editor)
    check(abs(value_of(straighten)) < 1e-9 and checked(trim) and checked(whiten),
          "a new photo starts straight, trimmed and whitened")
    check(focused(crop), "the crop view has the keyboard focus")
    # The tile shows the plain thumbnail (no edits yet); the editor's
    # listing preview goes through the listing pipeline, cached by recipe.
    check(wait_until(lambda: len(previews()) > 0, 30),
          "the editor makes a listing preview: %r" % (previews(),))
    opened_with = previews()

    set_value(straighten, STRAIGHTEN)
    check(wait_until(lambda: abs(value_of(straighten) - STRAIGHTEN) < 1e-9),
          "Straighten takes 3.5 through its Value interface: %r" % (value_of(straighten),))
    click(whiten)
    check(wait_until(lambda: not checked(whiten)), "“Whiten the backdrop” is off")
    # The picture at the new straightening is not needed for the shape: the
    # crop is square for 3.5° whether or not it has arrived.
    click(button(editor, "Crop to Square", enabled=True))
    check(wait_until(lambda: description(crop).endswith("100 % high")),
          "Crop to Square crops the whole height: %r" % (description(crop),))
    centred = description(crop)
    press(RIGHT)
    check(wait_until(lambda: description(crop) != centred),
          "the Right arrow moves the crop: %r → %r" % (centred, description(crop)))
    check(wait_until(lambda: len(previews()) > len(opened_with), 30),
          "the listing preview follows the edits: %r" % (previews(),))
    if os.environ.get("RESELL_UI_SCREENSHOT_DIR"):
        subprocess.run(["import", "-window", "root",
                        os.path.join(os.environ["RESELL_UI_SCREENSHOT_DIR"], "ui-test-editor.png")])
    click(button(editor, "Save"))
    check(gone(app, EDITOR), "Save closes the editor")

    saved = wait_for_edits_change(before)
    check(saved != before, "Save stores the edits: %r" % (saved,))
    edits = json.loads(saved or "{}")
    check(edits.get("straighten") == STRAIGHTEN, "straighten is 3.5: %r" % (edits.get("straighten"),))
    check(edits.get("whiten") is False, "whiten is false: %r" % (edits.get("whiten"),))
    check(edits.get("auto_trim") is True and edits.get("rotate") == 0,
          "trim and rotation are as they were: %r" % (edits,))
    c = edits.get("crop")
    check(isinstance(c, dict), "there is a crop: %r" % (c,))
    if isinstance(c, dict):
        sw, sh = straightened_size(WIDTH, HEIGHT, STRAIGHTEN)
        ratio = (c["width"] * sw) / (c["height"] * sh)
        # Equal fractions (1.39) or a square for the unstraightened picture
        # (1.04) are both far outside this.
        check(abs(ratio - 1) < 0.01,
              "the crop is square in pixels of the straightened %.0f × %.0f picture: %.4f" % (sw, sh, ratio))
        check(abs(c["y"]) < 1e-6 and abs(c["height"] - 1) < 1e-6,
              "the square takes the whole height: %r" % (c,))
        centred_x = (1 - c["width"]) / 2
        check(abs(c["x"] - (centred_x + KEY_STEP)) < 0.002,
              "the crop is centred and then moved right by 1 %%: x %.4f, centred %.4f" % (c["x"], centred_x))
    check(sha256_of(original) == SOURCE_SHA256, "the original file is unchanged")

    # Opened again: the saved values.  Changes then cancelled are dropped.
    editor = open_editor(app)
    straighten, trim, whiten, crop = controls(editor)
    check(abs(value_of(straighten) - STRAIGHTEN) < 1e-9,
          "opened again, Straighten shows 3.5: %r" % (value_of(straighten),))
    check(checked(trim) and not checked(whiten), "opened again, trim is on and whiten off")
    if isinstance(c, dict):
        check(description(crop) == crop_description(c),
              "opened again, the crop is where it was saved: %r" % (description(crop),))
    set_value(straighten, -2.0)
    click(whiten)
    click(button(editor, "Reset Crop"))
    wait_for(lambda: checked(whiten) and description(crop).startswith("No crop"), 15,
             "whitening back on and no crop")
    click(button(editor, "Cancel"))
    check(gone(app, EDITOR), "Cancel closes the editor")
    check(stored_edits() == saved, "Cancel leaves the stored edits as they were: %r" % (stored_edits(),))

    # A double-click on the photo opens the editor too; Escape cancels.
    picture = find(app, lambda n: name(n) == "Front flat-lay photo, blazer.jpg" and showing(n), 10,
                   "the photo's tile")
    e = picture.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1d")
    editor = toplevel(app, EDITOR)
    check(True, "a double-click on the photo opens the editor")
    button(editor, "Crop to Square", timeout=60, enabled=True)
    straighten, trim, whiten, crop = controls(editor)
    set_value(straighten, 7.0)
    click(trim)
    wait_until(lambda: not checked(trim))
    # Turned to portrait: a 4:3 crop is then the whole width, and its
    # height follows from the turned, straightened picture's shape.
    click(button(editor, "Rotate Right"))
    check(wait_until(lambda: description(crop).startswith("No crop")),
          "Rotate Right drops the crop: %r" % (description(crop),))
    click(button(editor, "Crop to 4:3", enabled=True))
    sw, sh = straightened_size(HEIGHT, WIDTH, 7.0)
    height = sw / (4 / 3) / sh
    expected = crop_description({"x": 0, "y": (1 - height) / 2, "width": 1, "height": height})
    check(wait_until(lambda: description(crop) == expected),
          "turned right and straightened by 7°, Crop to 4:3 is %r: %r" % (expected, description(crop)))

    # The turned picture must be in view before the frame is grabbed.
    check(wait_until(lambda: not rendering(editor), 30), "the turned picture is shown")

    # With the mouse: inside the frame moves it, an edge resizes it, never
    # below 5 % of the picture.  The picture is drawn as large as fits
    # 12 px inside the view; the editor, like every window without a
    # window manager, is at the screen's top left.
    e = crop.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    avail_w, avail_h = e.width - 24, e.height - 24
    scale = min(avail_w / sw, avail_h / sh)
    pw, ph = sw * scale, sh * scale
    px, py = e.x + 12 + (avail_w - pw) / 2, e.y + 12 + (avail_h - ph) / 2
    top = (1 - height) / 2
    drag(crop, px + pw / 2, py + ph * (top + height / 2), px + pw / 2, py + ph * (top + height / 2) + 30)
    moved = crop_numbers(description(crop))
    top = min(top + 30 / ph, 1 - height)
    check(moved is not None and abs(moved[1] - top * 100) <= 1 and moved[2] == 100,
          "dragging inside the crop moves it down: %r" % (description(crop),))
    drag(crop, px + pw, py + ph * (top + height / 2), px + pw * 0.7, py + ph * (top + height / 2))
    narrowed = crop_numbers(description(crop))
    check(narrowed is not None and abs(narrowed[2] - 70) <= 1 and narrowed[0] == 0
          and moved is not None and narrowed[3] == moved[3],
          "dragging the right edge makes it narrower: %r" % (description(crop),))
    drag(crop, px + pw * 0.7, py + ph * (top + height / 2), px - 40, py + ph * (top + height / 2))
    smallest = crop_numbers(description(crop))
    check(narrowed is not None and smallest == (0, narrowed[1], 5, narrowed[3]),
          "the right edge dragged past the left one stops at 5 %% of the width: %r" % (description(crop),))
    press(ESCAPE)
    check(gone(app, EDITOR), "Escape closes the editor")
    check(stored_edits() == saved, "Escape leaves the stored edits as they were: %r" % (stored_edits(),))

    # An original that cannot be read: the editor says why, and the app
    # goes on.  The photo double-clicked before still has the focus, and
    # Enter on it opens the editor.
    hidden = original + ".away"
    os.rename(original, hidden)
    try:
        press(RETURN)
        editor = toplevel(app, EDITOR)
        check(True, "Enter on the focused photo opens the editor")
        status = find(editor, lambda n: name(n) == "The Photo Cannot Be Shown" and showing(n), 30,
                      "the editor's error page")
        message = find(editor, lambda n: role(n) == "label" and "blazer" in name(n) and showing(n), 10,
                       "the error message")
        check(status is not None and message is not None,
              "an unreadable original shows the renderer's message: %r" % (name(message),))
        check(not has_state(button(editor, "Crop to Square"), Atspi.StateType.SENSITIVE),
              "without a picture there is no crop to make")
        click(button(editor, "Cancel"))
        check(gone(app, EDITOR), "Cancel closes the editor")
    finally:
        os.rename(hidden, original)

    # Crop to 4:3 on the 4:3 photo is the whole picture, and still a choice
    # of shape.  A turn drops it with the crop: Shift with an arrow key then
    # resizes the turned picture's crop freely.
    editor = open_editor(app)
    straighten, trim, whiten, crop = controls(editor)
    set_value(straighten, 0.0)
    check(wait_until(lambda: abs(value_of(straighten)) < 1e-9),
          "Straighten goes back to 0: %r" % (value_of(straighten),))
    click(button(editor, "Reset Crop"))
    check(wait_until(lambda: description(crop).startswith("No crop")),
          "Reset Crop keeps the whole picture: %r" % (description(crop),))
    click(button(editor, "Crop to 4:3", enabled=True))
    check(description(crop).startswith("No crop"),
          "Crop to 4:3 on the 800 × 600 photo keeps the whole picture: %r" % (description(crop),))
    click(button(editor, "Rotate Right"))
    # The turned picture is rendered after a short pause: wait for it to
    # start (a quick one may be missed) and to end, so no key lands mid-way.
    wait_until(lambda: rendering(editor), 2)
    check(wait_until(lambda: not rendering(editor), 30), "the turned picture is shown")
    check(description(crop).startswith("No crop"), "turned, there is no crop: %r" % (description(crop),))
    check(focused(crop), "the crop view still has the keyboard focus")
    # One key at a time: the next waits until the first has landed.
    press_shift(LEFT, until=lambda: crop_numbers(description(crop)) == (0, 0, 99, 100),
                what="Shift+Left to take 1 % off the width")
    press_shift(LEFT)
    check(wait_until(lambda: crop_numbers(description(crop)) == (0, 0, 98, 100)),
          "turned, Shift+Left twice takes 2 %% off the width only, not a 4:3 shape: %r"
          % (description(crop),))
    press_shift(RIGHT)
    check(wait_until(lambda: crop_numbers(description(crop)) == (0, 0, 99, 100)),
          "turned, Shift+Right widens the crop by 1 %% and keeps its height: %r" % (description(crop),))
    click(button(editor, "Rotate Left"))
    check(wait_until(lambda: description(crop).startswith("No crop")),
          "turned back, there is no crop: %r" % (description(crop),))
    # 4:3 once more on the upright photo, then straightened: the picture
    # is then wider than 4:3, and the crop is made 4:3 of it.
    click(button(editor, "Crop to 4:3", enabled=True))
    check(description(crop).startswith("No crop"),
          "Crop to 4:3 keeps the whole upright picture: %r" % (description(crop),))
    set_value(straighten, 5.0)
    sw, sh = straightened_size(WIDTH, HEIGHT, 5.0)
    width = sh * (4 / 3) / sw
    expected = crop_description({"x": (1 - width) / 2, "y": 0, "width": width, "height": 1})
    check(wait_until(lambda: description(crop) == expected),
          "straightened by 5°, the crop chosen as 4:3 is %r: %r" % (expected, description(crop)))
    click(button(editor, "Save"))
    check(gone(app, EDITOR), "Save closes the editor")
    again = wait_for_edits_change(saved)
    edits = json.loads(again or "{}")
    check(edits.get("straighten") == 5.0 and edits.get("rotate") == 0,
          "straightened by 5° and upright: %r" % (edits,))
    c = edits.get("crop")
    check(isinstance(c, dict), "a 4:3 crop of the whole picture straightened is saved as a crop: %r" % (c,))
    if isinstance(c, dict):
        ratio = (c["width"] * sw) / (c["height"] * sh)
        check(abs(ratio - 4 / 3) < 0.01,
              "the saved crop is 4:3 in pixels of the straightened %.0f × %.0f picture: %.4f"
              % (sw, sh, ratio))


def main():
    global SOURCE_SHA256

    photos = os.path.join(WORK, "photos")
    os.makedirs(photos)
    source = os.path.join(photos, "blazer.jpg")
    make_photo(source)
    SOURCE_SHA256 = sha256_of(source)

    sku = subprocess.run([CLI, "add", "--category", "clothing", "--title", TITLE],
                         check=True, capture_output=True, text=True).stdout.splitlines()[0]
    subprocess.run([CLI, "import", sku, source], check=True, capture_output=True, text=True)
    rows = query("SELECT path FROM photos")
    original = os.path.join(DATA, rows[0][0])
    check(len(rows) == 1 and sha256_of(original) == SOURCE_SHA256, "the photo is imported")

    proc = subprocess.Popen([APP], env=dict(os.environ))
    try:
        run(original)
        check(proc.poll() is None, "the app is still running")
    except AssertionError:
        shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "ui-editor-failure.png")])
        raise
    finally:
        stop_app(proc)


SOURCE_SHA256 = None

if __name__ == "__main__":
    if shutil.which(CLI) is None:
        print("FAIL: %s not found: build it first" % CLI)
        sys.exit(1)
    try:
        main()
    except AssertionError as e:
        check(False, str(e))
    except Exception as e:  # noqa: BLE001
        check(False, "unexpected error: %r" % (e,))
    sys.exit(summary())
