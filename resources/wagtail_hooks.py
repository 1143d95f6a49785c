from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from resources.audit import SensitiveDownloadsReport
from resources.models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Resource topics"
    list_display = ["name", "slug"]


register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path(
            "reports/sensitive-downloads/",
            SensitiveDownloadsReport.as_view(),
            name="resources_sensitive_downloads",
        ),
        path(
            "reports/sensitive-downloads/results/",
            SensitiveDownloadsReport.as_view(results_only=True),
            name="resources_sensitive_downloads_results",
        ),
    ]


class AuditorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("resources.view_sensitivedownload")


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditorMenuItem(
        "Sensitive downloads",
        reverse("resources_sensitive_downloads"),
        icon_name="lock",
        order=710,
    )
