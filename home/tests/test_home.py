import re

from core import demo
from home.demo import load_home, load_routes


def test_home_routes_each_audience_and_puts_danger_first(client, site, topic_index, partnership):
    home = load_home(site)
    load_routes(
        home,
        {
            "worried": partnership.worried_page,
            "children": partnership.privacy_page,
            "practitioners": topic_index,
        },
    )
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


def test_load_home_replaces_wagtails_welcome_page_once(site):
    welcome = site.root_page
    home = load_home(site)
    site.refresh_from_db()
    assert site.root_page_id == home.pk
    assert not type(welcome).objects.filter(pk=welcome.pk).exists()
    assert load_home(site).pk == home.pk


def test_standard_page_renders_body_and_review_notice(client, home_page, partnership):
    page = partnership.worried_page.specific
    page.body = [demo.heading("Call 999 in an emergency"), demo.paragraph("<p>Then tell us.</p>")]
    page.save_revision().publish()
    html = client.get("/worried/").content.decode()
    assert '<h2 id="call-999-in-an-emergency">Call 999 in an emergency</h2>' in html
    assert "<dt>Owner</dt><dd>Test team</dd>" in html
