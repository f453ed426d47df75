"""Reminders by e-mail: before appointments, for home exercises at the client's chosen time,
and to the practitioner when a client has stopped logging; each one the client can turn off."""
