from __future__ import annotations

from typing import Any

from django import forms

from repattern.accounts.models import Membership
from repattern.api.models import Scope


class ClinicField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.clinic.name


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What will use it, e.g. 'tablet app'")
    membership = ClinicField(queryset=Membership.objects.none(), label="Clinic", empty_label=None)
    scope = forms.ChoiceField(
        choices=Scope.choices,
        initial=Scope.READ,
        help_text="Read and write lets it record session events, as you would on the screen",
    )

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, ClinicField)
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in memberships])
