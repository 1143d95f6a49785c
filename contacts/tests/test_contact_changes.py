"""An editor who changes a contact's number or hours confirms the check, sees the pages it
reaches, and the change still waits for a moderator. Through the admin's edit view, on the
demo's contacts."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.testing import login_with_mfa
from contacts.models import Contact
from contacts.usage import pages_showing

NEW_NUMBER = "0118 496 0199"
CONFIRM = "I have checked the new details against the source"


@pytest.fixture
def editor(client, demo_data, db, make_user):
    """Signed in to the admin as a member of Editors only: drafts, never publishes."""
    user = make_user("new.editor@demo.example")
    user.groups.add(Group.objects.get(name="Editors"))
    return login_with_mfa(client, user)


@pytest.fixture
def front_door(demo_data):
    return demo_data["contact", "front-door-northbridge"]


def edit_url(contact):
    return f"/admin/snippets/help/contact/edit/{contact.pk}/"


def opening_times(contact, replaced_by=None):
    """The opening-times formset as the form posts it: the saved rows, or, to change
    them, the saved rows deleted and `replaced_by` added: [(weekday, last, opens, closes)]."""
    saved = [
        {
            "id": period.pk,
            "weekday": period.weekday,
            "last_weekday": "" if period.last_weekday is None else period.last_weekday,
            "opens": f"{period.opens:%H:%M}",
            "closes": f"{period.closes:%H:%M}",
        }
        for period in contact.opening_periods.all()
    ]
    rows = saved
    if replaced_by is not None:
        rows = [row | {"DELETE": "1"} for row in saved] + [
            {"weekday": first, "last_weekday": last, "opens": opens, "closes": closes}
            for first, last, opens, closes in replaced_by
        ]
    return inline_formset(rows, initial=len(saved))


def form_data(contact, periods=None, **changes):
    """What the edit form posts for `contact` as it is saved, with `changes`; `periods`
    replaces its opening times."""
    fields = {
        "organisation": contact.organisation,
        "service": contact.service,
        "kind": contact.kind,
        "channel": contact.channel,
        "audience": contact.audience,
        "value": contact.value,
        "when_to_use": contact.when_to_use,
        "scope": contact.scope,
        "areas": [area.pk for area in contact.areas.all()],
        "bank_holidays": contact.bank_holidays,
        "opening_periods": opening_times(contact, periods),
        "other_hours": streamfield([]),
        "hours_note": contact.hours_note,
        "out_of_hours": contact.out_of_hours_id or "",
        "source_url": contact.source_url,
        "last_verified": contact.last_verified.isoformat(),
        "verified_by": contact.verified_by,
        "verify_every_months": contact.verify_every_months,
        "verification_note": contact.verification_note,
    }
    if contact.open_24_hours:
        fields["open_24_hours"] = "on"
    return nested_form_data(fields | changes)


def confirmed(**changes):
    return {
        "last_verified": timezone.localdate().isoformat(),
        "verified_by": "Sam Editor, business unit",
        "details_checked": "on",
        **changes,
    }


def form_errors(response):
    form = response.context["form"]
    return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


def test_the_editor_shows_the_published_pages_that_show_the_contact(editor, front_door):
    pages = pages_showing(front_door)
    assert "Worried about a child?" in [page.title for page in pages]
    html = editor.get(edit_url(front_door)).content.decode()
    assert f"Shown on {len(pages)} published page" in html
    for page in pages:
        assert f'href="/admin/pages/{page.pk}/edit/"' in html
    new = editor.get("/admin/snippets/help/contact/add/")
    assert "Once it is saved, the pages that show this contact are listed here." in (
        new.content.decode()
    )


def test_a_changed_number_not_confirmed_is_refused_with_what_to_do(editor, front_door):
    typed = form_data(front_door, value=NEW_NUMBER, hours_note="Ask for the duty worker.")
    response = editor.post(edit_url(front_door), typed)
    assert response.status_code == 200
    errors = form_errors(response)
    (message,) = errors["__all__"]
    shown_on = len(pages_showing(front_door))
    assert message.startswith(
        f"You changed the number. This contact is shown on {shown_on} published pages."
    )
    assert "set 'Last checked' to the date you checked them" in message
    assert CONFIRM in message
    assert errors["last_verified"] == ["Give the date you checked the new details."]
    assert errors["details_checked"] == ["Tick to confirm you checked the new details."]
    # Nothing typed is lost, and nothing is saved.
    html = response.content.decode()
    assert f'value="{NEW_NUMBER}"' in html
    assert "Ask for the duty worker." in html
    saved = Contact.objects.get(pk=front_door.pk)
    assert saved.value == front_door.value
    assert saved.latest_revision_id == front_door.latest_revision_id


def test_changed_hours_need_the_check_too(editor, front_door):
    weekdays = [(0, 4, "09:00", "17:00")]
    errors = form_errors(editor.post(edit_url(front_door), form_data(front_door, weekdays)))
    assert errors["__all__"][0].startswith("You changed the opening hours. This contact")
    # Ticking the box with the old date is not enough: the date says when it was checked.
    ticked = form_data(front_door, weekdays, details_checked="on")
    errors = form_errors(editor.post(edit_url(front_door), ticked))
    assert list(errors) == ["__all__", "last_verified"]
    # A date with other hours is a change of hours too.
    christmas_eve = streamfield([("date", {"date": "2026-12-24", "opens": "", "closes": ""})])
    errors = form_errors(
        editor.post(edit_url(front_door), form_data(front_door, other_hours=christmas_eve))
    )
    assert errors["__all__"][0].startswith("You changed the opening hours. This contact")


def test_the_same_times_entered_another_way_are_no_change(editor, demo_data):
    eastwood = demo_data["contact", "front-door-eastwood"]  # Monday to Friday, 9am to 5pm
    one_row_a_day = [(day, "", "09:00", "17:00") for day in range(5)]
    response = editor.post(edit_url(eastwood), form_data(eastwood, one_row_a_day))
    assert response.status_code == 302, form_errors(response)


def test_a_confirmed_change_waits_for_a_moderator(editor, front_door):
    changed = form_data(front_door, [(0, 4, "09:00", "17:00")], value=NEW_NUMBER, **confirmed())
    response = editor.post(edit_url(front_door), changed | {"action-submit": "submit"})
    assert response.status_code == 302, form_errors(response)

    saved = Contact.objects.get(pk=front_door.pk)
    assert saved.value == front_door.value  # the public still sees the published number
    assert saved.has_unpublished_changes
    draft = saved.get_latest_revision_as_object()
    assert draft.value == NEW_NUMBER
    assert draft.last_verified == timezone.localdate()
    assert draft.verified_by == "Sam Editor, business unit"
    assert [str(period) for period in draft.opening_periods.all()] == [
        "Monday to Friday, 9am to 5pm"
    ]
    state = WorkflowState.objects.get(
        object_id=str(saved.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.workflow.name == "Contact approval"


def test_other_changes_need_no_new_check(editor, front_door):
    changed = form_data(front_door, when_to_use="For a concern about a child in Northbridge.")
    response = editor.post(edit_url(front_door), changed)
    assert response.status_code == 302, form_errors(response)
    draft = Contact.objects.get(pk=front_door.pk).get_latest_revision_as_object()
    assert draft.when_to_use == "For a concern about a child in Northbridge."


def test_a_check_cannot_be_dated_in_the_future(editor, front_door):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    changed = form_data(front_door, value=NEW_NUMBER, **confirmed(last_verified=tomorrow))
    errors = form_errors(editor.post(edit_url(front_door), changed))
    assert "The date of the check cannot be in the future." in errors["last_verified"]
