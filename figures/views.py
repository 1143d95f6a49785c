"""The figures each chart draws, as CSV: public, the same for everyone, cacheable.

The address names the release, whose figures never change, so a copy is never wrong; pages
link to their dataset's current release, and are purged when it changes.
"""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from core.http_cache import shared_cache
from core.spreadsheets import safe_cell

from . import series
from .models import Release

MAX_YEARS = 20


def chart_for(release, name, years, force=""):
    """The chart a block draws (or the local view's table), or None."""
    if not 1 <= years <= MAX_YEARS:
        return None
    if name == "local":
        local = series.local_view(release, force, years) if force else None
        return local.table if local else None
    if name not in series.CHARTS:
        return None
    return series.chart(release, name, years)


@require_GET
@shared_cache
def chart_csv(request, release, name, years):
    release = get_object_or_404(Release.objects.select_related("dataset"), pk=release)
    chart = chart_for(release, name, years, request.GET.get("force", ""))
    if chart is None:
        raise Http404("No such chart")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{release.release_date}.csv"'
    writer = csv.writer(response)
    writer.writerow([safe_cell(column) for column in chart.columns])
    for row in chart.rows:
        writer.writerow([safe_cell(cell) for cell in row])
    dataset = release.dataset
    writer.writerow([])
    writer.writerow(
        [
            safe_cell(
                f"Source: {dataset.publisher}, {dataset.title}, "
                f"released {release.release_date:%-d %B %Y}"
            )
        ]
    )
    writer.writerow([safe_cell(dataset.attribution)])
    return response
