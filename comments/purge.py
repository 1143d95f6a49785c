"""Purge every cached copy of an article when what it shows of its comments changes: a
comment approved, an approved one rejected, passed on, emptied of its name, or deleted."""

from django.db.models.signals import post_delete, post_init, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from comments.models import Comment
from core.purge import add_pages, purge_after_commit


def purge_page(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None and page.live:
        batch = PurgeBatch()
        add_pages(batch, [page])
        purge_after_commit(batch)


def remember_shown(sender, instance, **kwargs):
    instance._shown_as = shown_as(instance)


def shown_as(comment):
    """What the article shows of the comment (nothing unless it is approved)."""
    if comment.status != Comment.Status.APPROVED:
        return None
    return (comment.page_id, comment.body, comment.name, comment.created_at, comment.links_allowed)


def comment_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before, now = getattr(instance, "_shown_as", None), shown_as(instance)
    if before != now:
        for shown in {before, now} - {None}:
            purge_page(shown[0])
    instance._shown_as = now


def comment_deleted(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        purge_page(instance.page_id)


def connect():
    """Connect the rules (from `CommentsConfig.ready`)."""
    post_init.connect(remember_shown, sender=Comment, dispatch_uid="comments-shown")
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="comments-purge")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="comments-purge")
