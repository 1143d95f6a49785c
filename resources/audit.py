"""The download audit log: every read of an OFFICIAL-SENSITIVE document, for auditors.

Written by the document view (`resources.views.serve`) when it sends the file to a
GET, after every access check has passed, and shown in the admin as a report that only
holders of `resources.view_sensitivedownload` (the Auditors group) can open or
export.
"""

import datetime

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from resources.models import SensitiveDownload


def record_sensitive_download(document, request):
    if not document.sensitive:
        return
    user = request.user if request.user.is_authenticated else None
    SensitiveDownload.objects.create(
        user=user,
        user_email=user.email if user else "",
        user_organisation=getattr(user, "organisation", "") if user else "",
        document=document,
        document_title=document.title,
        marking=document.marking,
    )


class SensitiveDownloadsReport(ReportView):
    page_title = "Sensitive downloads"
    header_icon = "lock"
    index_url_name = "resources_sensitive_downloads"
    index_results_url_name = "resources_sensitive_downloads_results"
    model = SensitiveDownload
    permission_required = "view"
    list_export = ["downloaded_at", "user_email", "user_organisation", "document_title", "marking"]
    # One plain, unambiguous time in the CSV, as the heading says (the spreadsheet
    # export already writes UTC without the zone).
    custom_field_preprocess = {
        "downloaded_at": {
            ReportView.FORMAT_CSV: lambda value: value.astimezone(datetime.UTC).strftime(
                "%Y-%m-%d %H:%M:%S"
            )
        }
    }
    export_headings = {
        "downloaded_at": "Downloaded at (UTC)",
        "user_email": "Email",
        "user_organisation": "Organisation",
        "document_title": "Document",
        "marking": "Marking",
    }
    columns = [
        DateColumn("downloaded_at", label="When", sort_key="downloaded_at"),
        Column("user_email", label="Who"),
        Column("user_organisation", label="Organisation"),
        Column("document_title", label="Document"),
        Column("marking", label="Marking"),
    ]

    def get_queryset(self):
        return SensitiveDownload.objects.all()
