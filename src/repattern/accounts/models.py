from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    PRACTITIONER = "practitioner", "Practitioner"
    STUDENT = "student", "Student"
    ASSISTANT = "assistant", "Assistant"


# What each role may do. Views ask `membership.can(...)`; nothing else checks role names.
PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset(
        {
            "view_clients",
            "edit_clients",
            "archive_clients",
            "record_clearance",
            "override_screen",
            "treat",
            "manage_members",
            "view_audit",
            "manage_atlas",
            "amend_notes",
            "cosign_notes",
            "export_clients",
            "erase_clients",
            "schedule",
            "view_team_reliability",
        }
    ),
    Role.PRACTITIONER: frozenset(
        {
            "view_clients",
            "edit_clients",
            "archive_clients",
            "record_clearance",
            "treat",
            "cosign_notes",
            "export_clients",
            "schedule",
        }
    ),
    Role.STUDENT: frozenset({"view_clients", "edit_clients", "treat", "schedule"}),
    # The front desk: registers clients and books their appointments.
    Role.ASSISTANT: frozenset({"view_clients", "edit_clients", "schedule"}),
}


class Clinic(models.Model):
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    two_factor_required = models.BooleanField(
        default=False,
        help_text="Every member must sign in with a code from an authenticator app as well",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "clinic"], name="one_membership_per_clinic")
        ]
        ordering = ["clinic__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.clinic}"

    @property
    def allowed(self) -> frozenset[str]:
        """The permissions of this role; templates test `"treat" in me.allowed`."""
        return PERMISSIONS.get(self.role, frozenset())

    def can(self, permission: str) -> bool:
        return permission in self.allowed
