from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from comments.models import CommentableMixin
from core.access import viewable_pages
from core.pages import ContentPage, SitePage
from pages.blocks import BodyStreamBlock


class TopicIndexPage(SitePage):
    """A list of topic articles, for one audience or a theme."""

    intro = models.TextField(max_length=400, blank=True)
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text=(
            "Shown after the list of articles: for the practitioners' page, who to ask for "
            "advice, how to make a referral, the resource library and how to sign in."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["articles.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only the articles this visitor may open: a restricted article's title is
        # listed for its group's members and for nobody else (P4).
        articles = viewable_pages(request, ArticlePage.objects.child_of(self))
        context["articles"] = articles.order_by("title")
        return context


class ArticlePage(CommentableMixin, ContentPage):
    """A topic article in plain language, such as 'Child trafficking'."""

    summary = models.TextField(
        max_length=300, help_text="One or two sentences, shown under the title and in lists."
    )
    body = StreamField(BodyStreamBlock())

    content_panels = ContentPage.panels_with("summary") + CommentableMixin.comment_panels
    search_fields = ContentPage.search_fields_with("summary")

    parent_page_types = ["articles.TopicIndexPage"]
    subpage_types = []
