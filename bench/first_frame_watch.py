#!/usr/bin/python3
"""Watches an X display for a window and says when it was mapped and when it first showed content (issue 20).

Polls every POLL seconds (default 0.01): first for a viewable window named NAME, then for the top BAND rows of it
with more than MIN_COLOURS colours (a window before its first frame is one colour; the menu bar's text has dozens).
Prints one JSON line with wall-clock times (time.time()):
  mapped          when the window was first seen viewable
  content_after   the reply of the first grab that showed content (an upper bound)
  content_before  the request of the last grab that was still blank (a lower bound; mapped if none was)
  blank_grabs     how many grabs were blank
Needs python3-xlib (Debian). Usage: first_frame_watch.py DISPLAY NAME [TIMEOUT_S]
"""
import json
import sys
import time

from Xlib import X, display

POLL = 0.01
BAND = 48
MIN_COLOURS = 16


def find(disp, name):
    stack = [disp.screen().root]
    while stack:
        w = stack.pop()
        try:
            if w.get_wm_name() == name and w.get_attributes().map_state == X.IsViewable:
                return w
            stack.extend(w.query_tree().children)
        except Exception:  # a window that went away between two calls
            continue
    return None


def colours(win):
    geo = win.get_geometry()
    rows = min(BAND, geo.height)
    raw = win.get_image(0, 0, geo.width, rows, X.ZPixmap, 0xFFFFFFFF).data
    return len({raw[i:i + 4] for i in range(0, len(raw), 4 * 3)})


def main():
    disp = display.Display(sys.argv[1])
    name = sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 120
    start = time.time()
    win = None
    while win is None:
        if time.time() - start > timeout:
            print(json.dumps({"error": "no window named %r within %s s" % (name, timeout)}))
            return 1
        win = find(disp, name)
        if win is None:
            time.sleep(POLL)
    mapped = time.time()
    before = mapped
    blank = 0
    while True:
        asked = time.time()
        try:
            n = colours(win)
        except Exception:  # not drawable yet
            n = 0
        answered = time.time()
        if n > MIN_COLOURS:
            print(json.dumps({"mapped": mapped, "content_before": before, "content_after": answered,
                              "blank_grabs": blank, "colours": n}))
            return 0
        blank += 1
        before = asked
        if answered - mapped > timeout:
            print(json.dumps({"mapped": mapped, "error": "no content within %s s" % timeout}))
            return 1
        time.sleep(POLL)


if __name__ == "__main__":
    sys.exit(main())
