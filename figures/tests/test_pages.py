"""Pages show the current release by themselves: the local view, a new release replacing
the figures, the purge that follows, and the notice when the figures may be out of date."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from figures.importer import import_release, roll_back
from figures.models import FiguresSettings

from .conftest import upload

pytestmark = pytest.mark.django_db

ROOT = "http://localhost"


def block(kind, dataset, **value):
    return {"type": kind, "value": {"dataset": dataset.pk, **value}}


def soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def local_page(make_article, imported, site):
    settings = FiguresSettings.for_site(site)
    settings.police_force_area = "Thames Valley Police"
    settings.save()
    return make_article(
        title="Local figures",
        body=[
            block(
                "local_comparison", imported, heading="Referrals made by our police force", years=2
            )
        ],
    )


def test_the_local_view_shows_the_force_beside_the_uk(client, local_page):
    section = soup(client, local_page).select_one("section.local-figures")
    text = section.get_text(" ", strip=True)
    assert (
        "Thames Valley Police made 25 NRM referrals of children in 2023 Q4: 1.3% of the UK's "
        "child referrals that quarter"
    ) in text
    assert (
        "referrals that Thames Valley Police made as a first responder, wherever the child lives"
        in text
    )
    assert "no figures by where a child lives" in text
    charts = section.select("figure.chart")
    assert [c.svg.title.get_text() for c in charts] == [
        "Thames Valley Police: child referrals it made per quarter",
        "UK: child referrals per quarter, by every first responder",
    ]
    assert charts[0].svg.select(".chart__mark")[-1]["data-value"] == "25"
    assert charts[1].svg.select(".chart__mark")[-1]["data-value"] == "1945"
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in section.select(":scope > details table tbody tr")
    ]
    assert rows[-1] == ["2023 Q4", "25", "1,945", "1.3%"]
    assert "Source: Home Office" in text


def test_the_local_csv_is_the_local_table(client, local_page):
    link = soup(client, local_page).select_one("section.local-figures .chart__download a")
    lines = client.get(link["href"]).content.decode().splitlines()
    assert lines[0] == "Period,Thames Valley Police,UK,Thames Valley Police's share of the UK"
    assert "2023 Q4,25,1945,1.3%" in lines


def test_without_a_police_force_area_there_is_no_local_view(client, make_article, imported):
    page = make_article(title="No area", body=[block("local_comparison", imported, years=2)])
    section = soup(client, page).select_one("section.local-figures")
    assert "has not named its police force area" in section.get_text()
    assert not section.select("svg")


def next_quarter(nrm_text, child=2100):
    """The referrals file with 2024 Q1 added (children: `child`)."""
    rows = []
    for age, value in [
        ("Adult (18 or over)", 2000),
        ("Child (17 or under)", child),
        ("Age not specified or unknown", 200),
    ]:
        parts = [value - 30, 20, 10, 0]
        for location, part in zip(
            ["UK", "Overseas", "UK and Overseas", "Not specified or unknown"], parts, strict=True
        ):
            rows.append(f"2024,Q1,{age},{location},{part}")
        rows.append(f"2024,Q1,{age},Total,{value}")
    return nrm_text["referrals"] + "\n".join(rows) + "\n"


@pytest.fixture
def article(make_article, imported):
    return make_article(
        title="Trafficking",
        body=[
            block("headline_figure", imported, measure="child-referrals-latest-quarter"),
            block("figures_chart", imported, chart="child-referrals-quarterly", years=2),
        ],
    )


def headline_text(client, page):
    return soup(client, page).select_one("figure.headline-figure").get_text(" ", strip=True)


def test_the_article_shows_the_new_release_once_imported(client, article, imported, nrm_text):
    before = headline_text(client, article)
    assert "1,945 NRM referrals of children in 2023 Q4" in before
    assert "Period: 2023 Q4" in before
    import_release(
        imported,
        {"referrals": upload("referrals.csv", next_quarter(nrm_text))},
        release_date=datetime.date(2024, 6, 13),
    )
    after = headline_text(client, article)
    assert "2,100 NRM referrals of children in 2024 Q1 (up from 1,894 in 2023 Q1)" in after
    assert "Period: 2024 Q1" in after
    assert "released 13 June 2024" in after
    desc = soup(client, article).select_one("figure.chart svg desc").get_text()
    assert desc == "NRM referrals of children rose from 1,894 in 2023 Q1 to 2,100 in 2024 Q1."


@override_settings(
    WAGTAILFRONTENDCACHE={"recording": {"BACKEND": "safeguarding.testing.purge.RecordingBackend"}}
)
def test_importing_and_rolling_back_purge_the_pages_that_show_the_dataset(
    article, make_article, imported, nrm_text, purged_urls, django_capture_on_commit_callbacks
):
    unrelated = make_article(title="Unrelated")
    purged_urls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        import_release(
            imported,
            {"referrals": upload("referrals.csv", next_quarter(nrm_text))},
            release_date=datetime.date(2024, 6, 13),
        )
    assert ROOT + article.url in purged_urls
    assert ROOT + unrelated.url not in purged_urls
    purged_urls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        roll_back(imported, imported.releases.get(number=1))
    assert ROOT + article.url in purged_urls


def test_figures_after_the_next_release_date_may_be_out_of_date(client, article, imported):
    imported.next_release_expected = datetime.date.today() - datetime.timedelta(days=1)
    imported.save()
    assert "These figures may be out of date" in headline_text(client, article)
    assert "may be out of date" in soup(client, article).select_one(".figures-block").get_text()
    imported.next_release_expected = datetime.date.today() + datetime.timedelta(days=30)
    imported.save()
    assert "out of date" not in headline_text(client, article)


def test_pages_with_figures_are_public_and_cacheable(client, article):
    response = client.get(article.url)
    assert response["CDN-Cache-Control"].startswith("max-age=")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


@override_settings(
    WAGTAILFRONTENDCACHE={"recording": {"BACKEND": "safeguarding.testing.purge.RecordingBackend"}}
)
def test_editing_a_dataset_or_the_police_force_area_purges_its_pages(
    article, imported, site, purged_urls, django_capture_on_commit_callbacks
):
    purged_urls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        imported.next_release_expected = datetime.date(2024, 9, 30)
        imported.save()
    assert ROOT + article.url in purged_urls
    purged_urls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        settings = FiguresSettings.for_site(site)
        settings.police_force_area = "Essex Police"
        settings.save()
    assert ROOT + article.url in purged_urls
