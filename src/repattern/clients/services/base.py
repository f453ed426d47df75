"""What every client service shares: who acts, and saving only what the model accepts."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

# Staff act as a user; a client filling in their own link acts as nobody, named by `actor`.
Actor = User | AnonymousUser | None


def save_valid(instance: models.Model) -> None:
    """Save after the model's own checks: validation lives in the model, once."""
    instance.full_clean()
    instance.save()
