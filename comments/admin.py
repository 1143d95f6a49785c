"""The moderation queue's bulk actions: approve, reject, and pass on as a possible disclosure.

Each also appears on every comment's row, which opens the same confirmation for that comment
alone. Moderating needs `comments.change_comment`.
"""

from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.http import urlencode
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from comments import moderation
from comments.models import Comment


class CommentBulkAction(SnippetBulkAction):
    template_name = "comments/admin/confirm.html"
    moderate = None  # one of the moderation functions
    question = ""
    done = ""
    classes = set()

    @classproperty
    def models(cls):
        return [Comment]

    def check_perm(self, comment):
        return self.request.user.has_perm("comments.change_comment")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    @classmethod
    def execute_action(cls, objects, **kwargs):
        view = kwargs["self"]
        return type(view).moderate(objects, view.request.user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done.format(count=num_parent_objects)

    @classmethod
    def url_for(cls, comment, next_url):
        path = reverse("wagtail_bulk_action", args=("comments", "comment", cls.action_type))
        return path + "?" + urlencode({"id": comment.pk, "next": next_url})


class ApproveBulkAction(CommentBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected comments"
    action_priority = 10
    moderate = staticmethod(moderation.approve)
    question = "Show these comments on their articles? Writers who gave an email address are told."
    done = "{count} comment(s) approved and shown."


class RejectBulkAction(CommentBulkAction):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected comments"
    action_priority = 20
    moderate = staticmethod(moderation.reject)
    question = "Reject these comments? They are not shown, and are deleted after 30 days."
    done = "{count} comment(s) rejected."


class DisclosureBulkAction(CommentBulkAction):
    display_name = "Possible disclosure"
    action_type = "disclosure"
    aria_label = "Pass the selected comments to the safeguarding lead as possible disclosures"
    action_priority = 30
    classes = {"serious"}
    moderate = staticmethod(moderation.record_disclosure)
    question = (
        "Pass these comments to the safeguarding lead as possible disclosures of harm? They "
        "are hidden for good and removed from this list's text; the lead is told by email."
    )
    done = "{count} comment(s) passed to the safeguarding lead, and hidden for good."


ACTIONS = [ApproveBulkAction, RejectBulkAction, DisclosureBulkAction]
