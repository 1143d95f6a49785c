"""Admin URLs, menu item and permission for approving practitioners."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("practitioners/", admin_views.QueueView.as_view(), name="accounts_admin_queue"),
        path(
            "practitioners/<int:pk>/decline/",
            admin_views.DeclineView.as_view(),
            name="accounts_admin_decline",
        ),
        path(
            "practitioners/approved/",
            admin_views.ApprovedView.as_view(),
            name="accounts_admin_approved",
        ),
    ]


class ApproverMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_approve(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ApproverMenuItem(
        "Practitioner approvals",
        reverse("accounts_admin_queue"),
        icon_name="user",
        order=610,
    )


@hooks.register("register_permissions")
def register_permissions():
    """Lets the approve permission be given to a group in Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="accounts", codename="approve_practitioner"
    )
