"""Every import is a release; editors compare releases and roll back, and a roll-back is a
release of its own. In the admin and in code."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from accounts.testing import login_with_mfa
from figures import series
from figures.importer import compare, import_release, roll_back
from figures.models import Release
from figures.tables import CHILD

pytestmark = pytest.mark.django_db

NEW_QUARTER = "2024,Q1,Child (17 or under),Total,2000\n"


def revised(nrm_text):
    """A next release: 2023 Q4's Duty to Notify count revised, 2015 removed, 2024 Q1 added."""
    text = nrm_text["duty_to_notify"].replace("2023,Q4,1044", "2023,Q4,1050")
    text = text.replace("2023,Total,4929", "2023,Total,4935")
    text = (
        "\n".join(line for line in text.splitlines() if not line.startswith("2015,"))
        + "\n2024,Q1,1200\n"
    )
    return text


def test_compare_lists_added_changed_and_removed_figures(imported, nrm_text, nrm_files):
    first = imported.current_release
    second = import_release(
        imported,
        {"duty_to_notify": nrm_files(duty_to_notify=revised(nrm_text))["duty_to_notify"]},
        release_date=datetime.date(2024, 6, 13),
    )
    assert second.number == 2
    added, changed, removed = compare(first, second)
    assert added == [(("duty_to_notify", 2024, 1, "Total", "Total", ""), None, 1200)]
    assert changed == [
        (("duty_to_notify", 2023, 0, "Total", "Total", ""), 4929, 4935),
        (("duty_to_notify", 2023, 4, "Total", "Total", ""), 1044, 1050),
    ]
    assert [key for key, _, _ in removed] == [
        ("duty_to_notify", 2015, 0, "Total", "Total", ""),
        ("duty_to_notify", 2015, 4, "Total", "Total", ""),
    ]
    # The tables not uploaded are carried over unchanged.
    assert series.yearly(series.quarterly_referrals(second, CHILD))[2023] == 7432


def test_roll_back_is_a_release_of_its_own(imported, nrm_text, nrm_files):
    first = imported.current_release
    import_release(
        imported,
        {"duty_to_notify": nrm_files(duty_to_notify=revised(nrm_text))["duty_to_notify"]},
        release_date=datetime.date(2024, 6, 13),
    )
    third = roll_back(imported, first)
    imported.refresh_from_db()
    assert imported.current_release == third
    assert (third.number, third.kind, third.restores) == (3, Release.ROLLBACK, first)
    assert imported.release_date == first.release_date
    assert compare(first, third) == ([], [], [])
    assert list(imported.releases.values_list("number", flat=True)) == [3, 2, 1]


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "x" * 12)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_dataset", "change_dataset"])
    )
    return login_with_mfa(client, user)


def test_an_editor_imports_compares_and_rolls_back_in_the_admin(
    imported, editor, nrm_text, nrm_files
):
    form = {
        "release_date": "2024-06-13",
        "next_release_expected": "2024-09-30",
        "note": "2024 Q1",
        "duty_to_notify": nrm_files(duty_to_notify=revised(nrm_text))["duty_to_notify"],
    }
    listing = editor.get("/admin/snippets/figures/dataset/").content.decode()
    assert f'href="/admin/figures/{imported.pk}/import/"' in listing
    assert editor.get(f"/admin/figures/{imported.pk}/import/").status_code == 200
    response = editor.post(f"/admin/figures/{imported.pk}/import/", form)
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.current_release.number == 2
    assert imported.next_release_expected == datetime.date(2024, 9, 30)
    assert imported.release_date == datetime.date(2024, 6, 13)

    releases = editor.get(f"/admin/figures/{imported.pk}/releases/").content.decode()
    assert "Compare with release 1" in releases
    assert "Roll back to release 1" in releases

    page = editor.get(f"/admin/figures/{imported.pk}/compare/1/2/").content.decode()
    assert "Added: 1 figure" in page
    assert "Changed: 2 figures" in page
    assert "Removed: 2 figures" in page
    assert "2024 Q1" in page

    response = editor.post(f"/admin/figures/{imported.pk}/roll-back/1/")
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.current_release.restores.number == 1
    assert (
        "Roll-back to release 1"
        in editor.get(f"/admin/figures/{imported.pk}/releases/").content.decode()
    )


def test_the_admin_refuses_a_file_that_does_not_fit_and_says_why(
    imported, editor, nrm_text, nrm_files
):
    text = nrm_text["referrals"].replace("NRM referrals", "Referrals", 1)
    form = {"release_date": "2024-06-13", "referrals": nrm_files(referrals=text)["referrals"]}
    page = editor.post(f"/admin/figures/{imported.pk}/import/", form).content.decode()
    assert "Nothing was imported." in page
    assert "no column &#x27;NRM referrals&#x27;" in page
    assert imported.releases.count() == 1


def test_the_import_needs_permission_to_change_datasets(imported, client):
    user = get_user_model().objects.create_user("reader", "reader@example.org", "x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    reader = login_with_mfa(client, user)
    # Wagtail's admin answers a refusal by sending the user back to the dashboard.
    refused = reader.get(f"/admin/figures/{imported.pk}/import/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    refused = reader.post(f"/admin/figures/{imported.pk}/roll-back/1/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert imported.releases.count() == 1
