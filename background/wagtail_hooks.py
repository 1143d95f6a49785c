"""The failed-tasks report in the admin's Reports menu, and its permissions."""

from django.contrib.auth.models import Permission
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


@hooks.register("register_permissions")
def register_permissions():
    """Lets the report's permissions be given to a group in Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="django_tasks_database",
        codename__in=["view_dbtaskresult", "change_dbtaskresult"],
    )
