"""How long comments keep personal data.

- Rejected comments are deleted, with the name and email address given, 30 days after the
  moderator rejected them.
- Approved comments lose the writer's name after the period each site sets in its comment
  settings (`approved_retention_days`); their email address went when the writer was told.
- Pending comments wait for a moderator; disclosures are the safeguarding lead's records.

No internet address is stored with a comment (the rate limit's counts live in the cache and
expire on their own).
"""

import datetime

from django.utils import timezone
from wagtail.models import Site

from comments.models import REJECTED_RETENTION_DAYS, Comment, CommentSettings


def remove_personal_data(now=None):
    """Apply both periods; return (rejected comments deleted, approved comments made anonymous)."""
    now = now or timezone.now()
    rejected = Comment.objects.filter(
        status=Comment.Status.REJECTED,
        moderated_at__lt=now - datetime.timedelta(days=REJECTED_RETENTION_DAYS),
    )
    deleted = 0
    for comment in rejected:
        comment.delete()
        deleted += 1
    anonymised = 0
    for site in Site.objects.select_related("root_page"):
        days = CommentSettings.for_site(site).approved_retention_days
        stale = Comment.objects.filter(
            status=Comment.Status.APPROVED,
            moderated_at__lt=now - datetime.timedelta(days=days),
            page__path__startswith=site.root_page.path,
        ).exclude(name="", email="")
        for comment in stale:
            comment.name, comment.email = "", ""
            comment.save()  # purges the article (comments.purge)
            anonymised += 1
    return deleted, anonymised
