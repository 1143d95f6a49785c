"""Finding the child's area from a town, village or postcode, from the places and postcode
districts editors keep on each area: the matching rules, and the form over HTTP."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from contacts import area_finder
from contacts.models import Area

FINDER = "/find-your-area/"
PAGE = "/worried-about-a-child/"


@pytest.mark.parametrize(
    ("typed", "district"),
    [
        ("RG14 5AB", "RG14"),
        ("rg14 5ab", "RG14"),
        ("RG145AB", "RG14"),
        ("  rg14   5ab ", "RG14"),
        ("RG1 1AA", "RG1"),
        ("rg11aa", "RG1"),
        ("RG14", "RG14"),
        ("rg1", "RG1"),
        ("SW1A 1AA", "SW1A"),
        ("Reading", ""),
        ("RG14 5", ""),
        ("14 High Street", ""),
        ("", ""),
    ],
)
def test_a_postcode_is_reduced_to_its_district(typed, district):
    assert area_finder.outward_code(typed) == district


@pytest.mark.parametrize(
    "typed", ["Purley on Thames", "purley-on-thames", "PURLEY ON THAMES", " Purley  on Thames. "]
)
def test_a_place_name_matches_whatever_its_case_spacing_and_punctuation(typed):
    assert area_finder.place_key(typed) == area_finder.place_key("Purley on Thames")


def test_apostrophes_and_full_stops_do_not_count():
    assert area_finder.place_key("St. Mary's") == area_finder.place_key("st marys")


def areas():
    return [
        Area(
            name="North",
            slug="north",
            main_places="Newbury\nThatcham",
            other_places="Tilehurst",
            postcode_districts="RG14 RG31",
        ),
        Area(
            name="River",
            slug="river",
            main_places="Reading",
            other_places="Tilehurst\nCaversham",
            postcode_districts="RG1 RG31",
        ),
    ]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Thatcham", ["north"]),
        ("caversham", ["river"]),
        ("rg14 5ab", ["north"]),
        ("RG1 1AA", ["river"]),
        ("Tilehurst", ["north", "river"]),  # a place in both areas
        ("RG31 7XX", ["north", "river"]),  # a district in both areas
        ("RG2", []),
        ("Atlantis", []),
        ("Newbury Thatcham", []),
        ("!!!", []),
    ],
)
def test_find_areas(typed, found):
    assert [area.slug for area in area_finder.find_areas(typed, areas())] == found


def test_editors_lists_are_tidied_and_bad_districts_refused():
    area = Area(
        name="North",
        slug="north",
        council="North Council",
        main_places=" Newbury \n\nThatcham\nNewbury",
        postcode_districts="rg14, RG18  rg14",
    )
    area.clean()
    assert area.main_places == "Newbury\nThatcham"
    assert area.postcode_districts == "RG14 RG18"
    area.postcode_districts = "RG14 Newbury 1AA"
    with pytest.raises(ValidationError) as error:
        area.clean()
    assert "NEWBURY, 1AA" in str(error.value)


# Over HTTP, on the demo's areas -------------------------------------------------------


def find(client, typed):
    return client.post(FINDER, {"place": typed})


@pytest.mark.parametrize(
    ("typed", "area"),
    [
        ("RG14 5AB", "northbridge"),
        ("rg145ab", "northbridge"),
        ("RG5", "eastwood"),
        ("rg1 1aa", "riverside"),
        ("purley-on-thames", "northbridge"),
        ("WOKINGHAM", "eastwood"),
        ("emmer green", "riverside"),
    ],
)
def test_one_match_goes_on_to_the_areas_answer(client, concern, typed, area):
    response = find(client, typed)
    assert response.status_code == 303
    assert response["Location"] == f"{PAGE}?area={area}#answer"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_the_form_posts_what_was_typed_without_a_token_or_a_cookie(concern):
    html = Client().get(PAGE).content.decode()
    form = re.search(r'<form class="area-finder".*?</form>', html, re.S).group()
    assert 'method="post"' in form and f'action="{FINDER}#area-finder"' in form
    assert "csrfmiddlewaretoken" not in form
    assert 'autocomplete="off"' in form and 'spellcheck="false"' in form
    response = Client(enforce_csrf_checks=True).post(FINDER, {"place": "Thatcham"})
    assert response.status_code == 303 and not response.cookies


def test_a_place_in_two_areas_offers_both(client, concern):
    response = find(client, "Tilehurst")
    assert response.status_code == 200
    html = response.content.decode()
    choices = re.search(r'<div class="area-finder__choices">.*?</div>', html, re.S).group()
    assert "Tilehurst is in more than one area." in choices
    hrefs = re.findall(r'href="([^"]+)"', choices)
    assert hrefs == [f"{PAGE}?area=northbridge#answer", f"{PAGE}?area=riverside#answer"]
    assert 'value="Tilehurst"' in html


def test_nothing_found_says_so_and_keeps_what_was_typed(client, concern):
    response = find(client, "Atlantis")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Worried about a child?" in html
    assert "We could not find that place" in html
    field = re.search(r'<input type="text" name="place"[^>]*>', html).group()
    assert 'value="Atlantis"' in field and 'aria-invalid="true"' in field
    assert "id_place_error" in field  # the message is tied to the box
    # What was typed is never kept where a shared cache or the browser could find it.
    assert "no-store" in response["Cache-Control"]
    assert "CDN-Cache-Control" not in response and not response.cookies


def test_what_was_typed_is_escaped(client, concern):
    html = find(client, '<script>alert("x")</script>').content.decode()
    assert '<script>alert("x")</script>' not in html
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in html


def test_an_empty_box_asks_for_a_place(client, concern):
    html = find(client, "   ").content.decode()
    assert "Enter the town, village or postcode where the child lives." in html


def test_a_get_of_the_finder_goes_to_the_page(client, concern):
    response = client.get(FINDER)
    assert response.status_code == 302 and response["Location"] == PAGE


def test_a_changed_area_is_purged_from_the_shared_cache(
    concern, purged_urls, django_capture_on_commit_callbacks
):
    page, demo = concern
    area = Area.objects.get(pk=demo["area", "riverside"].pk)
    area.main_places += "\nSouthcote"
    with django_capture_on_commit_callbacks(execute=True):
        area.save()
    assert any(url.endswith(PAGE) for url in purged_urls)
