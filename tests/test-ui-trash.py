#!/usr/bin/python3
"""The app empties the trash of what was deleted more than 30 days ago.

Makes a catalog with resell-cli holding two items in the trash, one deleted
31 days ago and one 29 days ago, each with a photo in its folder; starts the
app on it and waits for the old one, row and folder, to go while the recent
one stays.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import time

from atspi_util import (
    APP,
    check,
    CLI,
    DATA,
    stop_app,
    summary,
)

DAY_USEC = 24 * 60 * 60 * 1000000


def add_trashed_item(title, days_ago):
    sku = subprocess.run([CLI, "add", "--category", "handbags", "--title", title],
                         check=True, capture_output=True, text=True).stdout.splitlines()[0]
    originals = os.path.join(DATA, "items", sku, "originals")
    os.makedirs(originals)
    with open(os.path.join(originals, "front.jpg"), "wb") as f:
        f.write(b"not really a JPEG")
    db = sqlite3.connect(os.path.join(DATA, "catalog.db"))
    with db:
        db.execute("UPDATE items SET trashed_at = ? WHERE sku = ?",
                   (int(time.time() * 1000000) - days_ago * DAY_USEC, sku))
    db.close()
    return sku


def item_rows(sku):
    db = sqlite3.connect(os.path.join(DATA, "catalog.db"))
    try:
        return db.execute("SELECT count(*) FROM items WHERE sku = ?", (sku,)).fetchone()[0]
    finally:
        db.close()


def main():
    old = add_trashed_item("Deleted long ago", 31)
    recent = add_trashed_item("Deleted lately", 29)
    old_dir = os.path.join(DATA, "items", old)
    recent_dir = os.path.join(DATA, "items", recent)

    proc = subprocess.Popen([APP], env=dict(os.environ))
    try:
        deadline = time.monotonic() + 30
        gone = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                gone = item_rows(old) == 0 and not os.path.exists(old_dir)
            except sqlite3.Error:
                pass
            if gone:
                break
            time.sleep(0.2)
        check(gone, "the item deleted 31 days ago left the trash with its folder")
        check(proc.poll() is None, "the app is still running")
    finally:
        stop_app(proc)

    check(item_rows(recent) == 1 and os.path.exists(os.path.join(recent_dir, "originals", "front.jpg")),
          "the item deleted 29 days ago is still in the trash with its photo")


if __name__ == "__main__":
    if shutil.which(CLI) is None:
        print("FAIL: %s not found: build it first" % CLI)
        sys.exit(1)
    try:
        main()
    except Exception as e:  # noqa: BLE001
        check(False, "unexpected error: %r" % (e,))
    sys.exit(summary())
