"""The demo: the NRM statistics imported by load_demo, the statistics page, the child
trafficking article's current figures, and the partnership's police force area."""

import pytest
from bs4 import BeautifulSoup

from figures.models import FiguresSettings

pytestmark = pytest.mark.django_db

ARTICLE = "/practitioners/child-trafficking/"
FIGURES_PAGE = "/practitioners/modern-slavery-figures/"


@pytest.fixture
def demo(demo_data, db):
    return demo_data


def main_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").main


def text_of(node):
    return " ".join(node.get_text(" ").split())


def test_load_demo_imports_the_nrm_statistics(demo):
    dataset = demo["dataset", "nrm-statistics"]
    assert dataset.current_release.number == 1
    assert dataset.current_release.figures.count() == 6145
    assert dataset.publisher == "Home Office"
    assert "Open Government Licence v3.0" in dataset.licence


def test_the_demo_site_names_its_police_force_area(demo):
    site = demo["page", "home"].get_site()
    assert FiguresSettings.for_site(site).police_force_area == "Thames Valley Police"


def section_after(main, heading_text):
    """The elements from the h2 `heading_text` to the next h2."""
    heading = [h for h in main.select("h2") if text_of(h) == heading_text][0]
    elements = []
    for element in heading.find_all_next():
        if element.name == "h2":
            break
        elements.append(element)
    return elements


def test_the_article_heads_its_figures_with_the_latest_release(client, demo):
    main = main_of(client, ARTICLE)
    section = section_after(main, "How many children are affected")
    figures = [e for e in section if e.name == "figure" and "key-figures" in e.get("class", [])]
    first = text_of(figures[0])
    assert first.startswith("7,432 NRM referrals of children in 2023 (up from 7,004 in 2022)")
    assert "Period: 2023." in first
    assert "Source: Home Office" in first
    assert "released 7 March 2024" in first
    assert "44% of all NRM referrals in 2023 were of people exploited as children" in text_of(
        figures[1]
    )
    # The May 2019 figures stay, below, as history with their date.
    history = [f for f in figures if "1,412" in text_of(f)]
    assert history and figures.index(history[0]) > 1
    subheadings = [text_of(e) for e in section if e.name == "h3"]
    assert "Earlier figures: a police briefing of May 2019" in subheadings
    chart = [e for e in section if e.name == "figure" and "chart" in e.get("class", [])][0]
    assert chart.svg.desc.get_text() == (
        "NRM referrals of children rose from 1,939 in 2022 Q4 to 1,945 in 2023 Q4."
    )


def test_the_statistics_page_shows_every_chart_with_its_source(client, demo):
    main = main_of(client, FIGURES_PAGE)
    charts = main.select("figure.chart")
    assert len(charts) == 7
    for chart in charts:
        assert chart.svg["role"] == "img"
        # The local comparison's two charts share one table, after them.
        holder = chart.find_parent(class_="local-figures") or chart
        assert holder.select("details table tbody tr")
    assert len(main.select(".chart__download a")) == 6
    text = text_of(main)
    assert "4,142 NRM referrals of people of all ages in 2023 Q4" in text
    assert "Thames Valley Police made 25 NRM referrals of children in 2023 Q4" in text
    # The demo's release is from March 2024, and the next was expected by June 2024.
    assert "These figures may be out of date" in text
    for link in main.select(".chart__download a"):
        assert client.get(link["href"]).status_code == 200
