"""Loading the demo again: nothing changes, and an editor's change survives."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Revision

from resources.models import Resource


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def stored_files():
    files = {}
    for document in Resource.objects.order_by("pk"):
        with document.open_file() as handle:
            files[document.title] = handle.read()
    return files


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo_data):
    before = counts()
    latest = list(Page.objects.order_by("pk").values_list("latest_revision_id", flat=True))
    files = stored_files()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == before
    assert Revision.objects.count() == before["wagtailcore.Revision"]
    assert list(Page.objects.order_by("pk").values_list("latest_revision_id", flat=True)) == (
        latest
    )
    assert stored_files() == files
    assert output.getvalue().startswith(
        "Demo site ready: Demo Valley Safeguarding Children Partnership with 10 pages.\n"
    )


@pytest.mark.django_db
def test_loading_again_keeps_every_editors_change(demo_data):
    article = demo_data["page", "child-trafficking"]
    article.title = "Child trafficking: guidance"
    article.body = [{"type": "paragraph", "value": "<p>Rewritten by an editor.</p>"}]
    article.save_revision().publish()
    contact = demo_data["contact", "nspcc"]
    contact.value = "0808 800 5001"
    contact.save_revision().publish()
    leaflet = demo_data["resource", "ctac-advice-for-carers"]
    leaflet.summary = "Edited by the partnership's editor."
    leaflet.save()
    partnership = demo_data["settings", "partnership"]
    partnership.areas_covered = "Northbridge and Eastwood"
    partnership.save()
    home = demo_data["page", "home"]
    del home.routes[1:]
    home.save_revision().publish()

    call_command("load_demo", stdout=io.StringIO())

    article = demo_data["page", "child-trafficking"]
    assert article.title == "Child trafficking: guidance"
    assert [block.block_type for block in article.body] == ["paragraph"]
    assert demo_data["contact", "nspcc"].value == "0808 800 5001"
    assert demo_data["resource", "ctac-advice-for-carers"].summary == (
        "Edited by the partnership's editor."
    )
    assert demo_data["settings", "partnership"].areas_covered == "Northbridge and Eastwood"
    assert len(demo_data["page", "home"].routes) == 1
    assert Page.objects.filter(slug="child-trafficking").count() == 1
