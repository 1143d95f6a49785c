from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Dataset


class DatasetViewSet(SnippetViewSet):
    model = Dataset
    icon = "table"
    menu_label = "Figures"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "publisher", "release_date", "next_release_expected"]
    search_fields = ["title"]


register_snippet(DatasetViewSet)


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [
        path("figures/<int:pk>/import/", admin_views.import_view, name="figures_import"),
        path("figures/<int:pk>/releases/", admin_views.releases_view, name="figures_releases"),
        path(
            "figures/<int:pk>/compare/<int:old>/<int:new>/",
            admin_views.compare_view,
            name="figures_compare",
        ),
        path(
            "figures/<int:pk>/roll-back/<int:number>/",
            admin_views.rollback_view,
            name="figures_rollback",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def dataset_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Dataset) or not user.has_perm("figures.change_dataset"):
        return []
    return [
        Button(
            "Import a release",
            reverse("figures_import", args=(snippet.pk,)),
            icon_name="upload",
            priority=5,
        ),
        Button(
            "Releases",
            reverse("figures_releases", args=(snippet.pk,)),
            icon_name="history",
            priority=6,
        ),
    ]
