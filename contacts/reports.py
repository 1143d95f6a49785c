"""Contacts that need checking: an editors' report and a dashboard panel.

A wrong number on a safeguarding site is a risk to a child, so every
contact has a re-check date; these show editors what is due.
"""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.permissions import get_permission_name

from .models import Contact

# Shown as "due soon" this many days before the re-check date.
DUE_SOON_DAYS = 30


def contacts_to_check(today=None):
    """Contacts past, or within DUE_SOON_DAYS of, their re-check date, oldest first."""
    today = today or timezone.localdate()
    soon = today + timezone.timedelta(days=DUE_SOON_DAYS)
    due = [contact for contact in Contact.objects.all() if contact.verification_due <= soon]
    return sorted(due, key=lambda contact: contact.verification_due)


class ContactsToCheckReport(ReportView):
    page_title = "Contacts to check"
    header_icon = "mail"
    index_url_name = "help_contacts_to_check"
    index_results_url_name = "help_contacts_to_check_results"
    model = Contact
    permission_required = "change"
    list_export = [
        "organisation",
        "service",
        "value",
        "last_verified",
        "verified_by",
        "verification_due",
        "source_url",
        "verification_note",
    ]

    @property
    def columns(self):
        return [
            TitleColumn(
                "contact",
                label="Contact",
                accessor=str,
                get_url=lambda contact: reverse(
                    "wagtailsnippets_help_contact:edit", args=[contact.pk]
                ),
            ),
            Column("value", label="Number or address"),
            DateColumn("last_verified", label="Last checked"),
            DateColumn("verification_due", label="Check again by"),
            Column("verification_note", label="Note for editors"),
        ]

    def get_queryset(self):
        return contacts_to_check()


class ContactsToCheckPanel(Component):
    """On the admin dashboard, for anyone who can change contacts."""

    name = "contacts-to-check"
    order = 150
    template_name = "contacts/admin/contacts_to_check_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        return {
            "contacts": [
                (contact, contact.is_stale(today)) for contact in contacts_to_check(today)
            ],
            "report_url": reverse("help_contacts_to_check"),
        }

    def render_html(self, parent_context=None):
        if not self.request.user.has_perm(get_permission_name("change", Contact)):
            return ""
        if not contacts_to_check():
            return ""
        return super().render_html(parent_context)
