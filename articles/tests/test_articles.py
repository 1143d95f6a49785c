import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.testing import login_with_mfa
from contacts.models import Contact
from safeguarding.testing import streams


def test_topic_index_lists_live_public_articles_only(client, make_article):
    make_article("County lines", summary="How gangs use children to move drugs.")
    draft = make_article("Draft guidance")
    draft.unpublish()
    private = make_article("Partner-only guidance")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.add(Group.objects.create(name="Partners"))

    html = client.get("/practitioners/").content.decode()
    assert '<a href="/practitioners/county-lines/">County lines</a>' in html
    assert "How gangs use children to move drugs." in html
    assert "Draft guidance" not in html
    assert "Partner-only guidance" not in html


def test_article_renders_its_blocks_in_order_with_contents(client, make_article):
    article = make_article(
        body=[
            streams.heading("What child trafficking is"),
            streams.paragraph("<p>Children are moved and <strong>exploited</strong>.</p>"),
            streams.bullets("sexual exploitation", "benefit fraud"),
            streams.heading("What to do"),
            streams.external_link(
                "https://www.nspcc.org.uk/what-is-child-abuse/types-of-abuse/child-trafficking/",
                "NSPCC guidance on child trafficking",
            ),
            streams.key_figures(
                [("1,412", "live operations"), ("487", "involved under-18s")],
                "A police briefing for partner agencies",
                "May 2019",
            ),
        ]
    )
    html = client.get(article.url).content.decode()
    order = [
        '<h2 id="what-child-trafficking-is">What child trafficking is</h2>',
        "<p>Children are moved and <strong>exploited</strong>.</p>",
        "<li>sexual exploitation</li>",
        '<h2 id="what-to-do">What to do</h2>',
        ">NSPCC guidance on child trafficking</a>",
        '<span class="key-figures__number">1,412</span>',
        "Source: A police briefing for partner agencies, May 2019.",
    ]
    positions = [html.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert '<a href="#what-to-do">What to do</a>' in html  # "On this page"
    assert html.count("<h1") == 1


def test_callout_shows_audience_and_registry_contacts(client, make_article, make_contact):
    form = make_contact(
        organisation="Home Office",
        service="Report modern slavery as a first responder",
        kind=Contact.Kind.REFERRAL,
        channel=Contact.Channel.WEB_FORM,
        value="https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
    )
    helpline = make_contact(
        organisation="Unseen", service="Modern Slavery Helpline", value="08000 121 700"
    )
    article = make_article(
        body=[
            streams.callout(
                "first-responders",
                "Referring a child to the National Referral Mechanism",
                "<p>Every child must be referred.</p>",
                contacts=[form, helpline],
            )
        ]
    )
    html = client.get(article.url).content.decode()
    assert '<p class="callout__audience">For First Responders</p>' in html
    assert "Referring a child to the National Referral Mechanism" in html
    assert 'href="https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder"' in html
    assert '<a href="tel:08000121700">08000 121 700</a>' in html


def test_article_shows_owner_and_review_dates(client, make_article):
    article = make_article(
        content_owner="Exploitation subgroup", last_review_date=datetime.date(2026, 11, 2)
    )
    article.refresh_from_db()
    assert article.next_review_date == datetime.date(2027, 11, 2)
    html = client.get(article.url).content.decode()
    assert "<dt>Owner</dt><dd>Exploitation subgroup</dd>" in html
    assert "2 November 2026" in html and "2 November 2027" in html
    assert "This page is due for review" not in html


def test_overdue_article_warns_readers(client, make_article):
    article = make_article(last_review_date=datetime.date(2020, 1, 1))
    html = client.get(article.url).content.decode()
    assert "This page is due for review" in html
    assert "review-notice--overdue" in html


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "x" * 12)
    user.groups.add(Group.objects.get(name="Moderators"))
    # Admin pages need MFA (accounts.middleware).
    return login_with_mfa(client, user)


def test_editors_see_overdue_articles_on_dashboard_and_in_review_report(
    editor_client, make_article
):
    make_article("Stale guidance", last_review_date=datetime.date(2020, 1, 1))
    make_article("Fresh guidance", last_review_date=datetime.date.today())

    dashboard = editor_client.get("/admin/").content.decode()
    assert "Content review overdue" in dashboard
    assert "Stale guidance" in dashboard

    report = editor_client.get("/admin/reports/periodic-review/")
    assert report.status_code == 200
    assert "Stale guidance" in report.content.decode()


def test_editor_change_published_in_admin_shows_on_site(editor_client, make_article):
    article = make_article(body=[streams.paragraph("<p>Old wording.</p>")])
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "A new summary, written by an editor.",
            "body": streamfield([("paragraph", rich_text("<p>New wording.</p>"))]),
            "content_owner": article.content_owner,
            "last_review_date": "2026-11-02",
            "action-publish": "publish",
        }
    )
    response = editor_client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    editor_client.logout()
    html = editor_client.get(article.url).content.decode()
    assert "A new summary, written by an editor." in html
    assert "New wording." in html
    assert "Old wording." not in html
