from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from repattern.accounts import services, two_factor
from repattern.accounts.access import membership_for, memberships_of, staff_user
from repattern.accounts.forms import ClinicTwoFactorForm, MemberAddForm, MemberRoleForm
from repattern.accounts.models import Membership


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = memberships_of(request.user)
    # Most people work in one clinic: take them straight to its day.
    if len(memberships) == 1:
        return redirect("day_view", clinic_id=memberships[0].clinic_id)
    return TemplateResponse(request, "accounts/home.html", {"memberships": memberships})


@login_required
def member_list(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "manage_members")
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_add(
                clinic=me.clinic, by=staff_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            services.member_invite(
                membership=membership, domain=request.get_host(), use_https=request.is_secure()
            )
            messages.success(
                request,
                f"{membership.user.username} added as {membership.get_role_display().lower()}; "
                "an e-mail with a link to choose a password is on its way.",
            )
            return redirect("member_list", clinic_id=clinic_id)
    members = Membership.objects.filter(clinic=me.clinic).select_related("user")
    with_two_factor = TOTPDevice.objects.filter(user__memberships__clinic=me.clinic, confirmed=True)
    return TemplateResponse(
        request,
        "accounts/member_list.html",
        {
            "clinic": me.clinic,
            "me": me,
            "members": members,
            "form": form,
            "role_form": MemberRoleForm(),
            "with_two_factor": set(with_two_factor.values_list("user_id", flat=True)),
            "two_factor_form": ClinicTwoFactorForm(
                initial={"required": me.clinic.two_factor_required}
            ),
        },
    )


@login_required
@require_POST
def member_role(request: HttpRequest, clinic_id: int, membership_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "manage_members")
    membership = get_object_or_404(Membership, pk=membership_id, clinic=me.clinic)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the listed roles.")
    else:
        try:
            services.member_set_role(
                membership=membership, role=form.cleaned_data["role"], by=staff_user(request)
            )
            messages.success(
                request,
                f"{membership.user.username} is now {membership.get_role_display().lower()}.",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("member_list", clinic_id=clinic_id)


@login_required
@require_POST
def member_remove(request: HttpRequest, clinic_id: int, membership_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "manage_members")
    membership = get_object_or_404(Membership, pk=membership_id, clinic=me.clinic)
    try:
        services.member_remove(membership=membership, by=staff_user(request))
        messages.success(request, f"{membership.user.username} no longer belongs to {me.clinic}.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("member_list", clinic_id=clinic_id)


@login_required
@require_POST
def clinic_two_factor(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "manage_members")
    form = ClinicTwoFactorForm(request.POST)
    required = form.is_valid() and form.cleaned_data["required"]
    try:
        two_factor.clinic_require_two_factor(
            clinic=me.clinic, required=required, by=staff_user(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Every member of {me.clinic} now signs in with a code as well; those without "
            "two-factor sign-in set it up before they can open anything else."
            if required
            else f"Two-factor sign-in is now each member's choice at {me.clinic}.",
        )
    return redirect("member_list", clinic_id=clinic_id)
