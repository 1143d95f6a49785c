"""The loader on data of its own: a fresh site, the site's root page, and clear errors."""

import textwrap

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from accounts.models import AccountSettings
from demo.facts import DATA
from demo.loader import DemoDataError, load, read
from demo.loader.graph import ordered
from resources.models import Resource


def write(directory, files):
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return directory


# Without the demo users (as in production) ---------------------------------------------


@pytest.mark.django_db
def test_without_demo_users_the_library_still_has_its_practitioner_group():
    loaded = load(DATA, users=False)
    practitioners = Group.objects.get(name="Demo Valley practitioners")
    sensitive = Resource.objects.filter(sensitive=True)
    assert sensitive.count() == 3
    for document in sensitive:
        assert document.sharing_group == practitioners
    assert not get_user_model().objects.exists()
    assert not any(kind == "user" for kind, _ in loaded)
    assert not AccountSettings.for_site(Site.objects.get(is_default_site=True)).allowed_domains


# The home page replaces Wagtail's placeholder ---------------------------------------------


@pytest.mark.django_db
def test_the_site_root_page_replaces_wagtails_welcome_page_once(tmp_path):
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    data = write(
        tmp_path,
        {
            "pages/home.toml": """
                model = "home.HomePage"
                site_root = true
                title = "Test Valley"
                slug = "test-valley"
                intro = "Keeping children safe."
            """
        },
    )
    home = load(data)["page", "home"]
    site.refresh_from_db()
    assert site.root_page_id == home.pk
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert load(data)["page", "home"].pk == home.pk


# Clear errors -------------------------------------------------------------------------

PAGE = """
    model = "home.StandardPage"
    parent = "{parent}"
    title = "{title}"
    slug = "{slug}"
    intro = "An introduction."
    content_owner = "Test team"
"""


def test_a_missing_parent_names_the_page_and_the_key(tmp_path):
    data = write(
        tmp_path, {"pages/help.toml": PAGE.format(parent="home", title="Help", slug="help")}
    )
    with pytest.raises(DemoDataError) as error:
        ordered(read(data))
    assert str(error.value) == (
        "page 'help' in pages/help.toml refers to 'home' (wagtailcore.Page), "
        "which no data file defines"
    )


def test_a_missing_contact_in_a_block_is_named(tmp_path):
    data = write(
        tmp_path,
        {
            "pages/home.toml": """
                model = "home.HomePage"
                site_root = true
                title = "Home"
                slug = "home"
                intro = "Welcome."
            """,
            "pages/help.toml": PAGE.format(parent="home", title="Help", slug="help")
            + """
                [[body]]
                type = "related_contacts"
                value.heading = "Who to contact"
                value.contacts = ["nspcc-helpline"]
            """,
        },
    )
    with pytest.raises(DemoDataError, match=r"page 'help' .* refers to 'nspcc-helpline'"):
        ordered(read(data))


def test_a_cycle_of_references_is_named(tmp_path):
    data = write(
        tmp_path,
        {
            "pages/first.toml": PAGE.format(parent="second", title="First", slug="first"),
            "pages/second.toml": PAGE.format(parent="first", title="Second", slug="second"),
        },
    )
    with pytest.raises(DemoDataError, match="cycle") as error:
        ordered(read(data))
    assert "page 'first'" in str(error.value) and "page 'second'" in str(error.value)


def test_an_unknown_field_is_named(tmp_path):
    data = write(
        tmp_path,
        {
            "contacts.toml": """
                [models]
                area = { model = "help.Area", find_by = ["slug"] }

                [[area]]
                key = "northbridge"
                name = "Northbridge"
                slug = "northbridge"
                councel = "Northbridge Council"
            """
        },
    )
    with pytest.raises(DemoDataError, match="area 'northbridge' .* no field 'councel'"):
        ordered(read(data))


@pytest.mark.django_db
def test_a_document_that_breaks_the_marking_rules_stops_the_loader(tmp_path):
    data = write(
        tmp_path,
        {
            "library.toml": """
                [models]
                group = { model = "auth.Group" }
                collection = { model = "wagtailcore.Collection" }
                resource = { model = "resources.Resource", find_by = ["title"] }

                [demo_files]
                creator = "Test"
                notice = "Demo file for {title}."
                handling = "Marked {marking} for {group}."

                [[group]]
                key = "practitioners"
                name = "Test Valley practitioners"

                [[collection]]
                key = "public"
                name = "Leaflets"

                [[resource]]
                key = "briefing"
                title = "Misfiled briefing"
                collection = "public"
                summary = "A police briefing."
                audiences = ["social-care"]
                source_organisation = "Police"
                review_date = 2027-05-02
                sensitive = true
                handling_instruction = "PARTNERSHIP USE ONLY"
                sharing_group = "practitioners"
                file.name = "briefing.pdf"
                file.real_copy = "Not published."
            """
        },
    )
    with pytest.raises(DemoDataError, match="resource 'briefing' .* marking rules.*collection"):
        load(data)
    assert not Resource.objects.filter(title="Misfiled briefing").exists()
