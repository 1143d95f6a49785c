"""Restricted material answers as missing material does, to everyone who may not read it.

Trying `/resources/<id>/` or `/documents/<id>/<file>` for every id must not tell an
anonymous visitor, a signed-up but unapproved practitioner or another group's member
which restricted resources exist: the status, the headers that matter and the page
are the same for a restricted id as for an id with nothing behind it. The only
difference allowed is the address itself, which the page repeats in its sign-in link.
"""

import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.db.models import Max

from resources.models import Resource, SensitiveDownload
from resources.testing import REFUSED, private_collection

pytestmark = pytest.mark.django_db

HEADERS = ("Content-Type", "Cache-Control", "X-Robots-Tag", "Vary", "Location")


@pytest.fixture
def restricted(sensitive_resource, make_resource, practitioners):
    """Sensitive material, and OFFICIAL material that only its collection makes private."""
    notes = make_resource(
        "Quokkaflint meeting notes",
        private_collection("Members' notes", practitioners),
        filename="notes.pdf",
    )
    return [sensitive_resource, notes]


def addresses(resource):
    """Each address at which a resource answers by its id."""
    return [f"/resources/{resource.pk}/", resource.url]


def unused(address):
    """The same address with an id that no resource has."""
    missing = (Resource.objects.aggregate(Max("pk"))["pk__max"] or 0) + 1
    kind, _, rest = address.strip("/").partition("/")
    return "/".join(["", kind, str(missing), rest.partition("/")[2]])


def answer(client, address):
    """All a visitor learns from asking: status, headers, and the page without the address."""
    response = client.get(address)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    page = body.decode(errors="replace")
    for form in (quote(address, safe=""), quote(address), address):
        page = page.replace(form, "ADDRESS")
    # The "Sign out" form's token is masked afresh on every page: random, so it tells nothing.
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", page)
    return response.status_code, {name: response.get(name) for name in HEADERS}, page


@pytest.mark.parametrize("persona", REFUSED)
def test_restricted_resources_answer_exactly_as_missing_ones(
    persona, client_as, library, restricted
):
    client = client_as(persona)
    for resource in restricted:
        for address in addresses(resource):
            missing = answer(client, unused(address))
            assert missing[0] == 404, address
            assert answer(client, address) == missing, address
    assert not SensitiveDownload.objects.exists()


@pytest.mark.parametrize("persona", REFUSED)
def test_the_answer_names_nothing(persona, client_as, library, restricted):
    client = client_as(persona)
    for resource in restricted:
        for address in addresses(resource):
            page = client.get(address).content.decode()
            assert resource.title not in page
            assert resource.filename not in page.replace(address, "")


def test_an_anonymous_visitor_is_offered_sign_in_coming_back_here(client, library, restricted):
    for address in [*addresses(restricted[0]), unused(restricted[0].url), "/no-such-page/"]:
        page = BeautifulSoup(client.get(address).content, "html.parser")
        assert page.h1.get_text() == "Page not found"
        link = page.select_one('main a[href^="/accounts/login/"]')
        assert link["href"] == f"/accounts/login/?next={quote(address)}", address


@pytest.mark.parametrize("persona", ["pending", "other_group", "member"])
def test_someone_signed_in_is_not_offered_sign_in(persona, client_as, library, restricted):
    page = BeautifulSoup(client_as(persona).get("/resources/0/").content, "html.parser")
    assert page.h1.get_text() == "Page not found"
    assert not page.select('main a[href^="/accounts/login/"]')


def test_a_member_still_gets_the_page_and_the_file(client_as, library, restricted):
    member = client_as("member")
    for resource in restricted:
        page = member.get(f"/resources/{resource.pk}/")
        assert page.status_code == 200
        assert resource.title in page.content.decode()
        download = member.get(resource.url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert SensitiveDownload.objects.count() == 1  # the sensitive one only


def test_sensitive_material_outside_a_group_collection_answers_as_missing_to_everyone(
    client_as, library, sensitive_resource, public_collection
):
    # A bulk move skips the form's rules; access still fails closed, and says nothing.
    Resource.objects.filter(pk=sensitive_resource.pk).update(collection=public_collection)
    for persona in [*REFUSED, "member"]:
        client = client_as(persona)
        for address in addresses(sensitive_resource):
            assert answer(client, address) == answer(client, unused(address)), (persona, address)
