"""The failed-tasks report in the admin's Reports menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from background import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "failed-tasks/", admin_views.FailedTasksView.as_view(), name="background_failed_tasks"
        ),
    ]


class FailedTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_menu_item():
    return FailedTasksMenuItem(
        "Failed tasks", reverse("background_failed_tasks"), icon_name="warning", order=900
    )
