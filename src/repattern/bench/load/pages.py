"""Reading what the server's pages say, as a browser would: a form's fields, the screen's user."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _PostForm(HTMLParser):
    """Collects the fields of the page's form that posts to the page itself, with their values."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.inside = False
        self.finished = False
        self.select: str | None = None
        self.chosen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and not self.finished:
            # The page's own form posts to the page; the header's sign-out form posts elsewhere.
            posts = (found.get("method") or "").lower() == "post"
            self.inside = posts and not found.get("action")
        if not self.inside:
            return
        name = found.get("name") or ""
        if tag == "input" and name:
            self._input(name, found)
        elif tag == "textarea" and name:
            self.fields[name] = ""
        elif tag == "select" and name:
            self.select = name
            self.fields[name] = ""
        elif (
            tag == "option"
            and self.select
            and ("selected" in found or self.select not in self.chosen)
        ):
            # A browser sends the selected option, or else the first.
            self.fields[self.select] = found.get("value") or ""
            self.chosen.add(self.select)

    def _input(self, name: str, found: dict[str, str | None]) -> None:
        kind = (found.get("type") or "text").lower()
        if kind in ("submit", "button", "reset", "image", "file"):
            return
        if kind in ("checkbox", "radio"):
            if "checked" in found:
                self.fields[name] = found.get("value") or "on"
            return
        self.fields[name] = found.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.finished = False, True


def post_form(html: str) -> dict[str, str]:
    """The fields the page's own form would send as it stands (CSRF token included)."""
    reader = _PostForm()
    reader.feed(html)
    return reader.fields


def screen_user(html: str) -> str:
    """The user the session screen was made for; the page sends it with each event."""
    found = re.search(r'id="session"[^>]*\sdata-user="(\d+)"', html)
    return found.group(1) if found else ""


def session_in(location: str) -> int | None:
    """The session a "start session" answer redirects to."""
    found = re.search(r"/sessions/(\d+)/", location)
    return int(found.group(1)) if found else None
