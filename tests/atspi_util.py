"""What the UI tests share: TAP-style checks, and finding and driving the
app's widgets through the accessibility tree (AT-SPI) as a person would.

Imported by tests/test-ui*.py, which tests/run-ui-test.sh runs with
/usr/bin/python3 inside Xvfb and a private D-Bus session.  Python puts a
script's own folder first on sys.path, so this module is found from any
build directory; run-ui-test.sh keeps the bytecode out of the source tree.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

# The *_iface getters are deprecated in newer pyatspi but are what 2.46 has.
warnings.filterwarnings("ignore", category=DeprecationWarning)

# The app under test and a private folder for the test's files, from
# run-ui-test.sh.
APP = os.environ["RESELL_APP"]
WORK = os.environ["RESELL_TEST_WORK"]
# The app's catalog folder, and the CLI the tests make their items with.
DATA = os.environ["RESELL_DATA_DIR"]
CLI = os.path.join(os.environ["RESELL_BUILD_DIR"], "src", "cli", "resell-cli")

failures = 0
checks = 0


def check(ok, what):
    """One TAP line: "ok N - what" or "not ok N - what"."""
    global failures, checks
    checks += 1
    print(("ok %d - " if ok else "not ok %d - ") % checks + what, flush=True)
    if not ok:
        failures += 1
    return ok


def summary():
    """Prints the count of checks and returns the script's exit status."""
    print("%d passed, %d failed" % (checks - failures, failures))
    # A script whose checks never ran has shown nothing: that is a failure,
    # not a pass (a body that is skipped must not look green).
    if checks == 0:
        print("not ok - no check ran")
        return 1
    return 1 if failures else 0


# The accessibility tree

def walk(node, depth=0, limit=60):
    if node is None or depth > limit:
        return
    yield node
    try:
        n = node.get_child_count()
    except Exception:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, limit)


def role(node):
    try:
        return node.get_role_name()
    except Exception:
        return ""


def name(node):
    """The accessible name.  GTK 4.8 names a button with a text label by its
    label and then its child label's text again ("Import Import"), so a name
    made of one text twice counts as that text."""
    try:
        text = node.get_name() or ""
    except Exception:
        return ""
    half = len(text) // 2
    if len(text) % 2 == 1 and text[half] == " " and text[:half] == text[half + 1:]:
        return text[:half]
    return text


def showing(node):
    """On screen now.  GTK 4.8 sets no SHOWING state, but widgets that are
    not mapped (a hidden stack page) report empty extents."""
    try:
        if node.get_state_set().contains(Atspi.StateType.SHOWING):
            return True
        comp = node.get_component_iface()
        if comp is None:
            return False
        e = comp.get_extents(Atspi.CoordType.WINDOW)
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def has_action(node):
    try:
        action = node.get_action_iface()
        return action is not None and action.get_n_actions() > 0
    except Exception:
        return False


def sensitive(node):
    try:
        return node.get_state_set().contains(Atspi.StateType.SENSITIVE)
    except Exception:
        return False


def find(root, pred, timeout=15.0, what="widget"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for node in walk(root):
            try:
                if pred(node):
                    return node
            except Exception:
                pass
        time.sleep(0.2)
    raise AssertionError("not found: " + what)


def find_app(timeout=30.0):
    desktop = Atspi.get_desktop(0)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and name(app).lower() == "resell":
                return app
        time.sleep(0.3)
    raise AssertionError("the app never showed up on the accessibility bus")


def button(root, label, timeout=15.0, enabled=False):
    # A GtkMenuButton shows as two nested buttons of one name; the inner one
    # is the one that can be pressed.
    return find(root, lambda n: role(n) in ("push button", "toggle button", "button")
                and name(n) == label and showing(n) and has_action(n)
                and (not enabled or sensitive(n)), timeout, "button " + label)


def label(root, pred, timeout=15.0, what="label"):
    return find(root, lambda n: role(n) == "label" and showing(n) and pred(name(n)), timeout, what)


def entry(root, text, timeout=15.0):
    """A text field, found by its accessible name or by the label beside it."""
    def pred(n):
        if role(n) not in ("text", "entry", "password text") or not showing(n):
            return False
        if name(n) == text:
            return True
        for rel in n.get_relation_set() or []:
            if rel.get_relation_type() == Atspi.RelationType.LABELLED_BY:
                for j in range(rel.get_n_targets()):
                    if name(rel.get_target(j)) == text:
                        return True
        # AdwEntryRow: the row's title is a sibling label inside the row
        parent = n.get_parent()
        for _ in range(3):
            if parent is None:
                break
            for k in range(parent.get_child_count()):
                sib = parent.get_child_at_index(k)
                if role(sib) == "label" and name(sib) == text:
                    return True
            parent = parent.get_parent()
        return False
    return find(root, pred, timeout, "text field " + text)


def text_of(node):
    t = node.get_text_iface()
    return t.get_text(0, t.get_character_count()) if t else ""


# Acting on it

def click(node):
    action = node.get_action_iface()
    assert action is not None, "no action on " + name(node)
    action.do_action(0)


def wait_for(cond, timeout=15.0, what="the app to respond"):
    """Waits until @cond() is true; fails the test with a clear message
    when it is still false after @timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if cond():
                return
        except Exception:
            pass
        if time.monotonic() >= deadline:
            raise AssertionError("timed out after %gs waiting for %s" % (timeout, what))
        # Each look walks the app's accessibility tree; GTK 4.8 answers a
        # walk that meets a widget being added with a broken reference and
        # crashes, so look a few times a second, not twenty.
        time.sleep(0.25)


def _then(until, what, timeout):
    if until is not None:
        wait_for(until, timeout, what)


def type_text(text, until=None, what="the typed text to land", timeout=15.0):
    """Types @text; with @until, waits for what it should have done."""
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)
    _then(until, what, timeout)


def press(keysym, until=None, what="the key to take effect", timeout=15.0):
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    _then(until, what, timeout)


def press_alt(keysym, until=None, what="Alt and the key to take effect", timeout=15.0):
    """@keysym with Alt (Mod1) held: the modifier is locked around it (the
    registry sends the three in order on one X connection)."""
    Atspi.generate_keyboard_event(8, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    Atspi.generate_keyboard_event(8, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    _then(until, what, timeout)


def press_shift(keysym, until=None, what="Shift and the key to take effect", timeout=15.0):
    """@keysym with Shift held: the modifier is locked around it."""
    Atspi.generate_keyboard_event(1, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    Atspi.generate_keyboard_event(1, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    _then(until, what, timeout)


def set_text(node, text):
    """Sets a text field's contents and waits until it holds them."""
    editable = node.get_editable_text_iface()
    if editable is None or not editable.set_text_contents(text):
        node.get_component_iface().grab_focus()
        wait_for(lambda: has_state(node, Atspi.StateType.FOCUSED), 15.0,
                 "the text field %r to take the focus" % name(node))
        type_text(text)
    wait_for(lambda: text_of(node) == text, 15.0, "the text field to hold %r" % text)


def stop_app(proc, timeout=10):
    """Ends the app started as @proc: SIGTERM, and SIGKILL when it is still
    there after @timeout seconds."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


# States, values and other windows

def has_state(node, state):
    try:
        return node.get_state_set().contains(state)
    except Exception:
        return False


def checked(node):
    """A switch or check box is on."""
    return has_state(node, Atspi.StateType.CHECKED)


def focused(node):
    return has_state(node, Atspi.StateType.FOCUSED)


def description(node):
    try:
        return node.get_description() or ""
    except Exception:
        return ""


def value_of(node):
    """The current value of a slider (the AT-SPI Value interface)."""
    return node.get_value_iface().get_current_value()


def set_value(node, value):
    """Sets a slider through the AT-SPI Value interface, as a screen
    reader's user would; True when the app took it."""
    return node.get_value_iface().set_current_value(value)


def toplevel(app, title, timeout=15.0):
    """A window of the app by its title (dialogs are toplevels of their own)."""
    return find(app, lambda n: n.get_parent() == app and name(n) == title, timeout,
                "window " + title)


def gone(app, title, timeout=10.0, remaining=1):
    """Waits for the app's window @title to close; True when it did.  It
    counts the app's windows until no more than @remaining are left, and
    only then reads their names: GTK 4.8 answers a question about a window
    it is destroying with a broken reference and the app crashes (see
    run-ui-test.sh), and the count asks about no window."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            count = app.get_child_count()
        except Exception:
            count = None
        if count is not None and count <= remaining:
            try:
                names = [name(app.get_child_at_index(i)) for i in range(count)]
            except Exception:
                names = []
            return title not in names
        time.sleep(0.2)
    return False


# Setting up items with the CLI, and reading what the app stored

def cli(*args):
    """Runs resell-cli with @args and returns what it printed; a failure
    raises."""
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def cli_json(*args):
    """Runs resell-cli with @args and --json, and returns the parsed output."""
    return json.loads(cli(*args, "--json"))


def query(sql, args=()):
    """The rows of @sql run on the app's catalog."""
    db = sqlite3.connect(os.path.join(DATA, "catalog.db"))
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def label_named(app, text, timeout=15.0):
    return find(app, lambda n: role(n) == "label" and showing(n) and name(n) == text, timeout,
                "label " + text)


def label_containing(app, text, timeout=15.0):
    return find(app, lambda n: role(n) == "label" and showing(n) and text in name(n), timeout,
                "label with " + text)


# Running a test

def with_app(shot, body):
    """Starts the app, runs @body and checks the app survived it.  On a
    failed check the screen is saved as @shot-failure.png in
    $RESELL_UI_SCREENSHOT_DIR (when set), to see what the window showed."""
    proc = subprocess.Popen([APP], env=dict(os.environ))
    try:
        before = checks
        body()
        # A window part that checked nothing has shown nothing.
        check(checks > before, "the window part made its checks")
        check(proc.poll() is None, "the app is still running")
    except AssertionError:
        shots = os.environ.get("RESELL_UI_SCREENSHOT_DIR")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, shot + "-failure.png")])
        raise
    finally:
        stop_app(proc)


def test_main(main):
    """Runs a test's @main and exits with the TAP summary; an error becomes
    a failed check rather than a traceback only."""
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

# The virtual camera's card (tests/vcamera), for the studio tests

VCAMERA = os.path.join(os.environ.get("RESELL_BUILD_DIR", ""), "vcamera")
CARD_DIR = os.path.join(VCAMERA, "store", "DCIM", "100NIKON")


def pad_jpeg(path, size):
    """Makes the JPEG at @path exactly @size bytes with comment segments:
    the virtual camera reads a file's size when the camera is opened."""
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


def card_file():
    return os.path.join(CARD_DIR, sorted(n for n in os.listdir(CARD_DIR) if n.upper().endswith(".JPG"))[0])


def load_card(picture):
    tmp = os.path.join(CARD_DIR, ".next.tmp")
    shutil.copyfile(picture, tmp)
    os.replace(tmp, card_file())
