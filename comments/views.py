"""The 'Have your say' form, on its own page so that the article stays cookie-free and in
the shared cache. This page sets the CSRF cookie, so it is never shared-cached (it does not
opt in) and, like every HTML answer, is `no-store` to browsers.
"""

from allauth.core import ratelimit
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from comments.forms import CommentForm, issue_token
from comments.models import Comment, CommentableMixin, CommentSettings
from core.access import viewable_pages
from core.site_settings import load_site_settings

RATE_LIMIT_ACTION = "comment"  # its rates are in settings.ACCOUNT_RATE_LIMITS


def same_origin_referrer(response):
    """Under the site's `no-referrer` a browser posts the form with `Origin: null`, which
    Django's CSRF check refuses; this page tells the browser `same-origin` instead (as the
    account and admin pages do), which still tells no other site anything. Django's
    security middleware keeps a policy the view has set."""
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def commentable_page(request, page_id):
    """The live page this visitor may view, of a type that takes comments; else 404."""
    page = viewable_pages(request, Page.objects.live()).filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, CommentableMixin):
        raise Http404
    return page


@never_cache
@require_http_methods(["GET", "POST"])
def have_your_say(request, page_id):
    load_site_settings(request)
    page = commentable_page(request, page_id)
    comment_settings = CommentSettings.for_request(request)
    context = {"article": page, "comment_settings": comment_settings}
    if not page.accepts_comments():
        return render(request, "comments/closed.html", context)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST, comment_settings=comment_settings)
        if form.is_valid():
            if ratelimit.consume(request, action=RATE_LIMIT_ACTION):
                save_comment(page, form)
                return redirect(reverse("comments_sent", args=(page.pk,)))
            form.add_error(
                None,
                "You have sent several comments in a short time. Wait an hour, then send "
                "this one again: it is kept below.",
            )
            status = 429
        # Shown again with what was typed, and a new token for the next try.
        form.data = form.data.copy()
        form.data["token"] = issue_token()
        form.data["website"] = ""
    else:
        form = CommentForm(initial={"token": issue_token()}, comment_settings=comment_settings)
    context["form"] = form
    return same_origin_referrer(render(request, "comments/form.html", context, status=status))


def save_comment(page, form):
    data = form.cleaned_data
    try:
        with transaction.atomic():
            Comment.objects.create(
                page=page,
                body=data["body"],
                name=data["name"].strip(),
                email=data["email"],
                submission_key=form.submission_key,
            )
    except IntegrityError:
        # The same form sent again (a double click, a retry): the comment is already waiting.
        if not Comment.objects.filter(submission_key=form.submission_key).exists():
            raise


@never_cache
@require_http_methods(["GET"])
def sent(request, page_id):
    load_site_settings(request)
    page = commentable_page(request, page_id)
    return render(request, "comments/sent.html", {"article": page})
