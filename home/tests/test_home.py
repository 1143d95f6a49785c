import re

from safeguarding.testing import streams


def test_home_routes_each_audience_and_puts_danger_first(
    client, home_page, topic_index, partnership
):
    home_page.routes = [
        streams.route(
            "For anyone worried about a child",
            "Worried about a child?",
            "Who to call.",
            partnership.worried_page,
        ),
        streams.route(
            "For children and young people",
            "Help for you",
            "Someone to talk to.",
            partnership.privacy_page,
        ),
        streams.route(
            "For people who work with children",
            "Guidance for practitioners",
            "Topic guidance.",
            topic_index,
        ),
    ]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()

    main = html[html.index("<main") :]
    assert main.index("Is a child in danger right now?") < main.index('class="routes"')
    routes = re.findall(
        r'<p class="route__audience">([^<]+)</p>\s*<h2 class="route__title">'
        r'<a class="route__link" href="([^"]+)">([^<]+)</a>',
        html,
    )
    assert routes == [
        ("For anyone worried about a child", "/worried/", "Worried about a child?"),
        ("For children and young people", "/privacy/", "Help for you"),
        ("For people who work with children", "/practitioners/", "Guidance for practitioners"),
    ]


def test_standard_page_renders_body_and_review_notice(client, home_page, partnership):
    page = partnership.worried_page.specific
    page.body = [
        streams.heading("Call 999 in an emergency"),
        streams.paragraph("<p>Then tell us.</p>"),
    ]
    page.save_revision().publish()
    html = client.get("/worried/").content.decode()
    assert '<h2 id="call-999-in-an-emergency">Call 999 in an emergency</h2>' in html
    assert "<dt>Owner</dt><dd>Test team</dd>" in html
