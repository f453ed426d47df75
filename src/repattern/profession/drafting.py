"""A case study's first draft, read from one care plan: every section in words, no date but the
day of the episode, and the client's identity scrubbed from each free-text field it quotes."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from repattern.atlas.services import clinic_atlas
from repattern.clients.models import Client
from repattern.engine.session import EventKind
from repattern.profession.deidentify import Identity, age_band, relative_day, scrub
from repattern.programs.adherence import adherence_for
from repattern.treatment.models import CarePlan, SessionEvent, TreatmentSession
from repattern.treatment.sites import site_name


def identity_of(client: Client) -> Identity:
    return Identity.of(
        client.first_name,
        client.last_name,
        client.preferred_name,
        client.phone,
        client.email,
        client.date_of_birth,
    )


class Drafter:
    def __init__(self, plan: CarePlan) -> None:
        self.plan = plan
        self.client = plan.client
        self.who = identity_of(self.client)
        self.sessions = list(
            plan.sessions.order_by("started_at").prefetch_related(
                "patterns__events", "events", "pain_ratings"
            )
        )
        held = [timezone.localdate(s.started_at) for s in self.sessions]
        self.first = held[0] if held else plan.start_date
        self.atlas = clinic_atlas(self.client.clinic_id)

    def clean(self, text: str) -> str:
        return scrub(text.strip(), self.who)

    def day(self, day: date) -> str:
        return relative_day(day, self.first)

    def session_day(self, session: TreatmentSession) -> str:
        return self.day(timezone.localdate(session.started_at))

    def site(self, site: str) -> str:
        return site_name(self.atlas, site)

    def presenting(self) -> str:
        c = self.client
        lines = [
            f"A client aged {age_band(c.age(self.first))} ({c.get_gender_display().lower()}) "
            f"came with {self.clean(self.plan.complaint).lower()}.",
        ]
        if self.plan.goals:
            lines.append(f"Goals: {self.clean(self.plan.goals)}")
        intake = getattr(c, "intake", None)
        if intake is not None:
            if intake.conditions:
                lines.append("Conditions: " + ", ".join(intake.condition_labels()) + ".")
            for heading, text in (
                ("Other conditions", intake.other_conditions),
                ("Their goals", intake.goals),
                ("Activities", intake.activities),
                ("Dental work", intake.dental_work),
            ):
                if text.strip():
                    lines.append(f"{heading}: {self.clean(text)}")
        for injury in c.injuries.all():
            when = f", {self.day(injury.occurred_on)}" if injury.occurred_on else ""
            lines.append(f"Injury: {injury.get_kind_display()}, {injury.place()}{when}.")
            if injury.notes:
                lines.append(f"  {self.clean(injury.notes)}")
        for scar in c.scars.all():
            ago = f", about {self.first.year - scar.year} years before" if scar.year else ""
            lines.append(f"Scar: {self.clean(scar.procedure)}, {scar.place()}{ago}.")
            if scar.notes:
                lines.append(f"  {self.clean(scar.notes)}")
        for area in c.pain_areas.all():
            lines.append(f"Pain at intake: {area}.")
        if c.notes.strip():
            lines.append(f"Notes: {self.clean(c.notes)}")
        return "\n".join(lines)

    def assessment(self) -> str:
        lines = [f"Safety screen: {self.client.screen_status().label}."]
        for session in self.sessions:
            pain = ", ".join(session.pain("before")) or "not rated"
            lines.append(f"{self.session_day(session).capitalize()}: pain before, {pain}.")
            note = getattr(session, "note", None)
            for text in (note.objective, note.assessment) if note else ():
                if text.strip():
                    lines.append(f"  {self.clean(text)}")
        return "\n".join(lines)

    def patterns(self) -> str:
        lines = []
        for session in self.sessions:
            lines.append(f"{self.session_day(session).capitalize()}:")
            tests = [e for e in session.events.all() if e.kind == EventKind.TEST]
            if tests:
                shown = "; ".join(f"{self.site(e.site)} {e.result}" for e in tests)
                lines.append(f"  Tests: {shown}.")
            for pattern in session.patterns.all():
                lines.append(
                    f"  Layer {pattern.layer}: {self.site(pattern.inhibited)} inhibited, "
                    f"{self.site(pattern.facilitated)} facilitated; the engine's confidence "
                    f"{pattern.probability:.0%}; {pattern.get_status_display().lower()}."
                )
                for event in pattern.events.all():
                    if event.kind in (EventKind.CHALLENGE, EventKind.RETEST, EventKind.RELEASE):
                        lines.append(f"    {event.get_kind_display()}: {self._event(event)}.")
            for event in session.events.all():
                if event.kind == EventKind.CHALLENGE and event.pattern_id is None:
                    lines.append(f"  Challenge: {self._event(event)}.")
        return "\n".join(lines) or "No session was held."

    def _event(self, event: SessionEvent) -> str:
        words = self.site(event.site)
        if event.candidate:
            words += f" with {self.site(event.candidate)}"
        return f"{words} {event.result}".strip()

    def homework(self) -> str:
        programs = list(self.plan.home_programs.all()) or list(
            self.client.home_programs.filter(care_plan__isnull=True)
        )
        lines = []
        done = adherence_for(programs)
        for program in programs:
            for version in program.versions.order_by("number"):
                made = self.day(timezone.localdate(version.created_at))
                lines.append(f"Version {version.number}, {made}:")
                for exercise in version.exercises.all():
                    lines.append(f"  {self.clean(exercise.title)}: {exercise.dose()}.")
                    if exercise.note:
                        lines.append(f"    {self.clean(exercise.note)}")
                if version.note_for_client:
                    lines.append(f"  Note for the client: {self.clean(version.note_for_client)}")
            adherence = done[program.pk]
            lines.append(
                f"Adherence: {adherence.done} of {adherence.prescribed} exercise-days "
                f"({adherence.percent_done}%)."
            )
        return "\n".join(lines) or "No home program."

    def outcomes(self) -> str:
        lines = []
        for session in self.sessions:
            before = ", ".join(session.pain("before")) or "not rated"
            after = ", ".join(session.pain("after")) or "not rated"
            corrected = sum(1 for p in session.patterns.all() if p.status == "corrected")
            lines.append(
                f"{self.session_day(session).capitalize()}: pain {before} before, {after} after; "
                f"{corrected} pattern(s) corrected."
            )
            if session.after_effects_note:
                lines.append(f"  After-effects: {self.clean(session.after_effects_note)}")
            if session.note_for_client:
                lines.append(f"  Note for the client: {self.clean(session.note_for_client)}")
        return "\n".join(lines) or "No outcome recorded yet."

    def sections(self) -> dict[str, str]:
        return {
            "presenting": self.presenting(),
            "assessment": self.assessment(),
            "patterns": self.patterns(),
            "homework": self.homework(),
            "outcomes": self.outcomes(),
            "reflection": "",
        }


def draft_sections(plan: CarePlan) -> dict[str, str]:
    return Drafter(plan).sections()
