#!/usr/bin/python3
"""The flaw window, used as a seller would: through the accessibility tree.

Makes an item (Handbags) with one photo (800 × 600) with resell-cli and turns
the photo a quarter to the right in the catalog, as the photo editor would.
Starts the app, opens the item, then Photo Menu → Mark Flaws…: presses R for
the rectangle tool, drags a rectangle on the turned photo with the mouse,
chooses the type "Stain", the severity "Major" and the zone "Lining" in the
selected flaw's rows with the keyboard.  `resell-cli flaws SKU --json` must
then list one flaw: a rectangle, a major stain on the lining, on photo 1, at
the spot of the upright original that was under the mouse (not the spot of
the turned picture).
Ctrl+Z takes the zone back; Delete removes the flaw; Ctrl+Z brings it back.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import json
import os
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
    role,
    showing,
    stop_app,
    summary,
    walk,
    toplevel,
    wait_for,
    WORK,
)

TITLE = "Tan leather tote"
WIDTH, HEIGHT = 800, 600
WINDOW = "Flaws"
MARGIN = 16          # the flaw view's room around the picture
# The rectangle drawn, in fractions of the upright original.
UX, UY, UW, UH = 0.20, 0.30, 0.30, 0.20
# Without a window manager a second window's coordinates are a few pixels
# off the screen's (its shadow): about 5 px here, 0.01 of the picture.  Far
# less than where the turned picture's own coordinates would put the flaw
# (0.70, 0.20, 0.20 × 0.30).
TOLERANCE = 0.025

DOWN = 0xff54
UP = 0xff52
RETURN = 0xff0d
DELETE = 0xffff
KEY_R = 0x72
KEY_Z = 0x7a
KEY_L = 0x6c
ESCAPE = 0xff1b


def make_photo(path):
    """A dark product on a light grey backdrop, WIDTH × HEIGHT, upright."""
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


def query(sql, *args):
    db = sqlite3.connect(os.path.join(DATA, "catalog.db"), timeout=10)
    try:
        with db:
            return db.execute(sql, args).fetchall()
    finally:
        db.close()


def flaws():
    try:
        return query("SELECT photo_id, shape, type_id, severity, x, y, width, height FROM flaws ORDER BY id")
    except sqlite3.Error:
        return None


def wait_until(fn, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if fn():
            return True
        time.sleep(0.1)
    return False


def with_control(keysym):
    """@keysym with Control held: the modifier (mask 4) is locked around it,
    as atspi_util's press_shift() does with Shift."""
    Atspi.generate_keyboard_event(4, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    Atspi.generate_keyboard_event(4, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def choose(window, row_name, marker, moves):
    """Opens the combo row @row_name with a click and moves @moves rows in
    its popup with the arrow keys (negative: up), then Return.  The popup
    is open when @marker, a choice the row itself does not show, is on
    screen."""
    combo = find(window, lambda n: role(n) == "combo box" and name(n) == row_name and showing(n),
                 10, row_name + " row")
    # Without a window manager, the first click after a popup closed may
    # only end that popup's grab: then another.
    for attempt in range(3):
        e = combo.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
        Atspi.generate_mouse_event(e.x + e.width - 40, e.y + e.height // 2, "b1c")
        if wait_until(lambda: any(role(n) == "list item" and focused(n) and showing(n)
                                  for n in walk(window)), 5):
            break
    # The keys go to the popup once one of its rows has the focus.
    find(window, lambda n: role(n) == "list item" and focused(n) and showing(n), 5,
         "the focus in the %s popup" % row_name)
    for _ in range(abs(moves)):
        press(DOWN if moves > 0 else UP)
        time.sleep(0.1)
    press(RETURN)
    # Closed, so the next popup is not taken for this one.
    wait_for(lambda: not any(name(n) == marker and showing(n) for n in walk(window)), 10,
             "the %s popup to close" % row_name)


def run():  # noqa: C901 - one walk through the window, step by step
    app = find_app()

    card = find(app, lambda n: role(n) == "label" and name(n) == TITLE and showing(n), 30, "item card")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
    click(button(app, "Photo Menu", timeout=30))
    item = find(app, lambda n: role(n) == "menu item" and name(n) == "Mark Flaws…" and showing(n),
                10, "Mark Flaws… menu item")
    click(item)
    window = toplevel(app, WINDOW)
    check(True, "Photo Menu → Mark Flaws… opens the flaw window")

    view = find(window, lambda n: name(n) == "Photo with flaws" and showing(n), 15, "the flaw view")
    wait_for(lambda: description(view).endswith("marked on this photo"), 60, "the photo to show")
    check(description(view) == "0 flaws marked on this photo",
          "the photo shows with no flaws: %r" % (description(view),))
    check(focused(view), "the photo has the keyboard focus")

    # R: the rectangle tool.
    press(KEY_R)
    rect_tool = find(window, lambda n: name(n) == "Rectangle Tool", 10, "Rectangle Tool button")
    check(wait_until(lambda: rect_tool.get_state_set().contains(Atspi.StateType.CHECKED)
                     or rect_tool.get_state_set().contains(Atspi.StateType.PRESSED), 5),
          "R chooses the rectangle tool")

    # The turned picture (600 × 800 on screen's terms) fits the view,
    # centred, with a margin.
    e = view.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    shown_w, shown_h = HEIGHT, WIDTH
    scale = min((e.width - 2 * MARGIN) / shown_w, (e.height - 2 * MARGIN) / shown_h)
    pw, ph = shown_w * scale, shown_h * scale
    px, py = e.x + (e.width - pw) / 2, e.y + (e.height - ph) / 2

    def on_screen(ux, uy):
        # A quarter turn clockwise: the upright left edge is the top.
        return px + (1 - uy) * pw, py + ux * ph

    x0, y0 = on_screen(UX, UY)
    x1, y1 = on_screen(UX + UW, UY + UH)
    Atspi.generate_mouse_event(int(round(x0)), int(round(y0)), "abs")
    Atspi.generate_mouse_event(int(round(x0)), int(round(y0)), "b1p")
    for i in range(1, 9):
        Atspi.generate_mouse_event(int(round(x0 + (x1 - x0) * i / 8)),
                                   int(round(y0 + (y1 - y0) * i / 8)), "abs")
    Atspi.generate_mouse_event(int(round(x1)), int(round(y1)), "b1r")
    check(wait_until(lambda: flaws() is not None and len(flaws()) == 1, 20),
          "the drawn rectangle is stored: %r" % (flaws(),))
    wait_for(lambda: description(view) == "1 flaw marked on this photo", 10, "the view to count it")

    # A new flaw is of the category's first type, minor.
    check((flaws() or [(None,) * 4])[0][2:4] == ("corner-wear", "minor"),
          "a new flaw is minor corner wear, the first of Handbags: %r" % (flaws(),))
    # The new flaw is selected: its rows can be changed.  Stain is the
    # eighth of the category's flaw types.
    choose(window, "Type", "Handle darkening", 7)
    check(wait_until(lambda: (flaws() or [(None,) * 3])[0][2] == "stain"),
          "Type → Stain is stored: %r" % (flaws(),))
    choose(window, "Severity", "Moderate", 2)
    # Zones: "Not Given", then the category's; Lining is its ninth.
    choose(window, "Zone", "Exterior", 9)
    check(wait_until(lambda: (flaws() or [(None,) * 4])[0][2:4] == ("stain", "major")),
          "Type → Stain and Severity → Major are stored: %r" % (flaws(),))
    row = find(window, lambda n: name(n) == "Stain, Major" and showing(n), 10, "the flaw in the list")
    check(True, "the list shows the flaw as “Stain, Major”")
    check(any(has_state(n, Atspi.StateType.SELECTED) for n in (row, row.get_parent()) if n is not None),
          "the flaw drawn on the photo is selected in the list")

    check(wait_until(lambda: query("SELECT zone_id FROM flaws") == [("lining",)]),
          "Zone → Lining is stored: %r" % (query("SELECT zone_id FROM flaws"),))

    # As the command-line tool reports it.
    listed = json.loads(subprocess.run([CLI, "flaws", SKU, "--json"], check=True,
                                       capture_output=True, text=True).stdout)["flaws"]
    stored = listed[0] if len(listed) == 1 else None
    check(stored is not None and stored["photo"] == 1 and stored["shape"] == "rect"
          and stored["type"] == "stain" and stored["severity"] == "major" and stored["zone"] == "lining",
          "resell-cli flaws --json: a major stain on the lining, a rectangle on photo 1: %r" % (listed,))
    if stored is not None:
        x, y, w, h = stored["x"], stored["y"], stored["width"], stored["height"]
        check(abs(x - UX) < TOLERANCE and abs(y - UY) < TOLERANCE
              and abs(w - UW) < TOLERANCE and abs(h - UH) < TOLERANCE,
              "stored in the upright original's coordinates: %.3f, %.3f, %.3f × %.3f "
              "(drawn %.2f, %.2f, %.2f × %.2f)" % (x, y, w, h, UX, UY, UW, UH))

    if os.environ.get("RESELL_UI_SCREENSHOT_DIR"):
        subprocess.run(["import", "-window", "root",
                        os.path.join(os.environ["RESELL_UI_SCREENSHOT_DIR"], "ui-test-flaws.png")])

    # Back to the photo (Ctrl+L), then undo and delete from the keyboard.
    with_control(KEY_L)
    check(wait_until(lambda: focused(view), 5), "Ctrl+L puts the focus on the photo")
    with_control(KEY_Z)
    check(wait_until(lambda: query("SELECT zone_id, severity FROM flaws") == [("", "major")]),
          "Ctrl+Z takes back the zone, only: %r" % (query("SELECT zone_id, severity FROM flaws"),))
    press(DELETE)
    check(wait_until(lambda: flaws() == []), "Delete removes the flaw: %r" % (flaws(),))
    with_control(KEY_Z)
    check(wait_until(lambda: flaws() is not None and len(flaws()) == 1),
          "Ctrl+Z brings it back: %r" % (flaws(),))

    # Everything is stored: Escape closes; Item Menu → Flaws… opens the
    # window again, on the first photo, with the flaw on it.
    press(ESCAPE)
    check(gone(app, WINDOW), "Escape closes the flaw window")
    click(button(app, "Item Menu"))
    click(find(app, lambda n: role(n) == "menu item" and name(n) == "Flaws…" and showing(n),
               10, "Flaws… menu item"))
    window = toplevel(app, WINDOW)
    view = find(window, lambda n: name(n) == "Photo with flaws" and showing(n), 15, "the flaw view")
    check(wait_until(lambda: description(view) == "1 flaw marked on this photo", 60),
          "Item Menu → Flaws… opens the flaws again, with the flaw: %r" % (description(view),))
    press(ESCAPE)
    check(gone(app, WINDOW), "Escape closes it again")


def main():
    photos = os.path.join(WORK, "photos")
    os.makedirs(photos)
    source = os.path.join(photos, "tote.jpg")
    make_photo(source)

    global SKU
    sku = subprocess.run([CLI, "add", "--category", "handbags", "--title", TITLE],
                         check=True, capture_output=True, text=True).stdout.splitlines()[0]
    subprocess.run([CLI, "import", sku, source], check=True, capture_output=True, text=True)
    SKU = sku
    rows = query("SELECT id FROM photos")
    check(len(rows) == 1, "the photo is imported")
    # Turned a quarter to the right, as Rotate Right in the photo menu does.
    query("UPDATE photos SET edits = ?", '{"rotate":90}')

    proc = subprocess.Popen([APP], env=dict(os.environ))
    try:
        run()
        check(proc.poll() is None, "the app is still running")
    except AssertionError:
        shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "ui-flaws-failure.png")])
        raise
    finally:
        stop_app(proc)


SKU = None

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
