"""Simulated practitioners: each signs in, starts sessions and taps through them over HTTP, in
a thread of its own, as a tablet's browser would."""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Sequence
from typing import Any

import httpx

from repattern.bench.load.observations import Kind, Observations
from repattern.bench.load.pages import post_form, screen_user, session_in
from repattern.bench.session.driving import Answer, Driver, answer_in

# As the page does: the state is polled every 10 s, and an event the server did not answer
# (a time-out, a 5xx, a 429) is sent again after 3 s with the same id.
POLL_SECONDS = 10.0
RETRY_SECONDS = 3.0
# gunicorn gives a request 30 s before it ends the worker; the browser waits as long.
REQUEST_SECONDS = 30.0
# Every 25th event is sent twice at once (a double tap), and another of the 25 is sent again
# after its answer (an answer lost on the way back); both must be stored once.
REPLAY_EVERY = 25
DOUBLE_TAP_AT, RESEND_AT = 3, 5
RELOAD_CHANCE = 0.03
# httpx logs every request at INFO, and the settings send INFO to the console.
logging.getLogger("httpx").setLevel(logging.WARNING)


class SessionNotStarted(Exception):
    """The "start session" form did not give a session; the practitioner picks another client."""


class ScreenDriver(Driver):
    """The session bench's practitioner, starting each session through the real form."""

    def _start(self) -> int:
        started: int = self.practitioner.start_session(self.rng.choice(self.client_ids))
        self.opened.append(started)
        return started


class Practitioner:
    """One practitioner on one tablet: a browser's cookies, its clock, and its taps."""

    def __init__(
        self,
        *,
        base_url: str,
        username: str,
        password: str,
        client_ids: Sequence[int],
        muscles: list[str],
        seed: int,
        pause: float,
        observations: Observations,
    ) -> None:
        self.base_url, self.username, self.password = base_url, username, password
        self.http = httpx.Client(base_url=base_url, timeout=REQUEST_SECONDS)
        # The second finger of a double tap: the same browser, on a connection of its own.
        self.twin: httpx.Client | None = None
        self.rng = random.Random(seed)
        self.driver = ScreenDriver(self.rng, list(client_ids), muscles, self)
        self.pause, self.seen = pause, observations
        self.deadline = 0.0
        self.user_id = ""
        self.last_poll = 0.0
        self.events_sent = 0

    def work(self, deadline: float) -> None:
        """Sign in, then play sessions until the deadline."""
        self.deadline = deadline
        try:
            if self.sign_in():
                self._sessions()
        finally:
            self.http.close()
            if self.twin is not None:
                self.twin.close()

    def _sessions(self) -> None:
        plays = self.driver.plays()
        while self.time_left():
            try:
                session_id, fields, reply = next(plays)
            except SessionNotStarted:
                plays = self.driver.plays()
                self.wait(RETRY_SECONDS)
                continue
            answer = self.record(session_id, fields)
            if answer is None:
                # Refused, or never answered: the screen no longer says what comes next.
                plays = self.driver.plays()
                continue
            reply(answer)
            self.now_and_then(session_id)
            if self.pause:
                self.wait(self.rng.expovariate(1 / self.pause))

    def time_left(self) -> bool:
        return time.monotonic() < self.deadline

    def wait(self, seconds: float) -> None:
        time.sleep(max(0.0, min(seconds, self.deadline - time.monotonic())))

    def send(
        self,
        kind: Kind,
        method: str,
        path: str,
        *,
        expect: int = 200,
        client: httpx.Client | None = None,
        **request: Any,
    ) -> httpx.Response | None:
        """One request, timed; any answer but `expect` is recorded as unexpected."""
        started = time.perf_counter()
        try:
            response = (client or self.http).request(method, path, **request)
        except httpx.TimeoutException as error:
            self.seen.refused(kind, "time-out", f"{type(error).__name__} after {REQUEST_SECONDS} s")
            return None
        except httpx.TransportError as error:
            self.seen.refused(kind, "no answer", f"{type(error).__name__}: {error}")
            return None
        self.seen.timed(kind, (time.perf_counter() - started) * 1000)
        if response.status_code != expect:
            self.seen.refused(kind, str(response.status_code), response.text[:400])
        return response

    def sign_in(self) -> bool:
        page = self.send(Kind.SIGN_IN_PAGE, "GET", "/accounts/login/")
        if page is None or page.status_code != 200:
            return False
        form = {**post_form(page.text), "username": self.username, "password": self.password}
        answer = self.send(Kind.SIGN_IN, "POST", "/accounts/login/", data=form, expect=302)
        if answer is None or answer.status_code != 302:
            return False
        self.twin = httpx.Client(
            base_url=self.base_url, timeout=REQUEST_SECONDS, cookies=self.http.cookies
        )
        return True

    def start_session(self, client_id: int) -> int:
        """The client's "start session" form, filled in with today's pain, then the screen."""
        path = f"/clients/{client_id}/sessions/new/"
        page = self.send(Kind.START_FORM, "GET", path)
        if page is None or page.status_code != 200:
            raise SessionNotStarted
        form = post_form(page.text)
        for name in form:
            if name.startswith("pain_"):
                form[name] = str(self.rng.randrange(11))
        answer = self.send(Kind.START, "POST", path, data=form, expect=302)
        started = session_in(answer.headers.get("location", "")) if answer is not None else None
        if answer is None or answer.status_code != 302 or started is None:
            raise SessionNotStarted
        self.seen.started()
        self.open_screen(started)
        return started

    def open_screen(self, session_id: int) -> None:
        screen = self.send(Kind.SCREEN, "GET", f"/sessions/{session_id}/")
        if screen is not None and screen.status_code == 200:
            self.user_id = screen_user(screen.text) or self.user_id
        self.last_poll = time.monotonic()

    def now_and_then(self, session_id: int) -> None:
        """What the page reads besides its own answers: the poll, and a reload now and then."""
        if time.monotonic() - self.last_poll >= POLL_SECONDS:
            self.last_poll = time.monotonic()
            self.send(
                Kind.STATE, "GET", f"/sessions/{session_id}/state/", headers={"HX-Request": "true"}
            )
        if self.rng.random() < RELOAD_CHANCE:
            self.open_screen(session_id)

    def record(self, session_id: int, fields: dict[str, str]) -> Answer | None:
        """Send one event as the page's queue does, until it is answered or refused."""
        event_id = str(uuid.uuid4())
        body = {"event_id": event_id, **fields, "recorded_by": self.user_id}
        path = f"/sessions/{session_id}/events/"
        self.events_sent += 1
        turn = self.events_sent % REPLAY_EVERY
        double = turn == DOUBLE_TAP_AT
        while self.time_left():
            if double:
                response = self.double_tap(path, body)
            else:
                response = self.send(Kind.EVENT, "POST", path, data=body, headers=self.headers())
            double = False
            if response is not None and response.status_code == 200:
                self.seen.acknowledge(event_id)
                if turn == RESEND_AT:
                    self.seen.replayed(Kind.RESEND, event_id)
                    self.send(Kind.RESEND, "POST", path, data=body, headers=self.headers())
                return answer_in(response.text)
            if response is not None and response.status_code < 500 and response.status_code != 429:
                return None
            self.wait(RETRY_SECONDS)
        return None

    def double_tap(self, path: str, body: dict[str, str]) -> httpx.Response | None:
        """The same event sent twice at once, on two connections: the server stores it once."""
        self.seen.replayed(Kind.DOUBLE_TAP, body["event_id"])
        other: list[httpx.Response | None] = []
        second = threading.Thread(
            target=lambda: other.append(
                self.send(
                    Kind.DOUBLE_TAP,
                    "POST",
                    path,
                    client=self.twin,
                    data=body,
                    headers=self.headers(),
                )
            )
        )
        second.start()
        first = self.send(Kind.DOUBLE_TAP, "POST", path, data=body, headers=self.headers())
        second.join()
        answered = [r for r in (first, *other) if r is not None and r.status_code == 200]
        return answered[0] if answered else first

    def headers(self) -> dict[str, str]:
        # As session.js: the token read from the cookie each time, and htmx's header.
        return {"X-CSRFToken": self.http.cookies.get("csrftoken") or "", "HX-Request": "true"}


def work_together(practitioners: list[Practitioner], seconds: float) -> float:
    """Run every practitioner in its own thread until the time is up; returns the wall time.

    They arrive over the first tenth of the run rather than in one instant, as a clinic's
    staff do, so the sign-in burst does not stand for the whole run.
    """
    started = time.monotonic()
    deadline = started + seconds
    threads = []
    for n, practitioner in enumerate(practitioners):
        arrives = started + seconds / 10 * n / len(practitioners)
        thread = threading.Thread(
            target=_arrive_and_work,
            args=(practitioner, arrives, deadline),
            name=practitioner.username,
            daemon=True,
        )
        thread.start()
        threads.append(thread)
    for thread in threads:
        # A request under way at the deadline is let finish, up to its own time-out.
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_SECONDS + 5)
    return time.monotonic() - started


def _arrive_and_work(practitioner: Practitioner, arrives: float, deadline: float) -> None:
    time.sleep(max(0.0, arrives - time.monotonic()))
    practitioner.work(deadline)
