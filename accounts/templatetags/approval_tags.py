from django import template
from wagtail.blocks import StreamValue

from accounts.blocks import PractitionerAccessBlock

register = template.Library()


@register.simple_tag(takes_context=True)
def page_shows_approval_notice(context):
    """Whether the page tells a practitioner awaiting approval in full: the account page,
    whose view says so, or a page whose body holds the practitioners' block. The signed-in
    bar then leaves out its short notice, so that it is read once."""
    if context.get("shows_approval_notice"):
        return True
    body = getattr(context.get("page"), "body", None)
    if not isinstance(body, StreamValue):
        return False
    # The raw data, so that no other block's value is fetched.
    child_blocks = body.stream_block.child_blocks
    return any(
        isinstance(child_blocks.get(item["type"]), PractitionerAccessBlock)
        for item in body.raw_data
    )
