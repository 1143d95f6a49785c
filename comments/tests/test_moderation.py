"""Pre-moderation in the admin: the queue and its filters, approve and reject one comment or
many, the 'possible disclosure' action and the safeguarding lead's list, mail, and purges."""

from django.core import mail
from wagtail.models import ModelLogEntry

from accounts.testing import login_with_mfa
from comments.models import Comment, Disclosure

QUEUE = "/admin/snippets/comments/comment/"


def bulk(action, *comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/comments/comment/{action}/?{ids}&next={QUEUE}"


def test_the_queue_lists_comments_and_filters_by_article_and_state(
    moderator_client, open_article, closed_article, make_comment
):
    make_comment(open_article, "Waiting on county lines")
    make_comment(closed_article, "Approved on trafficking", Comment.Status.APPROVED)
    html = moderator_client.get(QUEUE).content.decode()
    assert "Waiting on county lines" in html and "Approved on trafficking" in html
    for button in ("Approve", "Reject", "Possible disclosure"):
        assert button in html

    html = moderator_client.get(QUEUE, {"status": "pending"}).content.decode()
    assert "Waiting on county lines" in html and "Approved on trafficking" not in html
    html = moderator_client.get(QUEUE, {"page": closed_article.pk}).content.decode()
    assert "Approved on trafficking" in html and "Waiting on county lines" not in html


def test_approving_shows_the_comment_tells_the_writer_and_forgets_the_address(
    moderator_client, moderator, client, open_article, make_comment, purges
):
    comment = make_comment(open_article, "Please add a film", name="Jo", email="jo@example.com")
    confirm = moderator_client.get(bulk("approve", comment))
    assert "Please add a film" in confirm.content.decode()
    purged = purges(lambda: moderator_client.post(bulk("approve", comment)))
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.email == ""
    assert comment.moderated_by == moderator and comment.moderated_at
    (message,) = mail.outbox
    assert message.to == ["jo@example.com"]
    assert "County lines" in message.subject
    assert purged == {"http://localhost" + open_article.url}

    client.logout()
    html = client.get(open_article.url).content.decode()
    assert "Please add a film" in html and "Jo" in html


def test_rejecting_keeps_it_hidden_and_removing_an_approved_one_purges(
    moderator_client, open_article, make_comment, purges
):
    pending = make_comment(open_article, "Spammy")
    assert purges(lambda: moderator_client.post(bulk("reject", pending))) == set()
    pending.refresh_from_db()
    assert pending.status == "rejected"  # the article never showed it: nothing to purge

    shown = make_comment(open_article, "Shown for now", Comment.Status.APPROVED)
    purged = purges(lambda: moderator_client.post(bulk("reject", shown)))
    shown.refresh_from_db()
    assert shown.status == "rejected"
    assert purged == {"http://localhost" + open_article.url}
    shown.status = Comment.Status.APPROVED
    shown.save()
    assert purges(shown.delete) == {"http://localhost" + open_article.url}
    assert "Shown for now" not in moderator_client.get(open_article.url).content.decode()


def test_bulk_actions_moderate_many_at_once(
    moderator_client, moderator, open_article, make_comment
):
    comments = [make_comment(open_article, f"Comment {n}") for n in range(3)]
    moderator_client.post(bulk("approve", *comments[:2]))
    moderator_client.post(bulk("reject", comments[2]))
    states = dict(Comment.objects.values_list("body", "status"))
    assert states == {"Comment 0": "approved", "Comment 1": "approved", "Comment 2": "rejected"}
    # Each is in the admin's history, with who did it.
    entries = ModelLogEntry.objects.filter(content_type__app_label="comments")
    assert sorted(entries.values_list("action", flat=True)) == [
        "comments.approve",
        "comments.approve",
        "comments.reject",
    ]
    assert {entry.user_id for entry in entries} == {moderator.pk}


def test_someone_without_the_permission_cannot_moderate(
    client, make_user, open_article, make_comment
):
    from comments.tests.conftest import staff_user

    editor = staff_user(make_user, "editor@partnership.example", "Writers")
    login_with_mfa(client, editor)
    comment = make_comment(open_article, "Still waiting")
    client.post(bulk("approve", comment))
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_a_possible_disclosure_is_hidden_for_good_recorded_and_the_lead_told(
    moderator_client, lead, open_article, make_comment, purges
):
    comment = make_comment(
        open_article,
        "Someone at home hurts me",
        Comment.Status.APPROVED,
        name="K",
        email="k@example.com",
    )
    purged = purges(lambda: moderator_client.post(bulk("disclosure", comment)))
    comment.refresh_from_db()
    assert comment.status == "disclosure"
    assert (comment.body, comment.name, comment.email) == ("", "", "")
    record = Disclosure.objects.get()
    assert (record.body, record.name, record.email) == (
        "Someone at home hurts me",
        "K",
        "k@example.com",
    )
    assert record.page_id == open_article.pk and record.page_title == "County lines"
    assert purged == {"http://localhost" + open_article.url}

    (message,) = mail.outbox
    assert message.to == [lead.email]
    assert "/admin/disclosures/" in message.body
    assert "hurts me" not in message.body  # the words stay behind the lead's permission
    (entry,) = ModelLogEntry.objects.filter(action="comments.disclosure")
    assert "hurts me" not in entry.label and "hurts me" not in str(entry.data)

    # Hidden for good: approving it again does nothing.
    moderator_client.post(bulk("approve", comment))
    comment.refresh_from_db()
    assert comment.status == "disclosure"
    assert "hurts me" not in moderator_client.get(open_article.url).content.decode()
    assert "hurts me" not in moderator_client.get(QUEUE).content.decode()


def test_the_action_does_not_fail_when_mail_cannot_be_queued(
    moderator_client, lead, open_article, make_comment, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionError("queue unavailable")

    monkeypatch.setattr("comments.moderation.send_mail", broken)
    comment = make_comment(open_article, "I need help", email="w@example.com")
    assert moderator_client.post(bulk("disclosure", comment)).status_code == 302
    assert Disclosure.objects.count() == 1
    other = make_comment(open_article, "Fine", email="w@example.com")
    assert moderator_client.post(bulk("approve", other)).status_code == 302
    other.refresh_from_db()
    assert other.status == "approved"


DISCLOSURES = "/admin/disclosures/"


def test_only_the_safeguarding_lead_can_open_the_disclosures(
    client, lead, moderator, make_user, open_article, make_comment
):
    from comments import moderation

    moderation.record_disclosure([make_comment(open_article, "Words for the lead only")], moderator)
    record = Disclosure.objects.get()

    # Anonymous: sent to sign in.
    response = client.get(DISCLOSURES)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"{DISCLOSURES}inspect/{record.pk}/").status_code == 302

    # A practitioner, signed in without admin access: refused.
    practitioner = make_user("practitioner@school.example")
    client.force_login(practitioner)
    assert "Words for the lead only" not in client.get(DISCLOSURES).content.decode()
    assert client.get(DISCLOSURES).status_code == 403

    # A moderator with admin access but not the permission: refused.
    login_with_mfa(client, moderator)
    for url in (
        DISCLOSURES,
        f"{DISCLOSURES}inspect/{record.pk}/",
        f"{DISCLOSURES}edit/{record.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Words for the lead only" not in response.content.decode()
    assert "Possible disclosures" not in client.get("/admin/").content.decode()

    # The lead: sees the list and the words, and records what was done.
    login_with_mfa(client, lead)
    assert "Possible disclosure on" in client.get(DISCLOSURES).content.decode()
    for view in ("inspect", "edit"):
        html = client.get(f"{DISCLOSURES}{view}/{record.pk}/").content.decode()
        assert "Words for the lead only" in html, view
    client.post(
        f"{DISCLOSURES}edit/{record.pk}/", {"handled": "on", "notes": "Referred to the front door."}
    )
    record.refresh_from_db()
    assert record.handled and record.notes == "Referred to the front door."


def test_a_moderator_can_allow_links_in_one_comment(moderator_client, open_article, make_comment):
    comment = make_comment(open_article, "See https://example.org", Comment.Status.APPROVED)
    edit = f"{QUEUE}edit/{comment.pk}/"
    assert moderator_client.get(edit).status_code == 200
    moderator_client.post(edit, {"links_allowed": "on", "body": "changed", "name": "changed"})
    comment.refresh_from_db()
    assert comment.links_allowed
    assert comment.body == "See https://example.org"  # read-only in the editor
