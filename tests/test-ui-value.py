#!/usr/bin/python3
"""The item page's value panel, used as a seller would: through the
accessibility tree.

Adds six comparable sales of a Coach Tabby with resell-cli and a consigned
Tabby to sell; starts the app and opens the item.  The panel must show the
sentence saying how the price was reached, the suggested price the CLI
computes from the same catalog, and the comps used.  "Use Suggested" stores
that price on the item; an asking price typed in and applied is stored too,
and the expected payout and the consignor's share follow it, as the CLI
computes them.  The price is for the item's own grade: the sentence names
it, and answering the condition checklist in the same page (the bag used
only a few times: Excellent) brings a new sentence for the new grade.
The item menu's Save Condition Report… then writes a page with that grade,
its condition text and the asking price.

Run by tests/run-ui-test.sh inside Xvfb and a private D-Bus session.
"""
import json
import os
import sqlite3
import time

from atspi_util import (
    Atspi,
    button,
    check,
    cli,
    click,
    DATA,
    entry,
    find,
    find_app,
    focused,
    has_state,
    name,
    press,
    role,
    set_text,
    showing,
    test_main,
    text_of,
    wait_for,
    walk,
    with_app,
    WORK,
)

TITLE = "Tabby 26 in chalk"
RETURN = 0xff0d
PRICES = ["350", "360", "340", "370", "355", "365"]


def asking_price(sku):
    db = sqlite3.connect(os.path.join(DATA, "catalog.db"), timeout=10)
    try:
        return db.execute("SELECT list_price_minor, list_price_currency FROM items WHERE sku = ?",
                          (sku,)).fetchone()
    finally:
        db.close()


def grade_json(sku):
    return json.loads(cli("grade", sku, "--json"))


def scroll_into_view(app, node):
    window = app.get_child_at_index(0)
    w = window.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    for _ in range(60):
        e = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
        if e.y > w.y + 80 and e.y + e.height < w.y + w.height - 20:
            return e
        Atspi.generate_mouse_event(w.x + w.width // 2, w.y + w.height // 2,
                                   "b5c" if e.y > w.y + 80 else "b4c")
        time.sleep(0.1)
    return node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)


def sentence_with(app, text, what):
    return find(app, lambda n: role(n) == "label" and showing(n) and text in name(n), 30, what)


def dollars(minor):
    return "$%d.%02d" % (minor // 100, minor % 100)


def label_named(app, text, what):
    return find(app, lambda n: role(n) == "label" and name(n) == text and showing(n), 30, what)


def run(sku):
    app = find_app()

    card = find(app, lambda n: role(n) == "label" and name(n) == TITLE and showing(n), 30, "item card")
    e = card.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")

    hint = json.loads(cli("price", sku, "--json"))
    suggested = hint["suggested"]["minor"]
    find(app, lambda n: role(n) == "label" and showing(n) and name(n).startswith("6 sales of Coach Tabby"),
         30, "the sentence saying how the price was reached")
    check(True, "the panel says how the price was reached: %s" % hint["sentence"])
    label_named(app, dollars(suggested), "the suggested price %s" % dollars(suggested))
    check(True, "the panel shows the suggested price the CLI computes (%s)" % dollars(suggested))
    label_named(app, "6 sales", "the count of comps used")
    check(True, "the comps used are listed")

    click(button(app, "Use Suggested", enabled=True))
    wait_for(lambda: asking_price(sku) == (suggested, "USD"), 20, "the suggested price to be stored")
    check(True, "Use Suggested stores the suggested price on the item")

    asking = entry(app, "Asking price")
    set_text(asking, "420.00")
    click(button(app, "Set Price", enabled=True))
    wait_for(lambda: asking_price(sku) == (42000, "USD"), 20, "the asking price to be stored")
    check(True, "an asking price typed and applied is stored on the item")

    payout = json.loads(cli("price", sku, "--json"))["payout"]
    check(payout["price"]["minor"] == 42000, "the CLI sees the stored asking price")
    label_named(app, dollars(payout["seller"]["minor"]), "the expected payout")
    label_named(app, dollars(payout["consignor"]["minor"]), "the consignor's share")
    check(True, "the expected payout (%s) and the consignor's share (%s) follow the asking price"
          % (dollars(payout["seller"]["minor"]), dollars(payout["consignor"]["minor"])))

    # Nothing answered yet: the category's default grade, Good.
    sentence_with(app, "Priced for the item’s grade, Good.", "the sentence naming the grade Good")
    check(True, "the sentence names the item's grade the price is for (Good)")

    # "Has the bag been used?" → "Used a few times" in the condition panel.
    combo = find(app, lambda n: role(n) == "combo box" and name(n) == "Has the bag been used?"
                 and showing(n), 10, "the checklist's first question")
    e = scroll_into_view(app, combo)
    Atspi.generate_mouse_event(e.x + e.width - 40, e.y + e.height // 2, "b1c")
    find(app, lambda n: name(n) == "Used a few times" and showing(n), 15, "the answers popup")
    # Not answered → Never used, tags attached → Never used, no tags → Used a few times
    for _ in range(3):
        press(0xff54)  # Down
    press(RETURN)
    wait_for(lambda: grade_json(sku)["answers"].get("used") == "few-times", 15, "the answer to be stored")
    sentence_with(app, "Priced for the item’s grade, Excellent.", "the sentence for the new grade")
    check(True, "the value panel follows a grade changed in the condition panel (Excellent)")

    # Save Condition Report… as a web page typed into the chooser.
    report = os.path.join(WORK, "report.html")
    click(button(app, "Item Menu"))
    click(find(app, lambda n: role(n) == "menu item" and name(n) == "Save Condition Report…" and showing(n),
               10, "the Save Condition Report… menu item"))
    chooser = find(app, lambda n: n.get_parent() == app and name(n) == "Save Condition Report", 15,
                   "the report's file chooser")
    wait_for(lambda: any(focused(n) for n in walk(chooser)), 15, "the chooser to take the keyboard focus")
    # The name field holds "SKU condition report.pdf" with the name part
    # selected; the whole path is set in its place.
    name_field = find(chooser, lambda n: role(n) == "text" and name(n) == "Name:", 10, "the chooser's name field")
    set_text(name_field, report)
    wait_for(lambda: text_of(name_field) == report, 15, "the report's path in the chooser")
    # GTK 4.8 names a button with a mnemonic "_Save Save".
    click(find(chooser, lambda n: role(n) in ("push button", "button") and showing(n)
               and name(n) in ("Save", "_Save Save"), 10, "the chooser's Save button"))
    wait_for(lambda: os.path.exists(report), 60, "the report to be written")
    with open(report, encoding="utf-8") as f:
        html = f.read()
    check('<p class="grade">Excellent</p>' in html and "Used only a few times." in html
          and "Asking price $420.00" in html,
          "the saved report carries the item's grade, its condition text and the asking price")


def main():
    for i, price in enumerate(PRICES):
        cli("comps", "add", "--category", "handbags", "--brand", "Coach", "--model", "Tabby",
            "--price", price, "--currency", "USD", "--sold", "2026-11-%02d" % (10 + i))
    sku = cli("add", "--category", "handbags", "--brand", "Coach", "--model", "Tabby",
              "--title", TITLE, "--consignor", "Ann Smith").splitlines()[0]

    with_app("ui-value", lambda: run(sku))


if __name__ == "__main__":
    test_main(main)
