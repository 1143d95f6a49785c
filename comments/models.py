"""Comments on articles ("Have your say"), the editors' comment settings, and the record of
comments that may be a disclosure of harm.

Everything is pre-moderated: a comment is shown only once a moderator approves it. The page
a comment belongs to is any page whose type uses `CommentableMixin` (articles do); this app
never imports the page types that use it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.http_cache import limit_shared_lifetime

MAX_LENGTH = 2000  # characters in one comment
TOO_FAST_SECONDS = 3  # a person cannot read the notice and write a comment quicker
FORM_LIFETIME_SECONDS = 2 * 60 * 60  # a form older than this is refused
REJECTED_RETENTION_DAYS = 30


class CommentableMixin(models.Model):
    """A page that editors may open for comments: closed unless they open it, and closed
    again by itself at the closing time when one is set."""

    comments_open = models.BooleanField(
        "open for comments",
        default=False,
        help_text="Readers may send comments, which a moderator reads before they are shown.",
    )
    comments_close_at = models.DateTimeField(
        "close comments at",
        null=True,
        blank=True,
        help_text="Optional: comments close by themselves at this time.",
    )

    comment_panels = [
        MultiFieldPanel(["comments_open", "comments_close_at"], heading="Comments"),
    ]

    class Meta:
        abstract = True

    def accepts_comments(self, now=None):
        if not self.comments_open:
            return False
        return self.comments_close_at is None or (now or timezone.now()) < self.comments_close_at

    @property
    def approved_comments(self):
        """Shown on the page, oldest first."""
        return list(
            Comment.objects.filter(page_id=self.pk, status=Comment.Status.APPROVED).order_by(
                "created_at", "pk"
            )
        )

    def serve(self, request, *args, **kwargs):
        """A shared copy ends when comments close by themselves, so that no copy offers
        the form after the closing time."""
        response = super().serve(request, *args, **kwargs)
        if self.accepts_comments() and self.comments_close_at is not None:
            remaining = (self.comments_close_at - timezone.now()).total_seconds()
            limit_shared_lifetime(response, remaining)
        return response


class Comment(models.Model):
    # What a comment refers to (its page) is not content an editor needs to trace.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        DISCLOSURE = "disclosure", "Passed to the safeguarding lead"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="comments")
    body = models.TextField("comment", max_length=MAX_LENGTH)
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(
        blank=True, help_text="Only to tell the writer when the comment is published."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField("sent", default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    links_allowed = models.BooleanField(
        "links may be clicked",
        default=False,
        help_text="Show web addresses in this comment as links. Off: they show as plain text.",
    )
    # One per form shown: a form sent twice (a double click, a retry) makes one comment.
    submission_key = models.CharField(
        max_length=64, unique=True, default=uuid.uuid4, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "") if text else f"Comment {self.pk}"

    @property
    def display_name(self):
        return self.name or "Anonymous"


class Disclosure(models.Model):
    """A comment that may disclose harm, kept for the safeguarding lead only.

    The comment itself is emptied and never shown; its words, name and email address are
    copied here, where only those with `comments.view_disclosure` can read them. These are
    safeguarding records: the comments retention job leaves them alone, and the lead keeps
    or deletes them under the partnership's records policy.
    """

    wagtail_reference_index_ignore = True

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_title = models.CharField(max_length=255)
    body = models.TextField("comment")
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    sent_at = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled = models.BooleanField(default=False)
    notes = models.TextField(blank=True, help_text="What was done, and by whom.")

    class Meta:
        ordering = ["handled", "-recorded_at"]
        default_permissions = ("view", "change")

    def __str__(self):
        return f"Possible disclosure on '{self.page_title}', sent {self.sent_at:%d %B %Y %H:%M}"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """What editors decide about comments, per site."""

    blocked_words = models.TextField(
        blank=True,
        help_text="One word or phrase a line. A comment containing any of them is refused, "
        "and the writer is told which one to remove.",
    )
    max_links = models.PositiveSmallIntegerField("most links in one comment", default=2)
    links_clickable = models.BooleanField(
        "web addresses in every comment may be clicked",
        default=False,
        help_text="Off: web addresses show as plain text unless a comment allows them.",
    )
    approved_retention_days = models.PositiveIntegerField(
        "keep names on approved comments for (days)",
        default=365,
        help_text="After this, the writer's name is removed and the comment shows as "
        "'Anonymous'. Rejected comments are deleted after 30 days.",
    )
    children_contact = models.ForeignKey(
        "help.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The helpline for children named before the comment form (Childline).",
    )
    emergency_contact = models.ForeignKey(
        "help.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The emergency number named before the comment form (999).",
    )

    panels = [
        MultiFieldPanel(
            ["blocked_words", "max_links", "links_clickable"], heading="What may be sent"
        ),
        FieldPanel("approved_retention_days"),
        MultiFieldPanel(
            ["children_contact", "emergency_contact"], heading="Before the comment form"
        ),
    ]

    class Meta:
        verbose_name = "comments"

    def blocked_word_list(self):
        return [line.strip() for line in self.blocked_words.splitlines() if line.strip()]
