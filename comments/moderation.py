"""What a moderator does to comments: approve, reject, or pass on as a possible disclosure.

Each action is one transaction. Mail is queued (the default mailer queues it, in the same
transaction) and a failure to queue it is logged, never raised: a moderator's action does
not fail because of mail.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from comments.models import Comment, Disclosure

logger = logging.getLogger(__name__)


def send_quietly(subject, message, recipients):
    try:
        send_mail(subject, message, None, recipients)
    except Exception:
        logger.exception("Could not queue a comments email")


def page_url(page):
    try:
        return page.specific_deferred.get_full_url() or ""
    except Exception:
        return ""


@transaction.atomic
def approve(comments, user):
    """Show each comment on its article; tell a writer who gave an email address, then
    forget the address."""
    count = 0
    for comment in (
        Comment.objects.select_for_update()
        .filter(pk__in=[c.pk for c in comments])
        .exclude(status=Comment.Status.DISCLOSURE)
    ):
        if comment.email:
            context = {"comment": comment, "page": comment.page, "url": page_url(comment.page)}
            send_quietly(
                render_to_string("comments/email/published_subject.txt", context).strip(),
                render_to_string("comments/email/published_message.txt", context),
                [comment.email],
            )
        comment.status = Comment.Status.APPROVED
        comment.email = ""
        comment.moderated_at, comment.moderated_by = timezone.now(), user
        comment.save()
        log(comment, "comments.approve", user=user)
        count += 1
    return count


@transaction.atomic
def reject(comments, user):
    count = 0
    for comment in (
        Comment.objects.select_for_update()
        .filter(pk__in=[c.pk for c in comments])
        .exclude(status=Comment.Status.DISCLOSURE)
    ):
        comment.status = Comment.Status.REJECTED
        comment.moderated_at, comment.moderated_by = timezone.now(), user
        comment.save()
        log(comment, "comments.reject", user=user)
        count += 1
    return count


def safeguarding_leads():
    """Active users who may open the disclosures list."""
    permission = Permission.objects.filter(
        content_type__app_label="comments", codename="view_disclosure"
    ).first()
    if permission is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .exclude(email="")
        .distinct()
    )


@transaction.atomic
def record_disclosure(comments, user):
    """Hide each comment for good, copy it to the safeguarding lead's list, and tell them.

    The email says only that there is something to read and where: the words stay in the
    admin, behind the lead's permission.
    """
    disclosures = []
    for comment in (
        Comment.objects.select_for_update()
        .select_related("page")
        .filter(pk__in=[c.pk for c in comments])
        .exclude(status=Comment.Status.DISCLOSURE)
    ):
        disclosures.append(
            Disclosure.objects.create(
                page=comment.page,
                page_title=comment.page.title,
                body=comment.body,
                name=comment.name,
                email=comment.email,
                sent_at=comment.created_at,
                recorded_by=user,
            )
        )
        comment.status = Comment.Status.DISCLOSURE
        comment.body, comment.name, comment.email = "", "", ""
        comment.links_allowed = False
        comment.moderated_at, comment.moderated_by = timezone.now(), user
        comment.save()
        log(comment, "comments.disclosure", user=user)
    recipients = [lead.email for lead in safeguarding_leads()]
    if disclosures and recipients:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        context = {
            "count": len(disclosures),
            "url": base + reverse("comments_disclosure:index"),
            "pages": sorted({d.page_title for d in disclosures}),
        }
        send_quietly(
            render_to_string("comments/email/disclosure_subject.txt", context).strip(),
            render_to_string("comments/email/disclosure_message.txt", context),
            recipients,
        )
    return len(disclosures)
