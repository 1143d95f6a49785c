"""Charts drawn on the server: accessible SVG, the same figures in a table, and a CSV of
exactly what is drawn."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def chart_block(dataset, chart, years=5):
    return {
        "type": "figures_chart",
        "value": {"dataset": dataset.pk, "chart": chart, "years": years},
    }


@pytest.fixture
def chart_page(client, make_article, imported):
    def get(chart, years=5):
        article = make_article(
            title=f"Figures {chart} {years}", body=[chart_block(imported, chart, years)]
        )
        response = client.get(article.url)
        assert response.status_code == 200
        return response, BeautifulSoup(response.content, "html.parser").select_one("figure.chart")

    return get


def table_rows(figure):
    return [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in figure.select("table tbody tr")
    ]


def test_a_line_chart_is_an_image_with_its_finding_in_words(chart_page):
    _, figure = chart_page("child-referrals-quarterly")
    svg = figure.svg
    assert svg["role"] == "img"
    title, desc = svg.title, svg.desc
    assert svg["aria-labelledby"].split() == [title["id"], desc["id"]]
    assert title.get_text() == "Children: NRM referrals per quarter"
    assert (
        desc.get_text()
        == "NRM referrals of children rose from 1,939 in 2022 Q4 to 1,945 in 2023 Q4."
    )
    assert svg["viewbox"].startswith("0 0 ")
    assert not svg.has_attr("width")  # It scales to the width it is given, 320 px included.
    assert len(str(svg).encode()) < 4096


def test_a_line_chart_has_one_mark_per_figure_and_the_table_agrees(chart_page):
    _, figure = chart_page("child-referrals-quarterly", years=5)
    marks = figure.svg.select(".chart__mark")
    rows = table_rows(figure)
    assert len(marks) == len(rows) == 20  # five years of quarters
    assert rows[0][0] == "2019 Q1" and rows[-1] == ["2023 Q4", "1,945"]
    assert [f"{int(m['data-value']):,}" for m in marks] == [row[1] for row in rows]


def test_lines_differ_by_dash_and_marker_not_colour_alone(chart_page):
    _, figure = chart_page("referrals-by-age-quarterly", years=2)
    series = figure.svg.select(".chart__series")
    assert len(series) == 3
    dashes = [s.path.get("stroke-dasharray", "") for s in series]
    shapes = [s.select_one(".chart__mark").name for s in series]
    assert len(set(dashes)) == 3
    assert len(set(shapes)) == 3
    # Each line is labelled directly at its end, with its latest figure.
    labels = [s.select_one(".chart__label").get_text(" ") for s in series]
    assert labels == ["Adults 1,978", "Children 1,945", "Age unknown 219"]


def test_bars_start_at_zero_and_are_as_long_as_their_figures(chart_page):
    _, figure = chart_page("child-referrals-yearly", years=10)
    svg = figure.svg
    bars = svg.select("rect.chart__bar")
    rows = table_rows(figure)
    assert len(bars) == len(rows) == 10
    assert rows[-2:] == [["2022", "7,004"], ["2023", "7,432"]]
    zero = svg.select_one(".chart__axis line")
    assert svg.select_one(".chart__zero").get_text() == "0"
    for bar, row in zip(bars, rows, strict=True):
        assert float(bar["x"]) == float(zero["x1"])
        assert bar["data-value"] == row[1]
    # Lengths in proportion to the figures, from zero.
    ratios = {round(float(b["width"]) / int(b["data-value"].replace(",", "")), 3) for b in bars}
    assert max(ratios) - min(ratios) < 0.002


def test_no_style_attribute_or_element_and_no_other_host(chart_page):
    response, figure = chart_page("referrals-by-age-quarterly")
    html = response.content.decode()
    assert "<style" not in html
    assert not BeautifulSoup(html, "html.parser").select("[style]")
    assert not figure.select("[href^=http], [src], image, use")


def test_the_csv_holds_exactly_the_figures_drawn(client, chart_page):
    _, figure = chart_page("referrals-by-age-quarterly", years=3)
    link = figure.select_one(".chart__download a")
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["CDN-Cache-Control"].startswith("max-age=")
    assert not response.cookies
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, data = rows[0], rows[1 : 1 + 12]
    assert header == ["Period", "Adults", "Children", "Age unknown"]
    drawn = {
        s["data-series"]: [m["data-value"] for m in s.select(".chart__mark")]
        for s in figure.svg.select(".chart__series")
    }
    for column, label in enumerate(header[1:], start=1):
        assert [row[column] for row in data] == drawn[label]
    assert [row[0] for row in data] == [row[0] for row in table_rows(figure)]
    assert rows[1 + 12] == []
    assert rows[-2][0].startswith("Source: Home Office")


def test_a_chart_that_does_not_exist_has_no_csv(client, imported):
    release = imported.current_release.pk
    assert client.get(f"/figures/{release}/no-such-chart-5.csv").status_code == 404
    assert client.get(f"/figures/{release}/child-referrals-quarterly-99.csv").status_code == 404
