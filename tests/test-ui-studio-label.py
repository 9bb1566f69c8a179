#!/usr/bin/python3
"""The studio reads an item's SKU label on the first photo of a shoot and
offers to shoot that item instead, through the accessibility tree with
libgphoto2's virtual camera (as tests/test-ui-studio.py).

resell-cli makes two items, a coat and a satchel, and prints the satchel's
label (a PDF, rasterised with pdftoppm at 300 dpi and laid on a
photo-like picture with ImageMagick).  The studio is opened on the coat and
the label photo taken: a bar names the satchel's SKU and title, with
"Switch to RS-…" and "Keep Shooting Here".  Switching moves the studio to
the satchel and takes the label photo out of the coat (its file stays on
disk).  The satchel's own label as its first photo shows no bar; Escape
then goes back to the satchel's page.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import hashlib
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
    CLI,
    cli,
    click,
    DATA,
    entry,
    find,
    find_app,
    focused,
    label,
    load_card,
    name,
    pad_jpeg,
    press,
    role,
    showing,
    stop_app,
    summary,
    text_of,
    VCAMERA,
    walk,
    WORK,
)

COAT = "Grey wool coat"
SATCHEL = "Tan leather satchel"

CATEGORY = {
    "version": 1,
    "id": "label-test",
    "name": "A label test",
    "icon": "package-x-generic-symbolic",
    "sku_code": "LBL",
    "shots": [
        {"id": "front", "label": "Front", "guidance": "The whole item, centred.",
         "required": True, "backdrop": "any"},
        {"id": "back", "label": "Back", "guidance": "Turned round, same framing.",
         "required": True, "backdrop": "any"},
    ],
    "checklist": [],
    "flaws": [],
}


def wait_for(what, fn, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out waiting for " + what)


def show(sku):
    return json.loads(cli("show", sku, "--json"))


# Pictures

def make_background(path, seed):
    """A sharp, textured object on a light backdrop that passes the checks
    on arrival (as in test-ui-studio.py), 2000 × 1333 px: a photo that
    failed them would arm a retake, and the next photo would replace it."""
    rnd = random.Random(seed)
    hue = rnd.randint(0, 359)
    subprocess.run(["convert", "-size", "2000x1333", "xc:#f3f3f3",
                    "(", "-size", "900x700", "-seed", str(seed),
                    "plasma:hsl(%d,60%%,55%%)-hsl(%d,50%%,40%%)" % (hue, (hue + 40) % 360),
                    "(", "-size", "900x700", "pattern:hexagons", "-auto-level", "-negate", ")",
                    "-compose", "screen", "-composite", ")",
                    "-geometry", "+550+300", "-compose", "over", "-composite",
                    "-quality", "90", path], check=True)


def make_label_photo(sku, path, seed):
    """The item's printed label lying on the object: the CLI's PDF at 300
    dpi, toned down a little, laid on the picture."""
    pdf = os.path.join(WORK, "label-%s.pdf" % sku)
    cli("label", sku, "--pdf", pdf)
    prefix = os.path.join(WORK, "label-%s" % sku)
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-singlefile", pdf, prefix], check=True)
    background = os.path.join(WORK, "background-%d.jpg" % seed)
    make_background(background, seed)
    # Paper under studio light is not pure white: a clipped label would
    # fail the exposure check and arm a retake of itself.
    subprocess.run(["convert", background, "(", prefix + ".png", "+level", "4%,90%", ")",
                    "-geometry", "+620+420",
                    "-compose", "over", "-composite", "-quality", "92", path], check=True)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    if not os.path.exists(os.path.join(VCAMERA, "iolibs", "vusb.so")):
        print("FAIL: no virtual camera in %s; meson test builds it with tests/vcamera/build-vcamera" % VCAMERA)
        sys.exit(1)
    for tool in ("convert", "pdftoppm", CLI):
        if shutil.which(tool) is None:
            print("FAIL: %s is not installed (build-aux/install-deps installs it)" % tool)
            sys.exit(1)

    categories = os.path.join(WORK, "categories")
    os.makedirs(categories)
    with open(os.path.join(categories, "label-test.json"), "w") as f:
        json.dump(CATEGORY, f)
    os.environ["RESELL_CATEGORIES_DIR"] = categories

    coat = cli("add", "--category", "label-test", "--title", COAT).splitlines()[0]
    satchel = cli("add", "--category", "label-test", "--title", SATCHEL).splitlines()[0]

    pictures = os.path.join(WORK, "pictures")
    os.makedirs(pictures)
    satchel_label = os.path.join(pictures, "satchel-label.jpg")
    make_label_photo(satchel, satchel_label, 11)
    coat_labels = [os.path.join(pictures, "coat-label-%d.jpg" % i) for i in range(2)]
    for i, path in enumerate(coat_labels):
        make_label_photo(coat, path, 20 + i)
    plain = os.path.join(pictures, "plain.jpg")
    make_background(plain, 12)
    all_pictures = [satchel_label, plain] + coat_labels
    size = max(os.path.getsize(p) for p in all_pictures) + 64
    for p in all_pictures:
        pad_jpeg(p, size)

    saved_card = os.path.join(WORK, "card-original.jpg")
    shutil.copyfile(card_file(), saved_card)
    load_card(plain)

    env = dict(os.environ)
    env["IOLIBS"] = os.path.join(VCAMERA, "iolibs")
    proc = subprocess.Popen([APP], env=env)
    try:
        run(coat, satchel, satchel_label, coat_labels)
    except AssertionError:
        shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "ui-studio-label-failure.png")])
        raise
    finally:
        stop_app(proc, 15)
        shutil.copyfile(saved_card, card_file())
        check(proc.returncode in (0, -15), "the app ran without crashing (exit %r)" % proc.returncode)


def screenshot(name):
    shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
    if shots:
        time.sleep(1.0)
        subprocess.run(["import", "-window", "root", os.path.join(shots, name)])


def offers_shown(app):
    return [n for n in walk(app) if role(n) == "label" and showing(n)
            and name(n).startswith("This photo shows the label of ")]


def open_studio(app, title):
    card = label(app, lambda t: t == title, 30, "the item “%s” in the browser" % title)
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
    entry(app, "Title", 15)
    time.sleep(1.0)
    click(button(app, "Shoot", 15, enabled=True))
    find(app, lambda n: role(n) == "label" and name(n) == "Shoot — " + title and showing(n), 15,
         "the studio's title for " + title)
    label(app, lambda t: t == "Ready", 60, "the camera's state “Ready”")
    time.sleep(1.0)


def no_offer_for(app, seconds):
    """True when no offer shows up for @seconds: the scan of a photo runs
    off the UI thread, so its absence can only be waited for."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if offers_shown(app):
            return False
        time.sleep(0.25)
    return True


def capture_into(app, sku, picture, count):
    load_card(picture)
    click(button(app, "Capture", 30, enabled=True))
    photos = wait_for("photo %d in %s" % (count, sku), lambda: len(show(sku)["photos"]) >= count and show(sku)["photos"], 60)
    return photos


def run(coat, satchel, satchel_label, coat_labels):
    app = find_app()
    open_studio(app, COAT)
    check(True, "the studio opens on the coat and the camera is ready")

    # The satchel's label, photographed as the coat's first photo.
    load_card(satchel_label)
    click(button(app, "Capture", 30, enabled=True))
    landed = wait_for("the label photo in the coat", lambda: show(coat)["photos"], 60)
    check(len(landed) == 1, "the label photo is saved into the coat first, like any photo")
    label_file = os.path.join(DATA, landed[0]["path"]) if not os.path.isabs(landed[0]["path"]) else landed[0]["path"]

    offer = label(app, lambda t: t.startswith("This photo shows the label of ") and satchel in t, 60,
                  "the label offer")
    check(SATCHEL in name(offer) and "Shoot that item instead?" in name(offer),
          "a bar says the photo shows the satchel's label: %r" % name(offer))
    screenshot("ui-studio-label-offer.png")
    switch = button(app, "Switch to " + satchel, 10, enabled=True)
    keep = button(app, "Keep Shooting Here", 10, enabled=True)
    check(switch is not None and keep is not None,
          "it offers “Switch to %s” and “Keep Shooting Here”, named for assistive technology" % satchel)

    # Chosen with the keyboard: Return on the focused button (Space is the
    # studio's shutter wherever the keyboard is).
    for _ in range(60):
        if focused(switch):
            break
        press(0xff09)  # Tab
        time.sleep(0.1)
    check(focused(switch), "Tab reaches the Switch button")
    press(0xff0d)  # Return
    find(app, lambda n: role(n) == "label" and name(n) == "Shoot — " + SATCHEL and showing(n), 20,
         "the studio's title for the satchel")
    check(True, "Switch moves the studio to the satchel")
    wait_for("the label photo to leave the coat", lambda: not show(coat)["photos"], 20)
    check(show(coat)["photos"] == [], "the label photo is gone from the coat (resell-cli show)")
    check(os.path.exists(label_file), "its original file is still on disk: %s" % label_file)
    check(wait_for("the bar to go", lambda: not offers_shown(app), 10), "the bar is gone")
    label(app, lambda t: t == "Ready", 30, "the camera ready again")
    time.sleep(1.0)

    # The satchel's first photo is its own label: no offer.
    load_card(satchel_label)
    click(button(app, "Capture", 30, enabled=True))
    mine = wait_for("the first photo in the satchel", lambda: show(satchel)["photos"], 60)
    check(mine[0]["sha256"] == sha256(satchel_label), "the next photo lands in the satchel")
    label(app, lambda t: t.startswith("Label recognised"), 30, "the note that the label is the item's own")
    check(True, "the satchel's own label is recognised")
    time.sleep(1.0)
    check(not offers_shown(app), "no bar offers a switch for the item's own label")
    check(len(show(satchel)["photos"]) == 1, "the own-label photo stays in the satchel")

    # Only the first photo of a shoot is read: the coat's label as the
    # satchel's second photo is just a photo.
    label(app, lambda t: t == "1 of 2", 30, "the studio showing 1 of 2")
    capture_into(app, satchel, coat_labels[0], 2)
    check(no_offer_for(app, 8), "a label on the second photo of a shoot offers nothing")
    label(app, lambda t: t == "2 of 2", 30, "the studio showing 2 of 2")

    # The shot list is complete: the next photo is the next item's label.
    capture_into(app, satchel, coat_labels[1], 3)
    offer = label(app, lambda t: t.startswith("This photo shows the label of ") and coat in t, 60,
                  "the offer for the coat")
    check(COAT in name(offer), "after the last shot of the list, the next item's label is offered: %r" % name(offer))
    press(0xff1b)  # Escape: Keep Shooting Here
    check(wait_for("the bar to go", lambda: not offers_shown(app), 10), "Escape keeps shooting here and closes the bar")
    check(len(show(satchel)["photos"]) == 3 and show(coat)["photos"] == [],
          "the photo stays in the satchel; the coat gets nothing")
    check(find(app, lambda n: role(n) == "label" and name(n) == "Shoot — " + SATCHEL and showing(n), 5) is not None,
          "the studio is still on the satchel")

    # Back leads to the item the studio is on now.
    time.sleep(0.5)
    press(0xff1b)  # Escape
    title_entry = entry(app, "Title", 20)
    wait_for("the satchel's page", lambda: text_of(title_entry) == SATCHEL, 15)
    check(True, "Escape goes back to the satchel's page")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        check(False, str(e))
    sys.exit(summary())
