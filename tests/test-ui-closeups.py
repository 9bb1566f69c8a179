#!/usr/bin/python3
"""Flaw close-ups from the window, through the accessibility tree, with
libgphoto2's virtual camera (as tests/test-ui-studio.py).

resell-cli makes a handbag with 24 photos and marks a major stain on its
first photo.  eBay takes 24 photos per listing, so with the stain's close-up
the listing is one over: Export Listing Images → eBay… must ask which to
leave out (a check button per photo and close-up, the count against the
limit, Export enabled only within it) rather than drop one silently.
Photo 2 is left out: 23 photos and the close-up are written, the close-up
last.

Then the flaw window: the stain selected, Shoot Close-up (Ctrl+T's button)
opens the studio armed for it; the next capture must become the stain's
detail photo (`resell-cli flaws SKU --json`), the studio's "Close-up of a
Flaw" menu says it has one, and the flaw window's list shows it.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import time

from atspi_util import (
    APP,
    Atspi,
    button,
    card_file,
    check,
    cli,
    CLI,
    click,
    entry,
    find,
    find_app,
    gone,
    label,
    load_card,
    name,
    pad_jpeg,
    press,
    role,
    sensitive,
    showing,
    stop_app,
    summary,
    toplevel,
    type_text,
    VCAMERA,
    walk,
    WORK,
)

TITLE = "Black leather shoulder bag"
N_PHOTOS = 24


def wait_for(what, fn, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = fn()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out waiting for " + what)


def flaws(sku):
    return json.loads(cli("flaws", sku, "--json"))["flaws"]


def make_picture(path, seed, size="2000x1333"):
    """A sharp, textured object on a light backdrop (as in
    test-ui-studio-label.py), different for each seed."""
    rnd = random.Random(seed)
    hue = rnd.randint(0, 359)
    subprocess.run(["convert", "-size", size, "xc:#f3f3f3",
                    "(", "-size", "900x700", "-seed", str(seed),
                    "plasma:hsl(%d,60%%,55%%)-hsl(%d,50%%,40%%)" % (hue, (hue + 40) % 360),
                    "(", "-size", "900x700", "pattern:hexagons", "-auto-level", "-negate", ")",
                    "-compose", "screen", "-composite", ")",
                    "-gravity", "center", "-compose", "over", "-composite",
                    "-quality", "90", path], check=True)


def main():
    if not os.path.exists(os.path.join(VCAMERA, "iolibs", "vusb.so")):
        print("FAIL: no virtual camera in %s; meson test builds it with tests/vcamera/build-vcamera" % VCAMERA)
        sys.exit(1)
    for tool in ("convert", CLI):
        if shutil.which(tool) is None:
            print("FAIL: %s is not installed (build-aux/install-deps installs it)" % tool)
            sys.exit(1)

    sku = cli("add", "--category", "handbags", "--title", TITLE).splitlines()[0]
    pictures = os.path.join(WORK, "pictures")
    os.makedirs(pictures)
    photos = []
    for i in range(N_PHOTOS):
        path = os.path.join(pictures, "photo-%02d.jpg" % (i + 1))
        make_picture(path, 100 + i, "1000x750")
        photos.append(path)
    cli("import", sku, *photos)
    cli("flaw", "add", sku, "--photo", "1", "--type", "stain", "--severity", "major",
        "--rect", "0.40,0.40,0.10,0.10")

    closeup = os.path.join(pictures, "closeup.jpg")
    make_picture(closeup, 7)
    pad_jpeg(closeup, os.path.getsize(closeup) + 64)
    saved_card = os.path.join(WORK, "card-original.jpg")
    shutil.copyfile(card_file(), saved_card)
    load_card(closeup)

    env = dict(os.environ)
    env["IOLIBS"] = os.path.join(VCAMERA, "iolibs")
    proc = subprocess.Popen([APP], env=env)
    try:
        run(sku, closeup)
    except AssertionError:
        shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "ui-closeups-failure.png")])
        raise
    finally:
        stop_app(proc, 15)
        shutil.copyfile(saved_card, card_file())
        check(proc.returncode in (0, -15), "the app ran without crashing (exit %r)" % proc.returncode)


def menu_item(app, text, timeout=10):
    return find(app, lambda n: role(n) == "menu item" and name(n) == text and showing(n), timeout,
                "menu item " + text)


def export_check(app, text):
    return find(app, lambda n: role(n) == "check box" and name(n) == text and showing(n), 10,
                "check button " + text)


def run(sku, closeup):  # noqa: C901 - one walk through the window
    app = find_app()
    card = label(app, lambda t: t == TITLE, 30, "the item in the browser")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
    entry(app, "Title", 15)
    time.sleep(1.0)

    # Export for eBay: 24 photos and a close-up is one over the limit.
    out = os.path.join(WORK, "listing")
    os.makedirs(out)
    click(button(app, "Item Menu"))
    click(find(app, lambda n: name(n) == "Export Listing Images" and showing(n), 10, "the Export submenu"))
    click(menu_item(app, "eBay…"))
    chooser = find(app, lambda n: n.get_parent() == app and name(n) == "Save Listing Images for eBay To",
                   15, "the folder chooser")
    time.sleep(1.0)
    type_text(out + "/")
    time.sleep(0.5)
    press(0xff0d)  # Return

    dialog = toplevel(app, "Too Many Photos for eBay")
    check(True, "over the limit, the window asks which photos or close-ups to leave out")
    count = label(dialog, lambda t: t.endswith("photos: leave out 1 more"), 15, "the count against the limit")
    check(name(count) == "25 of at most 24 photos: leave out 1 more",
          "the count says 25 of at most 24: %r" % name(count))
    # GTK 4.8 names a button with a mnemonic "_Export Export".
    export = find(dialog, lambda n: role(n) == "push button" and name(n) in ("Export", "_Export Export")
                  and showing(n), 10, "the Export button")
    check(not sensitive(export), "Export is disabled while over the limit")
    checks = [n for n in walk(dialog) if role(n) == "check box" and showing(n)]
    names = [name(n) for n in checks]
    check("Photo 1 · Front" in names and "Photo 24 · Extra" in names
          and "Close-up · Stain, Major (photo 1)" in names and any(n in ("Mark Each Flaw With a Ring", "Mark Each Flaw With a _Ring") for n in names),
          "a check button per photo and per close-up, and the ring: %r" % names[:3])
    check(len(files(out)) == 0, "nothing is written before the seller chooses")

    # GTK 4.8's check buttons have no AT-SPI action: a click of the mouse.
    back = export_check(dialog, "Photo 2 · Back")
    e = back.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + 12, e.y + e.height // 2, "b1c")
    wait_for("the count to change", lambda: name(count) == "24 of at most 24 photos", 10)
    check(True, "leaving photo 2 out brings the count to 24 of at most 24")
    wait_for("Export to be enabled", lambda: sensitive(export), 10)
    check(True, "Export is enabled within the limit")
    click(export)
    check(gone(app, "Too Many Photos for eBay"), "Export closes the dialog")

    written = wait_for("24 listing images", lambda: len(files(out)) >= 24 and files(out), 180)
    time.sleep(1.0)
    written = files(out)
    check(len(written) == 24 and written[-1] == "%s-24-flaw-stain.jpg" % sku
          and written[0] == "%s-01-front.jpg" % sku and written[1] == "%s-02-left-side.jpg" % sku
          and not any(n.endswith("-back.jpg") or "-25-" in n for n in written),
          "23 photos without the back, then the stain's close-up, numbered 01–24: %r" % (written[:2] + written[-1:],))

    # The flaw window: the stain, Shoot Close-up.
    time.sleep(1.0)
    click(button(app, "Item Menu"))
    click(menu_item(app, "Flaws…"))
    window = toplevel(app, "Flaws")
    row = find(window, lambda n: name(n) == "Stain, Major" and showing(n), 15, "the stain in the list")
    e = row.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
    # GTK 4.8 names a button with a mnemonic "Shoot _Close-up Shoot Close-up".
    shoot = find(window, lambda n: role(n) == "push button" and showing(n) and sensitive(n)
                 and name(n) in ("Shoot Close-up", "Shoot _Close-up Shoot Close-up"), 15,
                 "the Shoot Close-up button, enabled")
    check(True, "with the stain selected, Shoot Close-up is enabled")
    click(shoot)
    # Nothing is asked about the app's windows until the flaw window is
    # gone: GTK 4.8 crashes answering about a window it is destroying.
    check(gone(app, "Flaws"), "Shoot Close-up closes the flaw window")
    find(app, lambda n: role(n) == "label" and name(n) == "Shoot — " + TITLE and showing(n), 20,
         "the studio for the item")
    mode = label(app, lambda t: t == "The next photo is the close-up of a flaw", 15, "the armed mode line")
    check(mode is not None, "the studio opens armed: “The next photo is the close-up of a flaw”")
    label(app, lambda t: t == "Ready", 60, "the camera's state “Ready”")
    time.sleep(1.0)

    load_card(closeup)
    click(button(app, "Capture", 30, enabled=True))
    stain = wait_for("the stain's detail photo", lambda: flaws(sku)[0]["detail_photo"], 90)
    check(stain == N_PHOTOS + 1,
          "the capture is the stain's detail photo, photo %d (resell-cli flaws --json): %r" % (N_PHOTOS + 1, stain))

    # The studio's own way in: its menu lists the item's flaws.
    click(button(app, "Studio Menu"))
    click(find(app, lambda n: name(n) == "Close-up of a Flaw" and showing(n), 10, "the flaws submenu"))
    listed = menu_item(app, "1. Stain, Major (has a close-up)", 15)
    check(listed is not None, "Studio Menu → Close-up of a Flaw lists the stain, with its close-up")
    press(0xff1b)
    press(0xff1b)
    time.sleep(0.5)

    # Back on the item, the flaw window's list says so too.
    press(0xff1b)
    entry(app, "Title", 20)
    time.sleep(1.0)
    click(button(app, "Item Menu"))
    click(menu_item(app, "Flaws…"))
    window = toplevel(app, "Flaws")
    sub = find(window, lambda n: "Close-up: photo %d" % (N_PHOTOS + 1) in name(n) and showing(n), 15,
               "the close-up in the flaw list")
    check(sub is not None, "the flaw list shows the stain has its close-up: %r" % name(sub))


def files(folder):
    return sorted(n for n in os.listdir(folder) if not n.startswith("."))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        check(False, str(e))
    sys.exit(summary())
