"""Blocks that show a dataset's current figures: pages choose a dataset and what to show,
never retype a number, so every page updates itself when a release is imported."""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.references import FetchedTogetherChooserMixin, request_served

from . import series
from .models import FiguresSettings

DEFAULT_YEARS = 5


class DatasetChooserBlock(FetchedTogetherChooserMixin, SnippetChooserBlock):
    """A dataset, fetched with its current release (which every block shows)."""

    def __init__(self, **kwargs):
        super().__init__("figures.Dataset", **kwargs)

    def display_queryset(self):
        return self.model_class.objects.select_related("current_release")


def chart_csv_url(release, name, years, force=""):
    url = reverse("figures_chart_csv", args=(release.pk, name, years))
    return url + ("?" + urlencode({"force": force}) if force else "")


def chart_id(context, name):
    """An id for a chart's parts, unique on the page however often a chart appears."""
    request = context.get("request")
    number = getattr(request, "_figures_charts", 0) + 1
    if request is not None:
        request._figures_charts = number
    return f"{slugify(name)}-{number}"


class DatasetBlock(blocks.StructBlock):
    dataset = DatasetChooserBlock(help_text="Its current release is shown, with its source.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        dataset = value["dataset"]
        release = dataset.current_release if dataset is not None else None
        context["dataset"] = dataset
        context["release"] = release
        if release is not None:
            context.update(self.figures(value, release, context))
        return context

    def figures(self, value, release, context):
        return {}


class HeadlineFigureBlock(DatasetBlock):
    """One number, with its period and source."""

    measure = blocks.ChoiceBlock(choices=series.HEADLINE_CHOICES)

    class Meta:
        icon = "order"
        template = "figures/blocks/headline.html"
        label = "Headline figure"

    def figures(self, value, release, context):
        return {"headline": series.headline(release, value["measure"])}


class ChartBlock(DatasetBlock):
    """A chart of a chosen series, with its table and a CSV of what it draws."""

    chart = blocks.ChoiceBlock(choices=series.CHART_CHOICES)
    years = blocks.IntegerBlock(
        default=DEFAULT_YEARS, min_value=1, max_value=20, help_text="How many years to show."
    )

    class Meta:
        icon = "table"
        template = "figures/blocks/chart.html"
        label = "Chart of figures"

    def figures(self, value, release, context):
        name, years = value["chart"], value["years"]
        figure_id = chart_id(context, name)

        def draw():
            return render_to_string(
                "figures/chart.html",
                {
                    "chart": series.chart(release, name, years),
                    "chart_id": figure_id,
                    "csv_url": chart_csv_url(release, name, years),
                },
            )

        # Drawing a chart costs more than the rest of an article: each process draws it once.
        return {
            "chart_html": series.kept_for_release(release, ("chart", name, years, figure_id), draw)
        }


class LocalComparisonBlock(DatasetBlock):
    """The child referrals of the partnership's police force beside the UK's."""

    heading = blocks.CharBlock(max_length=120, default="Referrals made by our police force")
    years = blocks.IntegerBlock(default=2, min_value=1, max_value=20)

    starts_section = True

    class Meta:
        icon = "site"
        template = "figures/blocks/local.html"
        label = "Local comparison"

    def figures(self, value, release, context):
        request = context.get("request") or request_served()
        force = FiguresSettings.for_request(request).police_force_area if request else ""
        local = series.local_view(release, force, value["years"]) if force else None
        return {
            "force": force,
            "local": local,
            "chart_id": chart_id(context, f"local-{force}"),
            "csv_url": chart_csv_url(release, "local", value["years"], force) if local else "",
        }
