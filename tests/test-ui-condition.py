#!/usr/bin/python3
"""A flaw marked on a photo lowers the grade on the item page, as a seller
would see it: through the accessibility tree, without touching the
catalog behind the window's back.

Makes a handbag with two photos with resell-cli and answers its checklist
with `resell-cli grade --answer used=few-times` (Excellent).  Starts the
app and opens the item: the Condition section shows Excellent and the rule
that gave it.  Then Photo Menu of photo 2 → Mark Flaws…: R for the
rectangle tool, a rectangle dragged on the photo, Type → Stain and
Severity → Major in the flaw's rows, Escape.  Back on the item page, with
no reload asked for: the grade shown is Fair, the deciding rule's sentence
("A stain bigger than a coin caps the grade at Fair.") is beside it, and
the condition text names photo 2.  `resell-cli grade --json` agrees.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import os
import subprocess
import time

from atspi_util import (
    Atspi,
    check,
    CLI,
    cli_json,
    click,
    description,
    find,
    find_app,
    focused,
    gone,
    has_action,
    label_containing,
    label_named,
    name,
    press,
    role,
    showing,
    test_main,
    text_of,
    toplevel,
    wait_for,
    walk,
    with_app,
    WORK,
)

TITLE = "Saddle bag"
WIDTH, HEIGHT = 800, 600
MARGIN = 16          # the flaw view's room around the picture
DOWN = 0xff54
UP = 0xff52
RETURN = 0xff0d
ESCAPE = 0xff1b
KEY_R = 0x72


def make_photo(path, shade):
    """A dark product on a light grey backdrop, WIDTH × HEIGHT, upright."""
    ppm = path + ".ppm"
    row_plain = bytes((228, 228, 228)) * WIDTH
    row_product = (bytes((228, 228, 228)) * 250 + bytes((shade, 50, 90)) * 300
                   + bytes((228, 228, 228)) * (WIDTH - 550))
    with open(ppm, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (WIDTH, HEIGHT))
        for y in range(HEIGHT):
            f.write(row_product if 150 <= y < 450 else row_plain)
    subprocess.run(["vips", "copy", ppm, path + "[Q=90]"], check=True)
    os.unlink(ppm)


def wait_until(fn, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if fn():
            return True
        time.sleep(0.1)
    return False


def grade_shown(app, grade):
    return any(role(n) == "label" and showing(n) and name(n) == grade for n in walk(app))


def choose(window, row_name, marker, moves):
    """Opens the combo row @row_name with a click and moves @moves rows in
    its popup with the arrow keys, then Return.  The popup is open when
    @marker, a choice the row itself does not show, is on screen."""
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
    find(window, lambda n: role(n) == "list item" and focused(n) and showing(n), 5,
         "the focus in the %s popup" % row_name)
    for _ in range(abs(moves)):
        press(DOWN if moves > 0 else UP)
        time.sleep(0.1)
    press(RETURN)
    wait_for(lambda: not any(name(n) == marker and showing(n) for n in walk(window)), 10,
             "the %s popup to close" % row_name)


def photo_menu_of(app, file_name):
    """The Photo Menu button in the tile of the photo imported as @file_name."""
    picture = find(app, lambda n: showing(n) and name(n).endswith(", " + file_name), 30,
                   "the tile of " + file_name)
    node = picture
    for _ in range(5):
        node = node.get_parent()
        if node is None:
            break
        # A GtkMenuButton shows as two nested buttons of one name; the
        # inner one is the one that can be pressed.
        menus = [n for n in walk(node, limit=6)
                 if role(n) in ("push button", "toggle button", "button") and name(n) == "Photo Menu"
                 and has_action(n)]
        if menus:
            # One tile's: the next level up would hold every photo's.
            return menus[0]
    raise AssertionError("no Photo Menu in the tile of " + file_name)


def run(sku):
    app = find_app()

    card = find(app, lambda n: role(n) == "label" and name(n) == TITLE and showing(n), 30, "item card")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")

    # Before: the checklist's answer alone grades it.
    label_named(app, "Excellent", 30)
    check(True, "the item page shows the checklist's grade: Excellent")
    reasons = label_containing(app, "Used a few times: Excellent")
    check(text_of(reasons).startswith("Used a few times: Excellent"),
          "the rule that gave it is named: %r" % text_of(reasons))
    check(not grade_shown(app, "Fair"), "no flaw yet, so not Fair")

    # Photo 2's menu → Mark Flaws…
    click(photo_menu_of(app, "lining.jpg"))
    click(find(app, lambda n: role(n) == "menu item" and name(n) == "Mark Flaws…" and showing(n),
               10, "Mark Flaws… menu item"))
    window = toplevel(app, "Flaws")
    view = find(window, lambda n: name(n) == "Photo with flaws" and showing(n), 15, "the flaw view")
    wait_for(lambda: description(view).endswith("marked on this photo"), 60, "the photo to show")
    check(description(view) == "0 flaws marked on this photo",
          "the flaw window opens on a photo without flaws: %r" % description(view))

    # R, then a rectangle dragged over the middle of the (upright) photo.
    press(KEY_R)
    e = view.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    scale = min((e.width - 2 * MARGIN) / WIDTH, (e.height - 2 * MARGIN) / HEIGHT)
    pw, ph = WIDTH * scale, HEIGHT * scale
    px, py = e.x + (e.width - pw) / 2, e.y + (e.height - ph) / 2
    x0, y0 = px + 0.40 * pw, py + 0.40 * ph
    x1, y1 = px + 0.60 * pw, py + 0.55 * ph
    Atspi.generate_mouse_event(int(x0), int(y0), "abs")
    Atspi.generate_mouse_event(int(x0), int(y0), "b1p")
    for i in range(1, 9):
        Atspi.generate_mouse_event(int(x0 + (x1 - x0) * i / 8), int(y0 + (y1 - y0) * i / 8), "abs")
    Atspi.generate_mouse_event(int(x1), int(y1), "b1r")
    wait_for(lambda: description(view) == "1 flaw marked on this photo", 20, "the drawn flaw")
    check(True, "a rectangle drawn on photo 2 is a flaw")

    # Stain is the eighth of Handbags' flaw types; Major the third severity.
    choose(window, "Type", "Handle darkening", 7)
    choose(window, "Severity", "Moderate", 2)
    find(window, lambda n: name(n) == "Stain, Major" and showing(n), 10, "the flaw in the list")
    check(True, "the flaw is a major stain")

    press(ESCAPE)
    check(gone(app, "Flaws"), "Escape closes the flaw window")

    # After: the page follows the flaw by itself.
    check(wait_until(lambda: grade_shown(app, "Fair"), 20),
          "the grade shown drops to Fair")
    check(not grade_shown(app, "Excellent"), "Excellent is no longer shown")
    reasons = label_containing(app, "caps the grade at")
    check(text_of(reasons).startswith("A stain bigger than a coin caps the grade at Fair."),
          "the deciding rule's sentence is beside the grade: %r" % text_of(reasons))
    text = find(app, lambda n: role(n) == "text" and name(n) == "Condition text" and showing(n), 10,
                "the condition text")
    check(wait_until(lambda: "photo 2" in text_of(text), 15),
          "the condition text names photo 2: %r" % text_of(text))
    check("photo 1" not in text_of(text), "and not photo 1: %r" % text_of(text))

    graded = cli_json("grade", sku)
    check(graded["grade"] == "fair" and "photo 2" in graded["condition_text"],
          "resell-cli grade agrees: %r, %r" % (graded["grade"], graded["condition_text"]))
    flaws = cli_json("flaws", sku)["flaws"]
    check(len(flaws) == 1 and flaws[0]["photo"] == 2 and flaws[0]["type"] == "stain"
          and flaws[0]["severity"] == "major",
          "the flaw is stored on photo 2: %r" % (flaws,))


def main():
    photos = os.path.join(WORK, "photos")
    os.makedirs(photos)
    front = os.path.join(photos, "front.jpg")
    lining = os.path.join(photos, "lining.jpg")
    make_photo(front, 40)
    make_photo(lining, 90)

    sku = subprocess.run([CLI, "add", "--category", "handbags", "--title", TITLE],
                         check=True, capture_output=True, text=True).stdout.splitlines()[0]
    subprocess.run([CLI, "import", sku, front, lining], check=True, capture_output=True, text=True)
    subprocess.run([CLI, "grade", sku, "--answer", "used=few-times"], check=True, capture_output=True)
    check(cli_json("grade", sku)["grade"] == "excellent", "the checklist's answer grades it Excellent")
    check(cli_json("flaws", sku)["flaws"] == [], "no flaws yet")

    with_app("ui-condition", lambda: run(sku))


if __name__ == "__main__":
    test_main(main)
