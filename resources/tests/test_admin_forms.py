"""Editors manage resources, markings and sharing in the Wagtail admin, over HTTP.

Every rule of `resources.marking` is tried through the real add, edit and
multiple-upload views, as an editor in Wagtail's own Editors group who has passed
MFA. A refused save must give the editor their values back and store nothing.
"""

import datetime
import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from home.models import StandardPage
from resources.models import Audience, HandlingInstruction, Resource, Topic
from resources.testing import TINY_PDF, private_collection
from safeguarding.testing.fixtures import publish_child
from safeguarding.testing.streams import paragraph

from .editors import admin_fixture, admin_limited_to, editor_fixture  # noqa: F401

NEVER_UPLOAD = "Do not upload SECRET or TOP SECRET material"


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Child trafficking", slug="child-trafficking")


def pdf(name="briefing.pdf"):
    return SimpleUploadedFile(name, TINY_PDF, content_type="application/pdf")


def resource_data(collection, **overrides):
    """What the add or edit form posts for a sound public leaflet; `overrides` change it."""
    data = {
        "title": "Spotting exploitation",
        "collection": collection.pk,
        "summary": "Signs that a child is being exploited.",
        "audiences": [Audience.EDUCATION],
        "source_organisation": "Test Valley partnership",
        "publication_date": "2019-05-01",
        "review_date": "2027-05-01",
        "language": "en",
        "classification": "OFFICIAL",
        "handling_instruction": "",
        "embargoed_until": "",
        "descriptor": "",
        "sharing_group": "",
        "tags": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def sensitive_data(collection, group, **overrides):
    return resource_data(
        collection,
        sensitive="on",
        handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
        sharing_group=group.pk,
        **overrides,
    )


def add(admin, data):
    return admin.post("/admin/documents/add/", {**data, "file": pdf()})


def errors(response):
    """{field: [messages]} from the form the admin sent back."""
    form = response.context["form"]
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }


def shown(response):
    """The page's text as the editor reads it (entities such as &#x27; decoded)."""
    return unescape(response.content.decode())


# The form itself: usable controls and plain help.


def test_add_form_offers_checkboxes_date_inputs_and_plain_help(admin, topic):
    response = admin.get("/admin/documents/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="checkbox" name="audiences" value="education"' in html
    assert f'type="checkbox" name="topics" value="{topic.pk}"' in html
    for name in ("publication_date", "review_date", "embargoed_until"):
        assert f'type="date" name="{name}"' in html
    form = response.context["form"]
    for name in (
        "summary",
        "audiences",
        "source_organisation",
        "review_date",
        "sensitive",
        "handling_instruction",
        "embargoed_until",
        "sharing_group",
        "classification",
        "topics",
        "publication_date",
        "descriptor",
        "language",
    ):
        assert form.fields[name].help_text, name
        assert str(form.fields[name].help_text) in html.replace("&#x27;", "'"), name


# Adding a document.


def test_a_public_leaflet_is_added_with_its_marking_fields(admin, public_collection, topic):
    response = add(admin, resource_data(public_collection, topics=[topic.pk]))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.audiences == [Audience.EDUCATION]
    assert list(resource.topics.all()) == [topic]
    assert resource.publication_date == datetime.date(2019, 5, 1)
    assert resource.marking == "OFFICIAL"


@pytest.mark.parametrize("classification", ["SECRET", "TOP SECRET"])
def test_secret_and_top_secret_are_refused(admin, public_collection, classification):
    response = add(admin, resource_data(public_collection, classification=classification))
    assert response.status_code == 200
    assert NEVER_UPLOAD in " ".join(errors(response)["classification"])
    assert NEVER_UPLOAD in shown(response)
    assert not Resource.objects.exists()


def test_sensitive_document_in_a_public_collection_is_refused_naming_the_group(
    admin, public_collection, practitioners
):
    response = add(admin, sensitive_data(public_collection, practitioners))
    assert response.status_code == 200
    message = " ".join(errors(response)["collection"])
    assert "private to the group 'Test Valley practitioners' and no other" in message
    assert message in shown(response)
    assert not Resource.objects.exists()


def test_sensitive_document_without_a_sharing_group_is_refused(admin, sensitive_collection):
    data = resource_data(
        sensitive_collection,
        sensitive="on",
        handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
    )
    response = add(admin, data)
    assert response.status_code == 200
    assert "Choose the group" in " ".join(errors(response)["sharing_group"])
    assert not Resource.objects.exists()


def test_sensitive_document_in_a_collection_private_to_its_group_alone_is_accepted(
    admin, sensitive_collection, practitioners
):
    response = add(admin, sensitive_data(sensitive_collection, practitioners))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.sensitive and resource.sharing_group == practitioners
    assert resource.marking == "OFFICIAL-SENSITIVE – PARTNERSHIP USE ONLY"


def test_sensitive_document_in_a_sub_collection_of_its_groups_collection_is_accepted(
    admin, sensitive_collection, practitioners
):
    child = sensitive_collection.add_child(name="Briefings")
    assert add(admin, sensitive_data(child, practitioners)).status_code == 302


def test_collection_shared_with_the_group_and_another_group_is_refused(
    admin, practitioners, other_group
):
    shared = private_collection("Two partnerships", practitioners, other_group)
    response = add(admin, sensitive_data(shared, practitioners))
    assert response.status_code == 200
    assert "'Test Valley practitioners' and no other" in " ".join(errors(response)["collection"])
    assert not Resource.objects.exists()


def test_collection_private_to_another_group_only_is_refused(admin, practitioners, other_group):
    elsewhere = private_collection("Other partnership", other_group)
    response = add(admin, sensitive_data(elsewhere, practitioners))
    assert "collection" in errors(response)
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    "marking",
    [
        {"sensitive": "on"},
        {"handling_instruction": HandlingInstruction.PARTNERSHIP_USE_ONLY},
        {"handling_instruction": HandlingInstruction.RECIPIENTS_ONLY},
    ],
)
def test_public_audience_needs_material_cleared_for_public_release(
    admin, public_collection, marking
):
    data = resource_data(public_collection, audiences=[Audience.PUBLIC], **marking)
    response = add(admin, data)
    assert response.status_code == 200
    assert "can be for the public" in " ".join(errors(response)["audiences"])
    assert not Resource.objects.exists()


def test_public_audience_in_a_private_collection_is_refused(admin, practitioners):
    collection = private_collection("Partners only", practitioners)
    data = resource_data(
        collection,
        audiences=[Audience.PUBLIC],
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
    )
    response = add(admin, data)
    assert "the public cannot read it" in " ".join(errors(response)["audiences"])


def test_embargo_needs_a_date_and_a_date_needs_an_embargo(admin, public_collection):
    no_date = add(
        admin, resource_data(public_collection, handling_instruction=HandlingInstruction.EMBARGOED)
    )
    assert errors(no_date)["embargoed_until"] == ["Give the date the embargo ends."]
    stray_date = add(admin, resource_data(public_collection, embargoed_until="2027-01-01"))
    assert "Only an EMBARGOED document" in errors(stray_date)["embargoed_until"][0]
    assert not Resource.objects.exists()
    dated = add(
        admin,
        resource_data(
            public_collection,
            handling_instruction=HandlingInstruction.EMBARGOED,
            embargoed_until="2027-01-01",
        ),
    )
    assert dated.status_code == 302
    assert Resource.objects.get().marking == "OFFICIAL – EMBARGOED UNTIL 1 JANUARY 2027"


def test_a_refused_add_gives_the_editor_back_everything_they_typed(
    admin, public_collection, practitioners, topic
):
    data = sensitive_data(
        public_collection,
        practitioners,
        summary="Figures for partners, by area.",
        source_organisation="Demo Valley Police",
        audiences=[Audience.POLICE, Audience.HEALTH],
        topics=[topic.pk],
        descriptor="PERSONAL DATA",
    )
    response = add(admin, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Figures for partners, by area." in html
    assert 'value="Demo Valley Police"' in html
    assert 'value="2019-05-01"' in html
    form = response.context["form"]
    for name in ("audiences", "topics", "sensitive", "sharing_group", "descriptor"):
        value = form[name].value()
        assert value, name
    assert set(form["audiences"].value()) == {"police", "health"}
    assert str(form["sharing_group"].value()) == str(practitioners.pk)
    for checked in ('audiences" value="police"', 'audiences" value="health"', "sensitive"):
        assert re.search(rf'name="{checked}[^>]* checked', html), checked
    assert re.search(rf'name="topics" value="{topic.pk}"[^>]* checked', html)
    assert re.search(rf'value="{practitioners.pk}" selected>Test Valley practitioners', html)


# Editing a document.


def test_the_edit_form_shows_stored_dates_in_the_date_inputs(admin, public_resource):
    """A date input shows only an ISO date (2019-05-01), whatever the site's locale."""
    type(public_resource).objects.filter(pk=public_resource.pk).update(
        publication_date=datetime.date(2019, 5, 1),
        review_date=datetime.date(2027, 5, 1),
    )
    html = admin.get(f"/admin/documents/edit/{public_resource.pk}/").content.decode()
    assert re.search(r'type="date" name="publication_date" value="2019-05-01"', html)
    assert re.search(r'type="date" name="review_date" value="2027-05-01"', html)


def test_a_refused_edit_keeps_the_stored_record_and_the_editors_values(
    admin, public_resource, practitioners
):
    url = f"/admin/documents/edit/{public_resource.pk}/"
    assert admin.get(url).status_code == 200
    data = sensitive_data(
        public_resource.collection,
        practitioners,
        title="Renamed by the editor",
        summary="A summary the editor typed.",
        audiences=[Audience.CARERS],
    )
    response = admin.post(url, data)
    assert response.status_code == 200
    assert "collection" in errors(response)
    html = response.content.decode()
    assert 'value="Renamed by the editor"' in html
    assert "A summary the editor typed." in html
    stored = Resource.objects.get(pk=public_resource.pk)
    assert stored.title == "Child trafficking advice for carers"
    assert not stored.sensitive and stored.sharing_group is None
    assert stored.summary == "What carers can look out for."


def test_an_edit_that_keeps_the_rules_is_saved(admin, public_resource):
    url = f"/admin/documents/edit/{public_resource.pk}/"
    data = resource_data(
        public_resource.collection,
        title="Advice for carers",
        audiences=[Audience.CARERS, Audience.PUBLIC],
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
    )
    assert admin.post(url, data).status_code == 302
    assert Resource.objects.get(pk=public_resource.pk).title == "Advice for carers"


def test_moving_a_document_linked_from_a_live_public_page_is_refused_naming_the_page(
    admin, public_resource, home_page, practitioners
):
    publish_child(
        home_page,
        StandardPage(
            title="Help for carers",
            slug="help-for-carers",
            body=[
                paragraph(
                    f'<p>Read <a linktype="document" id="{public_resource.pk}">the leaflet</a>.</p>'
                )
            ],
            content_owner="Test team",
        ),
    )
    private = private_collection("Partners only", practitioners)
    data = resource_data(private, title=public_resource.title, audiences=[Audience.CARERS])
    response = admin.post(f"/admin/documents/edit/{public_resource.pk}/", data)
    assert response.status_code == 200
    message = " ".join(errors(response)["collection"])
    assert "'Help for carers'" in message
    assert message in shown(response)
    assert Resource.objects.get(pk=public_resource.pk).collection == public_resource.collection


# The multiple uploader: title, file and collection only; the defaults apply.


def upload(admin, collection):
    response = admin.post(
        "/admin/documents/multiple/add/",
        {"title": "Leaflet", "collection": collection.pk, "files[]": pdf("leaflet.pdf")},
    )
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize("where", ["public", "private"])
def test_multiple_uploader_accepts_a_plain_upload_with_the_defaults(
    admin, where, public_collection, practitioners
):
    collection = (
        public_collection if where == "public" else private_collection("Partners", practitioners)
    )
    result = upload(admin, collection)
    assert result["success"] and "doc_id" in result, result
    resource = Resource.objects.get(pk=result["doc_id"])
    assert (resource.collection, resource.language, resource.classification) == (
        collection,
        "en",
        "OFFICIAL",
    )
    assert not resource.sensitive and resource.audiences == []
    assert 'type="checkbox"' in result["form"]


def test_multiple_uploader_edit_step_applies_the_rules(
    admin, public_collection, sensitive_collection, practitioners
):
    result = upload(admin, public_collection)
    doc_id = result["doc_id"]
    prefix = f"doc-{doc_id}-"
    refused = admin.post(
        f"/admin/documents/multiple/{doc_id}/",
        {
            prefix + key: value
            for key, value in sensitive_data(public_collection, practitioners).items()
        },
    )
    body = json.loads(refused.content)
    assert body["success"] is False
    assert "private to the group" in body["form"]
    assert "Spotting exploitation" in body["form"]
    assert not Resource.objects.get(pk=doc_id).sensitive

    accepted = admin.post(
        f"/admin/documents/multiple/{doc_id}/",
        {
            prefix + key: value
            for key, value in sensitive_data(sensitive_collection, practitioners).items()
        },
    )
    assert json.loads(accepted.content)["success"] is True
    assert Resource.objects.get(pk=doc_id).sharing_group == practitioners


# Listing and chooser keep working with the new fields.


def test_listing_and_chooser_show_resources(admin, public_resource, sensitive_resource):
    listing = admin.get("/admin/documents/")
    assert listing.status_code == 200
    assert public_resource.title in listing.content.decode()
    chooser = admin.get("/admin/documents/chooser/")
    assert chooser.status_code == 200
    assert public_resource.title in chooser.content.decode()
    search = admin.get("/admin/documents/?q=carers")
    assert public_resource.title in search.content.decode()


def test_an_editor_with_one_collection_is_held_to_the_rules_of_that_collection(
    client, make_user, sensitive_collection, practitioners
):
    """Wagtail hides the collection field when there is one choice, and fills it in on save.

    The rules must judge that collection, not the root the model defaults to.
    """
    admin = admin_limited_to(client, make_user, sensitive_collection, "wagtaildocs", "document")
    form = admin.get("/admin/documents/add/").context["form"]
    assert "collection" not in form.fields
    data = sensitive_data(sensitive_collection, practitioners)
    del data["collection"]
    assert add(admin, data).status_code == 302
    assert Resource.objects.get().collection == sensitive_collection

    public = resource_data(
        sensitive_collection,
        title="For everyone",
        audiences=[Audience.PUBLIC],
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
    )
    del public["collection"]
    response = add(admin, public)
    assert response.status_code == 200
    assert "This collection is private, so the public cannot read it." in shown(response)
    assert Resource.objects.count() == 1
