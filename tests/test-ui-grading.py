#!/usr/bin/python3
"""The item page's Condition section, used as a seller would: through the
accessibility tree.

Makes a handbag with two photos with resell-cli, answers "used a few times"
with `resell-cli grade`, and marks a major stain on the second photo in the
catalog (the flaw window is another part of the app; here the flaw is
written as it stores one).  Starts the app and opens the item: the grade
shown is Fair, the deciding rule is named beside it, the eBay condition is
PRE_OWNED_FAIR and the condition text names photo 2.  Then, in the window:
the checklist's "Is the lining clean and intact?" answered "Stains, ink or
tears" keeps Fair but is stored; Override… with a reason shows who
overrode it and the Clear Override button; clearing goes back; the
condition text edited and kept is marked "Edited" and stored, and
Regenerate brings the written text back.

A broken rules file of the seller's own for handbags is in place all along:
the app starts, says at once which file was skipped and on which line, and
the built-in rules grade.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import os
import sqlite3
import subprocess
import time

from atspi_util import (
    Atspi,
    button,
    check,
    CLI,
    cli_json,
    click,
    DATA,
    find,
    find_app,
    label_containing,
    label_named,
    name,
    press,
    query,
    role,
    sensitive,
    set_text,
    showing,
    test_main,
    text_of,
    wait_for,
    with_app,
    WORK,
)

TITLE = "Tabby 26"


def grade_json(sku):
    return cli_json("grade", sku)


def run(sku, broken):
    app = find_app()

    # The broken rules file is said at start, by file and line (the
    # mistake is on line 4), as a broken category file is.
    said = label_containing(app, "A grading rules file was skipped:", 30)
    check(text_of(said).startswith("A grading rules file was skipped: %s:4: " % broken)
          or name(said).startswith("A grading rules file was skipped: %s:4: " % broken),
          "the window says which rules file was skipped and on which line: %r" % name(said))

    card = find(app, lambda n: role(n) == "label" and name(n) == TITLE and showing(n), 30, "item card")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")

    # GTK 4.8 names a label by its text, whatever its accessible label.
    grade = label_named(app, "Fair", 30)
    check(grade is not None, "the item page shows the grade the flaw gives: Fair")
    reasons = label_containing(app, "caps the grade at")
    check(text_of(reasons).startswith("A stain bigger than a coin caps the grade at Fair."),
          "the deciding rule is named beside the grade: %r" % text_of(reasons))
    ebay = label_containing(app, "eBay condition")
    check(text_of(ebay) == "eBay condition: PRE_OWNED_FAIR", "the eBay condition is shown: %r" % text_of(ebay))
    text = find(app, lambda n: role(n) == "text" and name(n) == "Condition text" and showing(n), 10,
                "the condition text")
    wait_for(lambda: "see photo 2" in text_of(text), 10, "the condition text to name the photo")
    check("Large stain, see photo 2." in text_of(text),
          "the condition text names the flaw's photo: %r" % text_of(text))

    # The checklist: pick an answer in the lining question's popup.
    combo = find(app, lambda n: role(n) == "combo box" and name(n) == "Is the lining clean and intact?"
                 and showing(n), 10, "the lining question")
    # Scrolled into view with the mouse wheel over the page, then clicked.
    window = app.get_child_at_index(0)
    w = window.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    for _ in range(60):
        e = combo.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
        if e.y > w.y + 80 and e.y + e.height < w.y + w.height - 20:
            break
        Atspi.generate_mouse_event(w.x + w.width // 2, w.y + w.height // 2,
                                   "b5c" if e.y > w.y + 80 else "b4c")
        time.sleep(0.1)
    e = combo.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width - 40, e.y + e.height // 2, "b1c")
    find(app, lambda n: name(n) == "Light marks" and showing(n), 15, "the answers popup")
    # Not answered → Clean → Light marks → Stains, ink or tears
    for _ in range(3):
        press(0xff54)  # Down
    press(0xff0d)  # Return
    wait_for(lambda: grade_json(sku)["answers"].get("lining") == "stained", 15,
             "the answer to be stored")
    check(True, "an answer picked in the checklist is stored")

    # Override with a reason: who and when are shown, and it can be cleared.
    click(button(app, "Override…"))
    reason = find(app, lambda n: role(n) == "text" and name(n) == "Reason" and showing(n), 10, "reason field")
    set_text(reason, "Stain lifts with cleaning")
    # GTK 4.8 names a button with a mnemonic "_Override Override".
    click(find(app, lambda n: role(n) in ("push button", "button") and showing(n) and sensitive(n)
               and name(n) in ("Override", "_Override Override"), 15, "the dialog's Override button"))
    wait_for(lambda: grade_json(sku)["override"] is not None, 15, "the override to be stored")
    shown = label_containing(app, "Overridden by")
    check("Stain lifts with cleaning" in name(shown) or "Stain lifts with cleaning" in text_of(shown),
          "the override is shown with its reason")
    click(button(app, "Clear Override"))
    wait_for(lambda: grade_json(sku)["override"] is None, 15, "the override to be cleared")
    check(True, "Clear Override goes back to the rules' grade")

    # The condition text: an edit is kept and marked; Regenerate drops it.
    set_text(text, "Stain on the lining, see photo 2.")
    click(button(app, "Keep My Text", enabled=True))
    wait_for(lambda: grade_json(sku)["condition_text_edited"], 15, "the edited text to be stored")
    label_named(app, "Edited")
    check(grade_json(sku)["condition_text"] == "Stain on the lining, see photo 2.",
          "the seller's text is kept and marked Edited")
    click(button(app, "Regenerate", enabled=True))
    wait_for(lambda: not grade_json(sku)["condition_text_edited"], 15, "the edit to be dropped")
    wait_for(lambda: "Large stain, see photo 2." in text_of(text), 15, "the written text to come back")
    check(True, "Regenerate brings back the text written from the flaws")


def main():
    photos = os.path.join(WORK, "photos")
    os.makedirs(photos)
    front = os.path.join(photos, "front.jpg")
    lining = os.path.join(photos, "lining.jpg")
    subprocess.run(["vips", "black", front, "64", "48", "--bands", "3"], check=True)
    subprocess.run(["vips", "black", lining, "80", "60", "--bands", "3"], check=True)

    sku = subprocess.run([CLI, "add", "--category", "handbags", "--title", TITLE],
                         check=True, capture_output=True, text=True).stdout.splitlines()[0]
    subprocess.run([CLI, "import", sku, front, lining], check=True, capture_output=True, text=True)
    subprocess.run([CLI, "grade", sku, "--answer", "used=few-times"], check=True, capture_output=True)

    rows = query("SELECT p.id, p.item_id FROM photos p ORDER BY p.position")
    check(len(rows) == 2, "the two photos are imported")
    now = int(time.time() * 1000000)
    db = sqlite3.connect(os.path.join(DATA, "catalog.db"))
    with db:
        db.execute("INSERT INTO flaws (item_id, photo_id, type_id, severity, shape, x, y, created_at, updated_at)"
                   " VALUES (?, ?, 'stain', 'major', 'point', 0.5, 0.5, ?, ?)",
                   (rows[1][1], rows[1][0], now, now))
    db.close()
    check(grade_json(sku)["grade"] == "fair", "the CLI grades the item Fair from its flaw")

    # A broken rules file of the seller's own: the app still starts, and
    # the built-in rules of that category still grade.
    own = os.path.join(os.environ["XDG_DATA_HOME"], "resell", "grading")
    os.makedirs(own, exist_ok=True)
    broken = os.path.join(own, "handbags.json")
    with open(broken, "w") as f:
        f.write('{\n  "version": 1,\n  "category": "handbags",\n  "rules": [ oops ]\n}\n')

    with_app("ui-grading", lambda: run(sku, broken))


if __name__ == "__main__":
    test_main(main)
