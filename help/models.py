from django.db import models
from wagtail.admin.panels import MultiFieldPanel
from wagtail.search import index


class Contact(index.Indexed, models.Model):
    """One way to reach one service: a phone number, textphone, email or web form.

    Every number the site shows lives in exactly one Contact, with where it
    came from and when someone last checked it, so a change is made once and
    shows everywhere.
    """

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        TEXTPHONE = "textphone", "Textphone"
        TEXT = "text", "Text message"
        EMAIL = "email", "Email"
        WEB_FORM = "web_form", "Web form"

    organisation = models.CharField(max_length=120)
    service = models.CharField(
        max_length=120, help_text="The service people reach, for example 'Helpline'."
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.PHONE)
    value = models.CharField(
        max_length=255,
        help_text=(
            "The number as people should read it, grouped with spaces (0808 800 5000), "
            "the email address, or the full web address."
        ),
    )
    hours = models.CharField(
        max_length=160, blank=True, help_text="When it is answered, for example '24 hours'."
    )
    when_to_use = models.CharField(
        max_length=255, blank=True, help_text="One sentence on who should use it and when."
    )
    source_url = models.URLField(
        "source", help_text="The page where the partnership checked this contact."
    )
    last_verified = models.DateField(help_text="When someone last checked it against the source.")
    verified_by = models.CharField(max_length=120, help_text="Who checked it.")

    panels = [
        MultiFieldPanel(
            ["organisation", "service", "channel", "value", "hours", "when_to_use"],
            heading="Contact",
        ),
        MultiFieldPanel(["source_url", "last_verified", "verified_by"], heading="Verification"),
    ]

    search_fields = [
        index.SearchField("organisation"),
        index.SearchField("service"),
        index.SearchField("value"),
        index.AutocompleteField("organisation"),
    ]

    class Meta:
        ordering = ["organisation", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "service", "channel"], name="unique_contact_channel"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.service} ({self.get_channel_display().lower()})"

    @property
    def href(self):
        """The link that opens this contact: tel:, sms:, mailto: or the web address."""
        if self.channel in (self.Channel.PHONE, self.Channel.TEXTPHONE):
            return "tel:" + "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
        if self.channel == self.Channel.TEXT:
            return "sms:" + "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
        if self.channel == self.Channel.EMAIL:
            return "mailto:" + self.value
        return self.value
