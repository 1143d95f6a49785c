"""A block that tells practitioners how to reach material shared with partner agencies."""

from wagtail import blocks


class PractitionerAccessBlock(blocks.StructBlock):
    """Sign in or create an account; once signed in, what the account gives access to.

    What it shows depends on who is asking, but a visitor who is not signed in always gets
    the same links and no form, so a public page that holds it stays cookie-free.
    """

    heading = blocks.CharBlock(max_length=120, default="Material for partner agencies")
    text = blocks.TextBlock(
        max_length=400,
        help_text="Shown to everyone: what is shared with approved practitioners, and with whom.",
    )

    starts_section = True

    class Meta:
        icon = "user"
        template = "accounts/blocks/practitioner_access.html"
