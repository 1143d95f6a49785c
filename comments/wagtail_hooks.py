"""The moderation queue (Comments in the admin menu) and the safeguarding lead's list of
possible disclosures (its own permission, `comments.view_disclosure`)."""

import django_filters
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from comments.admin import ACTIONS
from comments.models import Comment, Disclosure


def pages_with_comments(request):
    return Page.objects.filter(comments__isnull=False).distinct().order_by("title")


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Comment.Status.choices, label="State")
    page = django_filters.ModelChoiceFilter(queryset=pages_with_comments, label="Article")

    class Meta:
        model = Comment
        fields = ["status", "page"]


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Comments"
    menu_order = 350
    add_to_admin_menu = True
    list_display = ["__str__", "page", "display_name", "status", "created_at"]
    filterset_class = CommentFilterSet
    search_fields = ["body", "name"]
    list_per_page = 50
    # Moderators read the comment and decide whether links may be clicked; the words, name
    # and state change only through the moderation actions.
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("links_allowed"),
    ]


register_snippet(CommentViewSet)


class DisclosureViewSet(ModelViewSet):
    model = Disclosure
    name = "disclosures"
    url_namespace = "comments_disclosure"
    icon = "warning"
    menu_label = "Possible disclosures"
    menu_order = 360
    add_to_admin_menu = True
    list_display = ["__str__", "handled", "recorded_at"]
    list_filter = ["handled"]
    # The lead reads the comment where they record what was done; only those two change.
    panels = [
        FieldPanel("page_title", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("sent_at", read_only=True),
        FieldPanel("recorded_at", read_only=True),
        FieldPanel("handled"),
        FieldPanel("notes"),
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "page_title",
        "body",
        "name",
        "email",
        "sent_at",
        "recorded_at",
        "recorded_by",
        "handled",
        "notes",
    ]


@hooks.register("register_admin_viewset")
def register_disclosures():
    return DisclosureViewSet()


for action in ACTIONS:
    hooks.register("register_bulk_action", action)


@hooks.register("register_snippet_listing_buttons")
def moderation_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Comment) or not user.has_perm("comments.change_comment"):
        return []
    if snippet.status == Comment.Status.DISCLOSURE:
        return []
    return [
        Button(
            action.display_name,
            action.url_for(snippet, next_url or ""),
            priority=action.action_priority,
        )
        for action in ACTIONS
    ]


@hooks.register("register_log_actions")
def comment_log_actions(actions):
    """Each moderation action is in the admin's history (Reports → Site history)."""
    actions.register_action("comments.approve", "Approve comment", "Comment approved")
    actions.register_action("comments.reject", "Reject comment", "Comment rejected")
    actions.register_action(
        "comments.disclosure",
        "Pass comment on as a possible disclosure",
        "Comment passed to the safeguarding lead",
    )
