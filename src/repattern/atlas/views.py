from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.atlas import services
from repattern.atlas.forms import AtlasSearchForm, ChartUploadForm
from repattern.atlas.models import ClinicChart
from repattern.engine.atlas import Atlas, Entry, Relation
from repattern.engine.atlas.movements import JOINTS
from repattern.engine.atlas.movements import label as action_label
from repattern.engine.errors import AtlasError, ChartError, UnknownStructure
from repattern.engine.vocabulary import REGIONS, label

MAX_RESULTS = 200


@login_required
def atlas_index(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id)
    atlas = services.clinic_atlas(clinic_id)
    form = AtlasSearchForm(request.GET or None)
    results: list[Entry] = []
    error = ""
    if form.is_valid() and any(form.cleaned_data.values()):
        data = form.cleaned_data
        try:
            results = atlas.search(
                data["q"],
                region=data["region"] or None,
                action=data["action"] or None,
                joint=data["joint"] or None,
                root=data["root"] or None,
            )
        except AtlasError as problem:
            error = str(problem)
    elif not request.GET:
        results = sorted(atlas.entries(), key=lambda e: e.name)
    context = {
        "clinic": me.clinic,
        "me": me,
        "form": form,
        "error": error,
        "results": results[:MAX_RESULTS],
        "total": len(results),
        "counts": {
            "muscles": len(atlas.muscles),
            "structures": len(atlas.structures),
            "relations": len(atlas.relations),
        },
    }
    template = "atlas/_results.html" if request.headers.get("HX-Request") else "atlas/index.html"
    return TemplateResponse(request, template, context)


@dataclass(frozen=True)
class RelatedEntry:
    """A relation seen from the entry whose page it is."""

    relation: Relation
    other: Entry
    words: str
    source_title: str
    source_url: str | None


def related_entries(atlas: Atlas, entry_id: str) -> dict[str, list[RelatedEntry]]:
    groups: dict[str, list[RelatedEntry]] = {
        "synergist": [],
        "antagonist": [],
        "takes_over": [],
        "covers_for": [],
    }
    for rel in atlas.relations_for(entry_id):
        other = atlas.get(rel.other(entry_id))
        source = atlas.sources.get(rel.source)
        title = source.title if source else rel.source
        url = rel.url or (source.url if source else None)
        group: str = rel.kind
        if rel.kind == "reported":
            group = "takes_over" if rel.inhibited == entry_id else "covers_for"
        groups[group].append(RelatedEntry(rel, other, rel.reason, title, url))
    for items in groups.values():
        items.sort(
            key=lambda p: ({"clinic": 0, "reported": 1}.get(p.relation.evidence, 2), p.other.name)
        )
    return groups


@login_required
def atlas_entry(request: HttpRequest, clinic_id: int, entry_id: str) -> HttpResponse:
    me = membership_for(request.user, clinic_id)
    atlas = services.clinic_atlas(clinic_id)
    try:
        entry = atlas.get(entry_id)
    except UnknownStructure as missing:
        raise Http404(str(missing)) from missing
    conditions = [c for c in atlas.conditions.values() if entry.id in c.examined]
    actions = [
        f"{action_label(a.action)} of the {JOINTS[a.joint].lower()}"
        for a in getattr(entry, "actions", [])
    ]
    sources = [atlas.sources[s] for s in entry.sources if s in atlas.sources]
    return TemplateResponse(
        request,
        "atlas/entry.html",
        {
            "clinic": me.clinic,
            "me": me,
            "entry": entry,
            "groups": related_entries(atlas, entry.id),
            "conditions": conditions,
            "actions": actions,
            "sources": sources,
            "regions": [label(REGIONS, r) for r in entry.regions],
        },
    )


@login_required
def chart_list(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "manage_atlas")
    form = ChartUploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        try:
            chart = services.chart_upload(
                clinic=me.clinic,
                user=staff_user(request),
                filename=form.filename,
                text=form.cleaned_data["chart"],
            )
        except ChartError as rejected:
            problems = rejected.errors
        else:
            messages.success(
                request,
                f"{chart.filename}: {chart.relations.count()} relations joined the atlas "
                "for this clinic, marked 'clinic'.",
            )
            return redirect("chart_list", clinic_id=clinic_id)
    charts = ClinicChart.objects.filter(clinic=me.clinic).select_related("uploaded_by")
    return TemplateResponse(
        request,
        "atlas/charts.html",
        {"clinic": me.clinic, "me": me, "form": form, "problems": problems, "charts": charts},
        status=422 if problems else 200,
    )


@login_required
@require_POST
def chart_delete(request: HttpRequest, clinic_id: int, chart_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "manage_atlas")
    chart = get_object_or_404(ClinicChart, pk=chart_id, clinic=me.clinic)
    services.chart_delete(chart=chart, user=staff_user(request))
    messages.success(request, f"{chart.filename} removed from this clinic's atlas.")
    return redirect("chart_list", clinic_id=clinic_id)
