"""Sessions played as a practitioner would, through the service or over HTTP."""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

SIDES = ("left", "right")


@dataclass
class Answer:
    """What the screen shows after an event: the current finding's candidates, suggested first,
    and the pattern in its learning window, if any."""

    candidates: list[str] = field(default_factory=list)
    pattern_id: int | None = None


Call = Callable[[int, dict[str, str]], Answer]


def service_path(practitioner: Any) -> Call:
    """event_record() then session_state(), on the session fetched as the view fetches it."""
    from repattern.engine.session import EventKind, Result
    from repattern.treatment.models import TreatmentSession
    from repattern.treatment.screen import session_state
    from repattern.treatment.services import event_record
    from repattern.treatment.services.events import EventInput

    def call(session_id: int, fields: dict[str, str]) -> Answer:
        session = TreatmentSession.objects.select_related(
            "client", "client__clinic", "practitioner", "care_plan"
        ).get(pk=session_id)
        event = EventInput(
            event_id=uuid.uuid4(),
            kind=EventKind(fields["kind"]),
            site=fields.get("site", ""),
            candidate=fields.get("candidate", ""),
            challenge=fields.get("challenge", ""),
            result=Result(fields["result"]) if "result" in fields else None,
            pattern_id=int(fields["pattern_id"]) if "pattern_id" in fields else None,
        )
        recorded = event_record(session=session, user=practitioner, event=event)
        state = session_state(session, recorded.record)
        return Answer(
            [c.site for c in state.findings[0].candidates] if state.findings else [],
            state.open_pattern.pk if state.open_pattern else None,
        )

    return call


def http_path(practitioner: Any) -> Call:
    """The page's POST, form-encoded, answered with the state partial to swap in."""
    from django.db import close_old_connections
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(practitioner)

    def call(session_id: int, fields: dict[str, str]) -> Answer:
        # The test client leaves connections alone; a WSGI server closes old ones around each
        # request, which on SQLite (CONN_MAX_AGE 0) means a new connection per request.
        close_old_connections()
        response = browser.post(
            f"/sessions/{session_id}/events/",
            urlencode({"event_id": uuid.uuid4(), **fields}),
            content_type="application/x-www-form-urlencoded",
            headers={"HX-Request": "true"},
        )
        html = response.content.decode()
        close_old_connections()
        if response.status_code != 200:
            raise SystemExit(f"POST {fields} answered {response.status_code}: {html[:300]}")
        return answer_in(html)

    return call


def answer_in(html: str) -> Answer:
    """Read the answer off the page, where session.js finds it."""
    pattern = re.search(r'data-pattern="(\d+)"', html)
    answer = Answer(pattern_id=int(pattern.group(1)) if pattern else None)
    start = html.find('class="panel finding')
    if start >= 0:
        section = html[start : html.find("</section>", start)]
        answer.candidates = re.findall(r'<tr data-candidate="([^"]+)"', section)
        suggested = re.search(r'data-suggested="([^"]+)"', section)
        if suggested:
            answer.candidates.insert(0, suggested.group(1))
    return answer


Play = tuple[int, dict[str, str], Callable[[Answer], None]]


@dataclass
class Driver:
    """Plays sessions as a practitioner would: two common muscles test weak in turn; each is
    challenged with the suggested candidates until one makes it hold, which is mostly confirmed
    as a pattern, released, activated and retested."""

    rng: random.Random
    client_ids: list[int]
    muscles: list[str]
    practitioner: Any
    opened: list[int] = field(default_factory=list)

    def plays(self) -> Iterator[Play]:
        """Yields (session, fields, reply): reply takes what the call answered."""
        while True:
            session_id = self._start()
            for muscle in self.rng.sample(self.muscles, 2):
                yield from self._finding(session_id, f"{muscle}:{self.rng.choice(SIDES)}")

    def _start(self) -> int:
        from repattern.clients.models import Client
        from repattern.treatment.services import session_start

        client = Client.objects.get(pk=self.rng.choice(self.client_ids))
        session = session_start(
            client=client,
            practitioner=self.practitioner,
            pain_before=[(a.region, a.side, a.intensity) for a in client.pain_areas.all()],
        )
        self.opened.append(session.pk)
        return session.pk

    def _finding(self, session_id: int, site: str) -> Iterator[Play]:
        from repattern.treatment.templatetags.treatment_tags import default_challenge

        answer = Answer()
        yield session_id, {"kind": "test", "site": site, "result": "weak"}, self._keep(answer)
        held = None
        for _ in range(self.rng.choice((2, 3, 3, 4))):
            if not answer.candidates:
                return
            tried = answer.candidates[0]
            result = "holds" if self.rng.random() < 0.35 else "weak"
            fields = {
                "kind": "challenge",
                "site": site,
                "candidate": tried,
                "challenge": default_challenge(tried),
                "result": result,
            }
            yield session_id, fields, self._keep(answer)
            if result == "holds":
                held = tried
                break
        # A pattern is confirmed on a challenge that made the weak muscle hold; not always.
        if held is None or self.rng.random() < 0.2:
            return
        fields = {"kind": "confirm", "site": site, "candidate": held}
        yield session_id, fields, self._keep(answer)
        if answer.pattern_id is None:
            return
        steps = [
            {"kind": "release"},
            {"kind": "activation"},
            {"kind": "retest", "result": "holds" if self.rng.random() < 0.7 else "weak"},
        ]
        for step in steps:
            yield session_id, {**step, "pattern_id": str(answer.pattern_id)}, self._keep(answer)

    @staticmethod
    def _keep(answer: Answer) -> Callable[[Answer], None]:
        def reply(new: Answer) -> None:
            answer.candidates, answer.pattern_id = new.candidates, new.pattern_id

        return reply

    def end_sessions(self) -> None:
        from repattern.treatment.models import TreatmentSession
        from repattern.treatment.services import session_end

        for session in TreatmentSession.objects.filter(pk__in=self.opened, ended_at__isnull=True):
            session_end(session=session, user=self.practitioner)
