"""Editors are told which contacts are due to be checked: dashboard panel and report."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from accounts.testing import login_with_mfa
from contacts.models import Contact
from contacts.reports import contacts_to_check


@pytest.fixture
def contacts(make_contact):
    """A helpline with an editors' note, checked on 2 November 2026, and a front door
    last checked in May 2024."""
    return {
        "nspcc": make_contact(verification_note="Bank holiday hours not confirmed."),
        "front_door_eastwood": make_contact(
            organisation="Eastwood Council",
            service="Children's Front Door",
            kind=Contact.Kind.FRONT_DOOR,
            value="0118 496 0200",
            last_verified=datetime.date(2024, 5, 1),
        ),
    }


def admin_client(client, *permissions):
    """Signed in to the admin (with MFA) as a user with only these permissions."""
    user = get_user_model().objects.create_user("editor", "editor@example.org", "x" * 12)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=permissions),
    )
    return login_with_mfa(client, user)


def test_contacts_to_check_lists_overdue_and_soon_due_only(contacts):
    today = datetime.date(2026, 12, 1)
    due = contacts_to_check(today)
    assert [contact.pk for contact in due] == [contacts["front_door_eastwood"].pk]
    # Five months on, every contact checked on 2 November 2026 is due within 30 days.
    later = contacts_to_check(datetime.date(2027, 4, 10))
    assert len(later) == Contact.objects.count()


def test_stale_flag_follows_the_re_check_interval(contacts):
    contact = contacts["nspcc"]
    assert contact.verification_due == datetime.date(2027, 5, 2)
    assert not contact.is_stale(datetime.date(2027, 5, 2))
    assert contact.is_stale(datetime.date(2027, 5, 3))
    contact.verify_every_months = 12
    assert not contact.is_stale(datetime.date(2027, 5, 3))


def test_dashboard_panel_and_report_show_overdue_contacts_to_editors(client, contacts):
    admin = admin_client(client, "change_contact")
    dashboard = admin.get("/admin/").content.decode()
    assert "Contacts to check" in dashboard
    assert "Eastwood Council: Children&#x27;s Front Door (phone)" in dashboard
    assert "(overdue)" in dashboard

    report = admin.get("/admin/reports/contacts-to-check/")
    assert report.status_code == 200
    html = report.content.decode()
    assert "Eastwood Council: Children&#x27;s Front Door (phone)" in html
    assert "NSPCC" not in html

    export = admin.get("/admin/reports/contacts-to-check/?export=csv")
    assert export.status_code == 200
    assert "Eastwood Council" in b"".join(export.streaming_content).decode()


def test_editors_see_verification_notes_the_public_never_does(client, contacts):
    note = contacts["nspcc"].verification_note
    assert note
    for url in ["/contacts.json", "/contacts.csv"]:
        assert note not in client.get(url).content.decode()


def test_people_who_cannot_change_contacts_see_neither(client, contacts):
    admin = admin_client(client)
    assert "Eastwood Council" not in admin.get("/admin/").content.decode()
    assert admin.get("/admin/reports/contacts-to-check/").status_code in (302, 403)
