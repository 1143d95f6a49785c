from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .editing import contact_edit_handler
from .models import Area, Contact
from .reports import ContactsToCheckPanel, ContactsToCheckReport


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "mail"
    menu_label = "Contacts"
    list_display = ["organisation", "service", "kind", "value", "last_verified"]
    list_filter = ["kind", "channel", "audience", "areas"]
    search_fields = ["organisation", "service", "value"]
    edit_handler = contact_edit_handler


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = "Areas"
    list_display = ["name", "council"]


class HelpViewSetGroup(SnippetViewSetGroup):
    items = (ContactViewSet, AreaViewSet)
    menu_icon = "mail"
    menu_label = "Contacts"
    menu_order = 300


register_snippet(HelpViewSetGroup)


@hooks.register("register_admin_urls")
def register_contacts_report_urls():
    return [
        path(
            "reports/contacts-to-check/",
            ContactsToCheckReport.as_view(),
            name="help_contacts_to_check",
        ),
        path(
            "reports/contacts-to-check/results/",
            ContactsToCheckReport.as_view(results_only=True),
            name="help_contacts_to_check_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_contacts_report_menu_item():
    return MenuItem(
        "Contacts to check", reverse("help_contacts_to_check"), icon_name="mail", order=700
    )


@hooks.register("construct_homepage_panels")
def add_contacts_to_check_panel(request, panels):
    panels.append(ContactsToCheckPanel(request))
