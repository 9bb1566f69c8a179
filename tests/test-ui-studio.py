#!/usr/bin/python3
"""The studio, used as a photographer would: through the accessibility tree,
with libgphoto2's virtual camera (a Nikon over a virtual USB port, real PTP
driver) built by tests/vcamera/build-vcamera into $RESELL_BUILD_DIR/vcamera.

Creates an item in a small test category, opens the studio with the Shoot
button, waits for the camera, captures every shot of the list (button and
Space), then retakes one, and takes a blurred photo to see the failed check.
The catalog on disk is checked after each step.

The virtual camera "shoots" by copying the first JPEG of its card, read at
download time: the card's file is replaced before every capture, so each
photo is a different picture (identical bytes would be one photo).

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import hashlib
import json
import os
import random
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
    click,
    entry,
    find,
    find_app,
    has_action,
    label,
    name,
    press,
    press_alt,
    role,
    set_text,
    showing,
    stop_app,
    summary,
    WORK,
)

BUILD = os.environ.get("RESELL_BUILD_DIR", "")
VCAMERA = os.path.join(BUILD, "vcamera")
CARD_DIR = os.path.join(VCAMERA, "store", "DCIM", "100NIKON")
TITLE = "Tan leather satchel"

# A category of its own with a short shot list, named to sort first so a
# new item gets it.
CATEGORY = {
    "version": 1,
    "id": "studio-test",
    "name": "A studio test",
    "icon": "package-x-generic-symbolic",
    "sku_code": "STU",
    "shots": [
        {"id": "front", "label": "Front", "guidance": "The whole item, centred.",
         "required": True, "backdrop": "white"},
        {"id": "back", "label": "Back", "guidance": "Turned round, same framing.",
         "required": True, "backdrop": "white"},
        {"id": "label", "label": "Brand label", "guidance": "Straight on and readable.",
         "required": False, "backdrop": "any"},
        {"id": "detail", "label": "Hardware", "guidance": "Buckles and zips close up.",
         "required": False, "backdrop": "any"},
    ],
    "checklist": [{"id": "odour", "question": "Any smell?", "answers": ["No", "Yes"]}],
    "flaws": [{"id": "scuff", "label": "Scuff", "description": ""}],
}
SLOTS = [s["id"] for s in CATEGORY["shots"]]


# The catalog on disk

def catalog():
    return sqlite3.connect(os.path.join(os.environ["RESELL_DATA_DIR"], "catalog.db"), timeout=10)


def query(sql, *args):
    try:
        db = catalog()
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return []


def wait_for(what, fn, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out waiting for " + what)


def slot_photos():
    """slot → (id, sha256, path, checks) of the one item's photos."""
    rows = query("SELECT slot, id, sha256, path, checks FROM photos ORDER BY position")
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def stored_path(path):
    return os.path.join(os.environ["RESELL_DATA_DIR"], path)


# Pictures

def make_picture(path, seed, blurred=False):
    """A sharp, textured object on a light backdrop (the checks pass), or
    the same blurred (the sharpness check fails).  2000 × 1333 px."""
    rnd = random.Random(seed)
    hue = rnd.randint(0, 359)
    ox, oy = rnd.randint(500, 700), rnd.randint(250, 380)
    ow, oh = rnd.randint(700, 900), rnd.randint(550, 700)
    # A plasma of colour under a fine pattern: detail the sharpness check
    # finds at its reduced size, and no clipped whites or blacks.
    cmd = ["convert", "-size", "2000x1333", "xc:#f3f3f3",
           "(", "-size", "%dx%d" % (ow, oh), "-seed", str(seed),
           "plasma:hsl(%d,60%%,55%%)-hsl(%d,50%%,40%%)" % (hue, (hue + 40) % 360),
           "(", "-size", "%dx%d" % (ow, oh), "pattern:hexagons", "-auto-level", "-negate", ")",
           "-compose", "screen", "-composite", ")",
           "-geometry", "+%d+%d" % (ox, oy), "-compose", "over", "-composite",
           "-fill", "#202020", "-pointsize", "72", "-annotate", "+%d+%d" % (ox + 40, oy + 120),
           "RS-%04d" % seed]
    if blurred:
        cmd += ["-blur", "0x14"]
    cmd += ["-quality", "90", path]
    subprocess.run(cmd, check=True)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def pad_jpeg(path, size):
    """Makes the JPEG at @path exactly @size bytes with comment segments
    after its start marker: the virtual camera reads a file's size when
    the camera is opened, and its bytes at each download."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:2] == b"\xff\xd8" and len(data) + 8 <= size
    missing = size - len(data)
    segments = b""
    while missing > 0:
        total = missing if missing <= 65537 else 60000
        segments += b"\xff\xfe" + (total - 2).to_bytes(2, "big") + b"\0" * (total - 4)
        missing -= total
    with open(path, "wb") as f:
        f.write(data[:2] + segments + data[2:])
    assert os.path.getsize(path) == size


def load_card(picture):
    """Puts @picture on the virtual camera's card as its first JPEG."""
    first = sorted(n for n in os.listdir(CARD_DIR) if n.upper().endswith(".JPG"))[0]
    tmp = os.path.join(CARD_DIR, ".next.tmp")
    shutil.copyfile(picture, tmp)
    os.replace(tmp, os.path.join(CARD_DIR, first))


def main():
    # A missing tool or fixture is a failure, never a skip.
    if not os.path.exists(os.path.join(VCAMERA, "iolibs", "vusb.so")):
        print("FAIL: no virtual camera in %s; meson test builds it with tests/vcamera/build-vcamera" % VCAMERA)
        sys.exit(1)
    if shutil.which("convert") is None:
        print("FAIL: ImageMagick's convert is not installed (build-aux/install-deps installs it)")
        sys.exit(1)

    categories = os.path.join(WORK, "categories")
    os.makedirs(categories)
    with open(os.path.join(categories, "studio-test.json"), "w") as f:
        json.dump(CATEGORY, f)

    pictures = os.path.join(WORK, "pictures")
    os.makedirs(pictures)
    good = []
    for i in range(len(SLOTS) + 1):
        path = os.path.join(pictures, "good%d.jpg" % i)
        good.append((path, make_picture(path, 1000 + i)))
    blurred = os.path.join(pictures, "blurred.jpg")
    make_picture(blurred, 2000, blurred=True)
    size = max(os.path.getsize(p) for p in [blurred] + [g[0] for g in good]) + 64
    for path in [blurred] + [g[0] for g in good]:
        pad_jpeg(path, size)
    good = [(path, hashlib.sha256(open(path, "rb").read()).hexdigest()) for path, _ in good]
    blurred_sha = hashlib.sha256(open(blurred, "rb").read()).hexdigest()

    # The card as build-vcamera made it is put back at the end.
    first = sorted(n for n in os.listdir(CARD_DIR) if n.upper().endswith(".JPG"))[0]
    saved_card = os.path.join(WORK, "card-original.jpg")
    shutil.copyfile(os.path.join(CARD_DIR, first), saved_card)
    # Every picture has this size, read by the camera when it is opened.
    load_card(blurred)

    env = dict(os.environ)
    env["IOLIBS"] = os.path.join(VCAMERA, "iolibs")
    env["RESELL_CATEGORIES_DIR"] = categories
    proc = subprocess.Popen([APP], env=env)
    try:
        run(good, blurred, blurred_sha)
    except AssertionError:
        shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "ui-studio-failure.png")])
        raise
    finally:
        stop_app(proc, 15)
        shutil.copyfile(saved_card, os.path.join(CARD_DIR, first))
        check(proc.returncode in (0, -15), "the app ran without crashing (exit %r)" % proc.returncode)

    # Again without any camera (libgphoto2 given no port drivers at all).
    env["IOLIBS"] = os.path.join(WORK, "no-ports")
    os.makedirs(env["IOLIBS"])
    proc = subprocess.Popen([APP], env=env)
    try:
        run_without_camera()
    finally:
        stop_app(proc, 15)
        check(proc.returncode in (0, -15), "the app ran without a camera, no crash (exit %r)" % proc.returncode)


def capture(app, picture, how):
    load_card(picture)
    if how == "button":
        click(button(app, "Capture", 30, enabled=True))
    else:
        press(0x20)  # space


def screenshot(name):
    shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
    if shots:
        time.sleep(1.0)
        subprocess.run(["import", "-window", "root", os.path.join(shots, name)])


def run(good, blurred, blurred_sha):  # noqa: C901 - one walk through the studio
    app = find_app()
    label(app, lambda t: t == "Add Your First Item", 30, "empty state")
    click(button(app, "New Item"))
    set_text(entry(app, "Title"), TITLE)
    item = wait_for("the new item in the catalog",
                    lambda: query("SELECT id, sku, category FROM items WHERE title = ?", TITLE), 20)
    check(item[0][2] == "studio-test", "the new item has the short test category: %r" % (item,))
    sku = item[0][1]

    # Into the studio with the Shoot button.
    click(button(app, "Shoot", 15, enabled=True))
    find(app, lambda n: role(n) == "label" and name(n).startswith("Shoot — ") and showing(n), 15,
         "the studio's title")
    check(True, "the Shoot button opens the studio")
    label(app, lambda t: t == "0 of %d" % len(SLOTS), 15, "0 of N")
    ready = label(app, lambda t: t == "Ready", 60, "the camera's state “Ready”")
    check(ready is not None, "the virtual camera connects and the studio says “Ready”")
    model = label(app, lambda t: "Nikon" in t or "D750" in t, 10, "the camera's model")
    check(model is not None, "the camera's model is shown: %r" % name(model))
    time.sleep(1.0)

    # Every shot of the list, in order: the list advances by itself.
    for i, slot in enumerate(SLOTS):
        picture, sha = good[i]
        capture(app, picture, "button" if i < 2 else "space")
        photos = wait_for("a photo in slot %s" % slot,
                          lambda: slot in slot_photos() and slot_photos()[slot][3] and slot_photos(), 60)
        check(photos[slot][1] == sha,
              "capture %d (%s) lands in shot “%s” with the card's bytes" % (i + 1, "button" if i < 2 else "Space", slot))
        # Let the studio take the photo in and move on before the next one.
        label(app, lambda t: t == "%d of %d" % (i + 1, len(SLOTS)), 30,
              "the studio showing %d of %d" % (i + 1, len(SLOTS)))
        time.sleep(0.5)

    photos = slot_photos()
    check(sorted(s for s in photos if s) == sorted(SLOTS),
          "every shot of the category has a photo: %r" % sorted(photos))
    all_checked = all(photos[s][3] and json.loads(photos[s][3]).get("passed") is True for s in SLOTS)
    check(all_checked, "every photo was checked on arrival and passed")
    originals = os.path.join(os.environ["RESELL_DATA_DIR"], "items", sku, "originals")
    check(all(os.path.exists(stored_path(photos[s][2])) and
              os.path.realpath(stored_path(photos[s][2])).startswith(os.path.realpath(originals))
              for s in SLOTS),
          "each photo is saved in the item's originals folder")
    check(label(app, lambda t: t == "%d of %d" % (len(SLOTS), len(SLOTS)), 10) is not None,
          "the studio says “%d of %d”" % (len(SLOTS), len(SLOTS)))
    screenshot("ui-studio-done.png")

    # Retake "Back": every shot is taken, so the list stays on the last one;
    # Up twice chooses Back, R arms the retake, Space shoots it.
    old_id, old_sha, old_path, _ = photos["back"]
    press(0xff52)  # Up
    press(0xff52)  # Up
    label(app, lambda t: t == "Turned round, same framing.", 10, "Back's guidance")
    check(True, "Up chooses the previous shot and its guidance shows")
    press(ord("r"))
    retake_note = label(app, lambda t: t.startswith("Retake:") and "Back" in t, 10, "the retake note")
    check(retake_note is not None, "R arms a retake of “Back”: %r" % name(retake_note))
    picture, new_sha = good[len(SLOTS)]
    capture(app, picture, "space")
    wait_for("the retake in the catalog", lambda: slot_photos().get("back", (0, ""))[1] == new_sha, 60)
    photos = slot_photos()
    check(photos["back"][1] == new_sha, "“Back” now holds the retake's bytes")
    check(not query("SELECT id FROM photos WHERE id = ?", old_id), "the old photo's row is gone")
    check(os.path.exists(stored_path(old_path)) and
          hashlib.sha256(open(stored_path(old_path), "rb").read()).hexdigest() == old_sha,
          "the old photo's file is still on disk, unchanged")
    check(len(query("SELECT id FROM photos")) == len(SLOTS), "still one photo per shot, no extra")

    # Alt+Up moves Back's photo before Front's in the listing's order.
    time.sleep(1.0)
    order = lambda: [r[0] for r in query("SELECT slot FROM photos ORDER BY position, id")]
    before = order()
    press_alt(0xff52)  # Alt+Up
    after = wait_for("the new photo order", lambda: order() if order() != before else None, 15)
    check(after.index("back") < after.index("front") and before.index("back") > before.index("front"),
          "Alt+Up moves the photo earlier in the item's order: %r → %r" % (before, after))
    positions = [r[0] for r in query("SELECT position FROM photos ORDER BY position")]
    check(len(set(positions)) == len(positions), "positions stay distinct: %r" % positions)

    # A blurred photo: the check fails, the studio says why and offers a retake.
    press(0xff54)  # Down: "Brand label"
    label(app, lambda t: t == "Straight on and readable.", 10, "Brand label's guidance")
    press(ord("r"))
    label(app, lambda t: t.startswith("Retake:") and "Brand label" in t, 10, "the retake note")
    capture(app, blurred, "space")
    wait_for("the blurred photo in the catalog", lambda: slot_photos().get("label", (0, ""))[1] == blurred_sha, 60)
    checks_json = json.loads(slot_photos()["label"][3])
    check(checks_json.get("passed") is False and not checks_json.get("sharp"),
          "the blurred photo's stored check failed on sharpness: %r" % checks_json.get("problems"))
    heading = label(app, lambda t: t == "This shot needs a retake", 20, "the failed check's heading")
    check(heading is not None, "the studio says the shot needs a retake")
    problem = label(app, lambda t: "blurred" in t, 10, "the problem sentence")
    check(problem is not None, "and says why: %r" % name(problem))
    # GTK 4.8 joins a button's accessible label and its text ("Retake Retake (R)").
    retake = find(app, lambda n: role(n) in ("push button", "button") and name(n).startswith("Retake")
                  and showing(n) and has_action(n), 10, "the Retake button")
    check(retake is not None, "a Retake button is offered: %r" % name(retake))
    check(label(app, lambda t: t.startswith("Retake:") and "Brand label" in t, 10) is not None,
          "the next photo is armed to replace the failed one")
    screenshot("ui-studio-failed.png")

    # The camera's own settings, read from it when the popover opens.
    click(button(app, "Camera Settings", 10))
    time.sleep(3.0)   # rows are made when the camera answers: do not walk into them
    setting = label(app, lambda t: t in ("Aperture", "Shutter Speed", "ISO", "White Balance", "Image Format"),
                    15, "a camera setting")
    check(setting is not None, "Camera Settings lists the camera's settings (%s…)" % name(setting))
    press(0xff1b)  # Escape closes the popover
    time.sleep(1.0)

    # Back to the item: its photos are there.
    press(0xff1b)  # Escape: cancels the armed retake
    press(0xff1b)  # Escape: back to the item
    find(app, lambda n: role(n) == "label" and name(n).startswith("Hardware photo") and showing(n)
         or (role(n) != "label" and name(n).startswith("Hardware photo")), 20, "the item page's photo tiles")
    check(True, "Escape goes back to the item page, which shows the new photos")


def run_without_camera():
    app = find_app()
    card = label(app, lambda t: t == TITLE, 30, "the item in the browser")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
    entry(app, "Title", 15)
    time.sleep(1.0)
    click(button(app, "Shoot", 15, enabled=True))
    message = label(app, lambda t: t.startswith("No camera found."), 30, "the no-camera message")
    check(message is not None, "without a camera the studio says so: %r" % name(message))
    check(button(app, "Import Photos…", 10) is not None, "and offers to import photos instead")
    check(label(app, lambda t: t == "%d of %d" % (len(SLOTS), len(SLOTS)), 10) is not None,
          "the shots taken before are all there: %d of %d" % (len(SLOTS), len(SLOTS)))
    screenshot("ui-studio-no-camera.png")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        check(False, str(e))
    sys.exit(summary())
