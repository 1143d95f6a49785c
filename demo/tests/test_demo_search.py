"""The demo library is searchable by the words inside its files, straight after loading:
a word only in a public leaflet finds it for anyone, and a word only in a sensitive file
finds it for the demo practitioner and for no other demo visitor."""

import pytest
from django.test import Client

CARERS_LEAFLET = "Child trafficking advice for carers"
AREAS_INFOGRAPHIC = "Modern slavery infographic, April 2019: local policing areas"


@pytest.fixture
def demo(demo_data, db):
    return demo_data


def titles_found(demo, user_key, query):
    client = Client()
    if user_key:
        client.force_login(demo["user", user_key])
    response = client.post("/search/", {"query": query})
    assert response.status_code == 200
    html = response.content.decode()
    return {title for title in (CARERS_LEAFLET, AREAS_INFOGRAPHIC) if title in html}


@pytest.mark.parametrize("user_key", [None, "pending", "other", "practitioner"])
def test_a_word_only_in_a_public_leaflet_finds_it(demo, user_key):
    assert titles_found(demo, user_key, "passport") == {CARERS_LEAFLET}


@pytest.mark.parametrize("user_key", [None, "pending", "other", "practitioner"])
def test_a_word_only_in_a_sensitive_file_finds_it_for_the_practitioner_only(demo, user_key):
    found = titles_found(demo, user_key, "presentations")
    assert found == ({AREAS_INFOGRAPHIC} if user_key == "practitioner" else set())
