"""The editors' views of a dataset's releases: import new files, list the releases, compare
two, roll back to one. Each needs permission to change datasets."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from .importer import Refused, compare, import_release, roll_back
from .models import Dataset, Release, period_label
from .tables import TABLES


def _dataset(request, pk):
    if not request.user.has_perm("figures.change_dataset"):
        raise PermissionDenied
    return get_object_or_404(Dataset, pk=pk)


class ImportForm(forms.Form):
    release_date = forms.DateField(help_text="The publisher's release date of these files.")
    next_release_expected = forms.DateField(
        required=False, help_text="When the publisher expects to release the next figures."
    )
    note = forms.CharField(max_length=300, required=False, help_text="What this release is.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, table in TABLES.items():
            self.fields[name] = forms.FileField(
                required=False,
                label=table.label,
                help_text="Columns: " + ", ".join(table.columns),
            )


def import_view(request, pk):
    dataset = _dataset(request, pk)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"next_release_expected": dataset.next_release_expected},
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        files = {name: form.cleaned_data[name] for name in TABLES if form.cleaned_data[name]}
        try:
            release = import_release(
                dataset,
                files,
                release_date=form.cleaned_data["release_date"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except Refused as error:
            refusal = str(error)
        else:
            dataset.next_release_expected = form.cleaned_data["next_release_expected"]
            dataset.save(update_fields=["next_release_expected"])
            messages.success(request, f"Imported release {release.number} of {dataset}.")
            return redirect("figures_releases", dataset.pk)
    return TemplateResponse(
        request,
        "figures/admin/import.html",
        {
            "dataset": dataset,
            "form": form,
            "refusal": refusal,
            "page_title": f"Import figures: {dataset}",
        },
    )


def releases_view(request, pk):
    dataset = _dataset(request, pk)
    releases = dataset.releases.select_related("created_by", "restores")
    return TemplateResponse(
        request,
        "figures/admin/releases.html",
        {"dataset": dataset, "releases": releases, "page_title": f"Releases: {dataset}"},
    )


def _describe(key):
    table, year, quarter, a, b, c = key
    return TABLES[table].label, period_label(year, quarter), " · ".join(x for x in (a, b, c) if x)


def compare_view(request, pk, old, new):
    dataset = _dataset(request, pk)
    old = get_object_or_404(Release, dataset=dataset, number=old)
    new = get_object_or_404(Release, dataset=dataset, number=new)
    added, changed, removed = compare(old, new)
    sections = [
        ("Added", [(*_describe(k), a, b) for k, a, b in added]),
        ("Changed", [(*_describe(k), a, b) for k, a, b in changed]),
        ("Removed", [(*_describe(k), a, b) for k, a, b in removed]),
    ]
    return TemplateResponse(
        request,
        "figures/admin/compare.html",
        {
            "dataset": dataset,
            "old": old,
            "new": new,
            "sections": sections,
            "page_title": f"Release {old.number} against release {new.number}: {dataset}",
        },
    )


@require_POST
def rollback_view(request, pk, number):
    dataset = _dataset(request, pk)
    release = get_object_or_404(Release, dataset=dataset, number=number)
    new = roll_back(dataset, release, user=request.user)
    messages.success(
        request, f"Rolled back: release {new.number} holds release {number}'s figures."
    )
    return redirect(reverse("figures_releases", args=(dataset.pk,)))
