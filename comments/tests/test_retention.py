"""Personal data in comments is kept for a written period, by a scheduled job."""

import datetime

from django.utils import timezone

from comments.models import Comment, CommentSettings, Disclosure
from comments.tasks import remove_comment_personal_data


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_rejected_comments_go_after_30_days_and_approved_names_after_the_sites_period(
    open_article, make_comment, site, purges
):
    settings = CommentSettings.for_site(site)
    settings.approved_retention_days = 90
    settings.save()
    old_rejected = make_comment(
        open_article, "Old", "rejected", name="A", moderated_at=days_ago(31)
    )
    new_rejected = make_comment(
        open_article, "New", "rejected", name="B", moderated_at=days_ago(29)
    )
    old_approved = make_comment(
        open_article, "Kept", "approved", name="C", moderated_at=days_ago(91)
    )
    new_approved = make_comment(
        open_article, "Kept too", "approved", name="D", moderated_at=days_ago(89)
    )
    pending = make_comment(
        open_article, "Waiting", name="E", email="e@example.com", created_at=days_ago(400)
    )
    Disclosure.objects.create(
        page_title="County lines", body="Kept", name="F", sent_at=days_ago(400)
    )

    result = {}
    purged = purges(lambda: result.update(remove_comment_personal_data.call()))
    assert result == {"deleted": 1, "anonymised": 1}
    assert not Comment.objects.filter(pk=old_rejected.pk).exists()
    assert Comment.objects.get(pk=new_rejected.pk).name == "B"
    old_approved.refresh_from_db()
    assert (old_approved.name, old_approved.body, old_approved.status) == ("", "Kept", "approved")
    assert Comment.objects.get(pk=new_approved.pk).name == "D"
    assert Comment.objects.get(pk=pending.pk).email == "e@example.com"
    assert Disclosure.objects.get().name == "F"  # the safeguarding lead's record
    assert purged == {"http://localhost" + open_article.url}  # the name left the page


def test_the_job_is_on_the_scheduler():
    from crontask import scheduler

    job = next(job for job in scheduler.get_jobs() if job.name == "remove_comment_personal_data")
    assert "hour='2'" in str(job.trigger) and "minute='50'" in str(job.trigger)
