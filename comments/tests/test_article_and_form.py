"""Open, closed and self-closing articles; the form page, its notice and its spam defences;
what the article shows of approved comments, and that it stays cookie-free and shareable."""

import datetime
import time

import pytest
from django.core import signing
from django.utils import timezone

from comments.forms import TOKEN_SALT, issue_token
from comments.models import Comment, CommentSettings
from comments.tests.conftest import form_data

CLOSED = "Comments are closed for this article."
SAY = "Have your say"


def test_an_article_is_closed_by_default_and_offers_no_form(client, closed_article):
    html = client.get(closed_article.url).content.decode()
    assert CLOSED in html
    assert f"/have-your-say/{closed_article.pk}/" not in html
    page = client.get(f"/have-your-say/{closed_article.pk}/")
    assert "Comments are closed for this article" in page.content.decode()
    assert 'class="comment-form"' not in page.content.decode()


def test_a_closed_article_refuses_a_comment_sent_anyway(client, closed_article, send_comment):
    send_comment(closed_article)
    assert not Comment.objects.exists()


def test_an_open_article_links_to_the_form_on_its_own_page(client, open_article):
    html = client.get(open_article.url).content.decode()
    assert CLOSED not in html
    assert f'href="/have-your-say/{open_article.pk}/"' in html
    assert SAY in html
    assert "<form" not in html.split('<section class="comments"', 1)[1]


def test_comments_close_by_themselves_at_the_closing_time(client, make_article):
    past = make_article(
        "Past", comments_open=True, comments_close_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert CLOSED in client.get(past.url).content.decode()
    assert 'class="comment-form"' not in client.get(f"/have-your-say/{past.pk}/").content.decode()

    soon = make_article(
        "Soon",
        comments_open=True,
        comments_close_at=timezone.now() + datetime.timedelta(minutes=10),
    )
    response = client.get(soon.url)
    assert CLOSED not in response.content.decode()
    # No shared copy outlives the closing time.
    max_age = int(response["CDN-Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 600


def test_the_form_page_warns_first_and_says_what_is_kept(client, open_article, make_contact, site):
    childline = make_contact(organisation="Childline", service="For children", value="0800 1111")
    settings = CommentSettings.for_site(site)
    settings.children_contact = childline
    settings.save()
    response = client.get(f"/have-your-say/{open_article.pk}/")
    html = response.content.decode()
    warning = html.index("Do not use this form to report a concern or to ask for help")
    assert warning < html.index('class="comment-form"')
    assert 'href="/worried/"' in html  # the partnership's worried route
    assert 'href="tel:08001111">0800 1111</a>' in html
    assert 'href="tel:999">999</a>' in html
    assert "What we keep, and for how long" in html
    assert "deleted, with your name and email address, after 30 days" in html
    assert 'class="quick-exit' in html  # the base layout, with the exit control
    # The form page sets the CSRF cookie, so no cache may share it or the browser keep it.
    assert "csrftoken" in response.cookies
    assert "CDN-Cache-Control" not in response
    assert "no-store" in response["Cache-Control"]
    # Its form posts back with an Origin the CSRF check accepts (not `null`).
    assert response["Referrer-Policy"] == "same-origin"


def test_the_article_sets_no_cookie_and_stays_in_the_shared_cache(
    client, open_article, make_comment
):
    make_comment(open_article, status=Comment.Status.APPROVED)
    client.get(f"/have-your-say/{open_article.pk}/")  # a visitor who opened the form before
    client.cookies.clear()
    response = client.get(open_article.url)
    assert not response.cookies
    assert response["CDN-Cache-Control"].startswith("max-age=")


def test_a_comment_waits_for_moderation(client, open_article, send_comment):
    response = send_comment(open_article, body="A useful page.", name="Jo", email="jo@example.com")
    assert response.status_code == 302
    assert response["Location"] == f"/have-your-say/{open_article.pk}/sent/"
    comment = Comment.objects.get()
    assert (comment.status, comment.name, comment.email) == ("pending", "Jo", "jo@example.com")
    assert "A useful page." not in client.get(open_article.url).content.decode()
    assert "Thank you for your comment" in client.get(response["Location"]).content.decode()


def test_a_form_sent_twice_makes_one_comment(open_article, send_comment):
    data = form_data()
    send_comment(open_article, **data)
    send_comment(open_article, **data)
    assert Comment.objects.count() == 1


def test_approved_comments_show_oldest_first_with_dates_and_nothing_else(
    client, closed_article, make_comment
):
    now = timezone.now()
    make_comment(
        closed_article,
        "Second",
        Comment.Status.APPROVED,
        created_at=now - datetime.timedelta(days=1),
    )
    make_comment(
        closed_article,
        "First",
        Comment.Status.APPROVED,
        name="Sam",
        created_at=now - datetime.timedelta(days=3),
    )
    make_comment(closed_article, "Waiting", Comment.Status.PENDING)
    make_comment(closed_article, "Refused", Comment.Status.REJECTED)
    make_comment(closed_article, "Passed on", Comment.Status.DISCLOSURE)
    html = client.get(closed_article.url).content.decode()
    assert html.index("First") < html.index("Second")
    assert "Sam" in html and "Anonymous" in html
    assert (now - datetime.timedelta(days=3)).strftime("%-d %B %Y") in html
    for hidden in ("Waiting", "Refused", "Passed on"):
        assert hidden not in html
    assert CLOSED in html


def test_comment_text_is_escaped_with_its_line_breaks_and_email_never_shown(
    client, open_article, make_comment
):
    make_comment(
        open_article,
        '<script>alert("x")</script>\n<img src=x onerror=alert(1)>\n\nSecond paragraph',
        Comment.Status.APPROVED,
        email="writer@example.com",
    )
    html = client.get(open_article.url).content.decode()
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>"
        "&lt;img src=x onerror=alert(1)&gt;</p>" in html
    )
    assert "<p>Second paragraph</p>" in html
    assert "<script>alert" not in html
    assert "writer@example.com" not in html


def test_links_are_plain_text_unless_an_editor_allows_them(
    client, open_article, make_comment, site
):
    plain = make_comment(open_article, "See https://example.org/help", Comment.Status.APPROVED)
    html = client.get(open_article.url).content.decode()
    assert "See https://example.org/help" in html
    assert 'href="https://example.org/help"' not in html

    plain.links_allowed = True
    plain.save()
    html = client.get(open_article.url).content.decode()
    assert '<a href="https://example.org/help" rel="nofollow">https://example.org/help</a>' in html

    plain.links_allowed = False
    plain.save()
    settings = CommentSettings.for_site(site)
    settings.links_clickable = True
    settings.save()
    assert 'href="https://example.org/help"' in client.get(open_article.url).content.decode()


# Spam and abuse defences: each refuses with what to change, and keeps what was typed.

TYPED = "My words, kept when the form comes back"


def refused(response, message):
    html = response.content.decode()
    assert message in html, html
    assert TYPED in html
    assert 'value="Jo"' in html
    assert "Error: Have your say" in html
    assert not Comment.objects.exists()
    return html


@pytest.mark.parametrize(
    "fields, message",
    [
        (
            {"website": "http://spam.example"},
            "Leave the field &#x27;Leave this field empty&#x27; empty",
        ),
        ({"token": "age:1"}, "sent very quickly after the form opened"),
        ({"token": "age:10800"}, "open for more than 2 hours"),
        ({"token": "made-up"}, "We could not check this form"),
        ({"body": TYPED + " https://a.example www.b.example c.example.com"}, "has 3 web addresses"),
        ({"body": TYPED + " x" * 1100}, "Shorten it to 2,000 characters or fewer"),
        (
            {"body": TYPED + " BUY cheap pills now"},
            "contains &#x27;cheap pills&#x27;, which we do not publish",
        ),
        ({"email": "not-an-address"}, "Enter an email address like name@example.com"),
    ],
)
def test_each_spam_defence_says_what_to_change_and_keeps_the_text(
    open_article, send_comment, site, fields, message
):
    settings = CommentSettings.for_site(site)
    settings.blocked_words = "Cheap pills\nviagra"
    settings.save()
    if fields.get("token", "").startswith("age:"):  # a form shown that many seconds ago
        fields = {"token": issue_token(time.time() - int(fields["token"][4:]))}
    response = send_comment(open_article, **({"body": TYPED, "name": "Jo"} | fields))
    assert response.status_code == 200
    refused(response, message)


def test_a_refused_form_opens_with_the_error_summary_above_the_heading(
    client, open_article, send_comment
):
    html = send_comment(open_article, body="", email="not-an-address").content.decode()
    summary = html.index('<div class="error-summary" tabindex="-1" data-error-summary>')
    assert html.index('id="main-content"') < summary < html.index("<h1>")
    assert '<h2 class="error-summary__title">Your comment was not sent</h2>' in html
    assert '<a href="#id_body">Write your comment before you send it.</a>' in html
    assert '<a href="#id_email">Enter an email address like name@example.com' in html
    assert "core/components/error-summary.js" in html
    # The form as it first opens has no summary, and loads neither its styles nor its script.
    html = client.get(f"/have-your-say/{open_article.pk}/").content.decode()
    assert "error-summary" not in html


def test_a_refused_form_comes_back_with_a_fresh_token(open_article, send_comment):
    html = send_comment(open_article, website="x", body=TYPED, name="Jo").content.decode()
    token = html.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert time.time() - signing.loads(token, salt=TOKEN_SALT)["t"] < 5


def test_sending_too_many_comments_from_one_address_is_refused(
    open_article, send_comment, settings
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "comment": "2/h/ip"}
    assert send_comment(open_article, body="One").status_code == 302
    assert send_comment(open_article, body="Two").status_code == 302
    response = send_comment(open_article, body=TYPED, name="Jo")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several comments in a short time. Wait an hour" in html
    assert TYPED in html
    assert Comment.objects.count() == 2
    # Another address is not held back.
    assert (
        send_comment(open_article, body="Three", headers={"REMOTE_ADDR": "192.0.2.9"}).status_code
        == 302
    )
