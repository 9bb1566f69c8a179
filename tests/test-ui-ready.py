#!/usr/bin/python3
"""The grade, price and payout in the browser's list, the grade filter, and
the ready rule on the item page, used as a seller would: through the
accessibility tree.

Makes two handbags with resell-cli: "Tabby 26", not graded and without a
price, and "Saddle bag", its whole checklist answered (Excellent) and an
asking price of 125.00 USD.  Starts the app and shows the list: the Saddle
bag's row shows Excellent, $125.00 and a payout; the Tabby's row shows
dashes.  The grade filter set to Excellent leaves only the Saddle bag.
Then the Tabby is opened and Ready picked in its State row: the row says
what is missing (no grade, no asking price), goes back to Draft, and the
catalog keeps it a draft.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import time

from atspi_util import (
    Atspi,
    button,
    check,
    cli,
    click,
    find,
    find_app,
    label_named,
    name,
    press,
    query,
    role,
    showing,
    test_main,
    text_of,
    wait_for,
    with_app,
)

UNGRADED = "Tabby 26"
GRADED = "Saddle bag"
ALL_ANSWERED = ["used=few-times", "shape=as-new", "lining=clean", "hardware-works=all",
                "handles=like-new", "odour=no", "extras=all"]
MISSING = "Not ready yet: no grade (answer the condition checklist or set a grade), no asking price."


def labels_showing(app, text):
    found = []

    def walk(node, depth=0):
        if node is None or depth > 60:
            return
        if role(node) == "label" and name(node) == text and showing(node):
            found.append(node)
        for i in range(node.get_child_count()):
            walk(node.get_child_at_index(i), depth + 1)

    walk(app)
    return found


def scroll_into_view(app, node):
    window = app.get_child_at_index(0)
    w = window.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    for _ in range(60):
        e = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
        if e.y > w.y + 80 and e.y + e.height < w.y + w.height - 20:
            return
        Atspi.generate_mouse_event(w.x + w.width // 2, w.y + w.height // 2,
                                   "b5c" if e.y > w.y + 80 else "b4c")
        time.sleep(0.1)


def pick_in_dropdown(app, dropdown_name, entry, downs):
    combo = find(app, lambda n: role(n) == "combo box" and name(n) == dropdown_name and showing(n), 15,
                 dropdown_name)
    scroll_into_view(app, combo)
    e = combo.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width - 20, e.y + e.height // 2, "b1c")
    find(app, lambda n: name(n) == entry and showing(n), 15, "the %s popup" % dropdown_name)
    for _ in range(abs(downs)):
        press(0xff54 if downs > 0 else 0xff52)  # Down or Up
    press(0xff0d)  # Return
    return combo


def run(graded_sku, ungraded_sku):
    app = find_app()

    # The list view: Grade, Price and Payout columns.
    find(app, lambda n: role(n) == "label" and name(n) == UNGRADED and showing(n), 30, "item card")
    click(button(app, "Show as List"))
    label_named(app, "Grade", 15)
    check(label_named(app, "Price") is not None and label_named(app, "Payout") is not None,
          "the list has Grade, Price and Payout columns")
    check(label_named(app, "Excellent") is not None, "the graded item's row shows its grade")
    check(label_named(app, "$125.00") is not None, "the priced item's row shows its asking price")
    wait_for(lambda: len(labels_showing(app, "—")) >= 3, 10, "dashes in the other row")
    check(len(labels_showing(app, "—")) >= 3,
          "the item without grade or price shows dashes (grade, price, payout)")
    # The payout at 125.00 USD with the shop's fees: less than the price,
    # more than nothing.
    payouts = [name(n) for n in labels_showing_prefix(app, "$") if name(n) != "$125.00"]
    check(len(payouts) == 1, "the priced item's row shows a payout: %r" % payouts)

    # The grade filter: "All grades", "Not graded", then the scale; Excellent is the 7th.
    click(button(app, "Search and Filter"))
    pick_in_dropdown(app, "Filter by grade", "Not graded", 6)
    wait_for(lambda: not labels_showing(app, UNGRADED), 10, "the ungraded item to be filtered out")
    check(not labels_showing(app, UNGRADED) and labels_showing(app, GRADED),
          "filtering by Excellent leaves only the graded item")
    pick_in_dropdown(app, "Filter by grade", "Not graded", -6)  # back to "All grades"
    wait_for(lambda: labels_showing(app, UNGRADED), 10, "all items again")

    # The ready rule on the item page.
    click(button(app, "Show as Grid"))
    card = find(app, lambda n: role(n) == "label" and name(n) == UNGRADED and showing(n), 30, "item card")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")

    pick_in_dropdown(app, "State", "Ready", 1)
    message = find(app, lambda n: role(n) == "label" and showing(n) and name(n) == MISSING, 15,
                   "the missing-things message")
    check(message is not None, "picking Ready says what is missing: %r" % MISSING)
    state = find(app, lambda n: role(n) == "combo box" and name(n) == "State" and showing(n), 10, "State")
    wait_for(lambda: labels_in(state, "Draft"), 10, "the State row back on Draft")
    check(labels_in(state, "Draft"), "the State row goes back to Draft")
    time.sleep(1.5)  # the page saves after a short delay
    rows = query("SELECT state FROM items WHERE sku = ?", (ungraded_sku,))
    check(rows == [("draft",)], "the catalog keeps the item a draft: %r" % rows)


def labels_in(node, text, depth=0):
    if node is None or depth > 20:
        return False
    if role(node) == "label" and name(node) == text:
        return True
    return any(labels_in(node.get_child_at_index(i), text, depth + 1) for i in range(node.get_child_count()))


def labels_showing_prefix(app, prefix):
    found = []

    def walk(node, depth=0):
        if node is None or depth > 60:
            return
        if role(node) == "label" and name(node).startswith(prefix) and showing(node):
            found.append(node)
        for i in range(node.get_child_count()):
            walk(node.get_child_at_index(i), depth + 1)

    walk(app)
    return found


def main():
    ungraded_sku = cli("add", "--category", "handbags", "--title", UNGRADED).splitlines()[0]
    graded_sku = cli("add", "--category", "handbags", "--title", GRADED).splitlines()[0]
    args = ["grade", graded_sku]
    for answer in ALL_ANSWERED:
        args += ["--answer", answer]
    cli(*args)
    cli("price", graded_sku, "--set", "125.00", "--currency", "USD")
    check(query("SELECT grade FROM items WHERE sku = ?", (graded_sku,)) == [("excellent",)],
          "the CLI stores the grade of the graded item")

    with_app("ui-ready", lambda: run(graded_sku, ungraded_sku))


if __name__ == "__main__":
    test_main(main)
