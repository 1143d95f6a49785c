"""Scheduled comment jobs, enqueued by `manage.py crontask` and run by the worker."""

from crontask import cron
from django.tasks import task

from comments import retention


@cron("50 2 * * *")
@task
def remove_comment_personal_data():
    """Rejected comments after 30 days; names on approved ones after the site's period."""
    deleted, anonymised = retention.remove_personal_data()
    return {"deleted": deleted, "anonymised": anonymised}
