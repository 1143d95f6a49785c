from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from contacts import area_finder, opening_hours
from contacts.blocks import OtherHoursBlock, dates_with_other_hours
from contacts.opening_hours import DAY_NAMES
from core.cache_keys import fingerprint


class Area(models.Model):
    """A local authority area the partnership covers, with the places and postcodes in it.

    Many people do not know which council covers a child's street, so the
    "Worried about a child?" page lists each area's main towns and villages, and finds
    the area from a place name or a postcode (`contacts.area_finder`) in these fields:
    data the partnership keeps, never a call to another site.
    """

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        "name in web addresses",
        max_length=80,
        unique=True,
        help_text="Lowercase letters and hyphens, for example 'northbridge'. Links to the "
        "answer for this area on the 'Worried about a child?' page use it.",
    )
    council = models.CharField(max_length=120, help_text="The council for this area.")
    sort_order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Areas are listed lowest number first."
    )
    main_places = models.TextField(
        "main towns and villages",
        blank=True,
        help_text="Shown under the area's name, so that people can tell which area is "
        "theirs. One a line, the best known first; four or five is enough.",
    )
    other_places = models.TextField(
        "other places",
        blank=True,
        help_text="More villages and neighbourhoods that the place finder knows, one a "
        "line. Not shown. A place split between two areas may be in both: the finder "
        "then asks which.",
    )
    postcode_districts = models.TextField(
        blank=True,
        help_text="The first part of the postcodes in the area (RG14 for RG14 5AB), with "
        "spaces or commas between them. A district that reaches into another area may "
        "be given for both: the finder then asks which.",
    )

    panels = [
        "name",
        "slug",
        "council",
        "sort_order",
        MultiFieldPanel(
            ["main_places", "other_places", "postcode_districts"],
            heading="Finding the area",
            help_text="How visitors who do not know the council find the area: by a town, "
            "village or postcode.",
        ),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        districts = area_finder.split_districts(self.postcode_districts)
        invalid = [district for district in districts if not area_finder.is_district(district)]
        if invalid:
            raise ValidationError(
                {
                    "postcode_districts": "These are not the first part of a postcode: "
                    + ", ".join(invalid)
                    + ". Give districts such as RG1 or RG14."
                }
            )
        self.postcode_districts = " ".join(districts)
        self.main_places = "\n".join(area_finder.split_places(self.main_places))
        self.other_places = "\n".join(area_finder.split_places(self.other_places))

    @property
    def main_place_list(self):
        return area_finder.split_places(self.main_places)

    @property
    def place_list(self):
        """Every place the finder knows in the area."""
        return self.main_place_list + area_finder.split_places(self.other_places)

    @property
    def district_list(self):
        return area_finder.split_districts(self.postcode_districts)


class LiveContactManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(live=True)


class Contact(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """One way to reach one service: a phone number, textphone, text, email or web form.

    Every number the site shows lives in exactly one Contact, with where it came
    from and when someone last checked it, so a change is made once, approved,
    and shows everywhere. Drafts and approval come from Wagtail's snippet
    workflow; public pages only ever show the published version.
    """

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "Emergency"
        FRONT_DOOR = "front_door", "Children's social care front door"
        OUT_OF_HOURS = "out_of_hours", "Out-of-hours service"
        CONSULTATION = "consultation", "Consultation line for practitioners"
        HELPLINE = "helpline", "Helpline"
        REFERRAL = "referral", "Referral route"

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        TEXTPHONE = "textphone", "Textphone"
        TEXT = "text", "Text message"
        EMAIL = "email", "Email"
        WEB_FORM = "web_form", "Web form"

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        CHILDREN = "children", "Children and young people"
        PRACTITIONERS = "practitioners", "Practitioners"
        FIRST_RESPONDERS = "first_responders", "First Responders"

    organisation = models.CharField(max_length=120)
    service = models.CharField(
        max_length=120, help_text="The service people reach, for example 'Helpline'."
    )
    kind = models.CharField(
        "kind of service", max_length=20, choices=Kind.choices, default=Kind.HELPLINE
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.PHONE)
    value = models.CharField(
        "number or address",
        max_length=255,
        help_text=(
            "The number as people should read it, grouped with spaces (0808 800 5000), "
            "the email address, or the full web address."
        ),
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="contacts", help_text="Leave empty for a national service."
    )

    class Scope(models.TextChoices):
        LOCAL = "local", "Local: a service in our areas"
        NATIONAL = "national", "National: the same number everywhere in the UK"

    scope = models.CharField(
        max_length=10,
        choices=Scope.choices,
        default=Scope.LOCAL,
        help_text=(
            "Local numbers show the public when they were last checked, so people can judge "
            "them. National ones (999, Childline) do not: the date under every one is only noise."
        ),
    )
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    when_to_use = models.CharField(
        max_length=255, blank=True, help_text="One sentence on who should use it and when."
    )

    class BankHolidays(models.TextChoices):
        CLOSED = "closed", "Closed"
        USUAL_HOURS = "usual", "Usual hours for that day of the week"
        ALL_DAY = "all_day", "Open all day"

    open_24_hours = models.BooleanField("open 24 hours, every day", default=False)
    bank_holidays = models.CharField(
        "on bank holidays",
        max_length=10,
        choices=BankHolidays.choices,
        default=BankHolidays.CLOSED,
        help_text="England and Wales bank holidays.",
    )
    other_hours = StreamField(
        [("date", OtherHoursBlock())],
        blank=True,
        verbose_name="dates with other hours",
        help_text="A date when it closes, or keeps other hours than usual, whatever the day "
        "or bank holiday: Christmas Eve mornings only, say. The public sees only dates "
        "still to come.",
    )
    hours_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Anything the hours do not say, for example 'Email at any time'.",
    )
    out_of_hours = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="out-of-hours alternative",
        help_text="Who to contact when this service is closed.",
    )

    source_url = models.URLField(
        "source", help_text="The page where the partnership checked this contact."
    )
    last_verified = models.DateField(
        "last checked",
        help_text="When someone last checked it against the source. The public sees this date.",
    )
    verified_by = models.CharField("checked by", max_length=120, help_text="Who checked it.")
    verify_every_months = models.PositiveSmallIntegerField(
        "check again every (months)",
        default=6,
        help_text="After this, it is listed in Contacts to check, and the public is warned "
        "that it may have changed.",
    )
    verification_note = models.TextField(
        blank=True,
        help_text="For editors only, never shown publicly: anything that could not be confirmed.",
    )

    objects = models.Manager()
    published = LiveContactManager()

    # The editor's panels and form are in contacts.editing.

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

    def clean(self):
        super().clean()
        if self.is_number:
            self.value = " ".join(self.value.split())
            if not all(ch.isdigit() or ch in " +" for ch in self.value):
                raise ValidationError(
                    {"value": "Use only digits and spaces, for example 0808 800 5000."}
                )
            if len(self.digits) > 5 and " " not in self.value:
                # Grouped digits are read aloud group by group, and are easier to copy down.
                raise ValidationError(
                    {"value": "Group the digits with spaces, for example 0808 800 5000."}
                )

    @property
    def href(self):
        """The link that opens this contact: tel:, sms:, mailto: or the web address."""
        if self.channel in (self.Channel.PHONE, self.Channel.TEXTPHONE):
            return "tel:" + self.digits
        if self.channel == self.Channel.TEXT:
            return "sms:" + self.digits
        if self.channel == self.Channel.EMAIL:
            return "mailto:" + self.value
        return self.value

    @property
    def digits(self):
        return "".join(ch for ch in self.value if ch.isdigit() or ch == "+")

    @property
    def is_number(self):
        return self.channel in (self.Channel.PHONE, self.Channel.TEXTPHONE, self.Channel.TEXT)

    @property
    def cache_key(self):
        """Changes whenever anything a contact card shows changes: every field of the
        contact and of its opening periods (read from their prefetch, where there is one),
        and the date, on which its warning and the dates with other hours still to come
        depend. Like Wagtail's `Page.cache_key`, for `{% cache %}`."""
        today = opening_hours.uk_time(opening_hours.now()).date(), timezone.localdate()
        return fingerprint(self, *self.opening_periods.all(), also=today)

    @property
    def shows_last_checked(self):
        """Whether the public sees 'Last checked': for local numbers only (a stale contact
        shows its warning whatever its scope)."""
        return self.scope == self.Scope.LOCAL

    @property
    def verification_due(self):
        return self.last_verified + relativedelta(months=self.verify_every_months)

    def is_stale(self, today=None):
        """Past its re-check date: shown with a warning, never as current."""
        return (today or timezone.localdate()) > self.verification_due

    @property
    def stale(self):
        return self.is_stale()

    def is_open(self, moment=None):
        return opening_hours.is_open(self, moment or opening_hours.now())

    def has_hours(self):
        return self.open_24_hours or self.opening_periods.exists()

    def dates_with_other_hours(self):
        """(date, opens, closes) for each date with other hours; no times when closed."""
        return dates_with_other_hours(self.other_hours)

    def hours_summary(self):
        """Opening times in words, days with the same times grouped (opening_hours.summary).

        For example ["Monday to Thursday, 8:30am to 5pm", "Friday, 8:30am to 4:30pm",
        "Closed on bank holidays", "Closed on Thursday 24 December"].
        """
        return opening_hours.summary(self)


WEEKDAY_CHOICES = list(enumerate(DAY_NAMES))


class OpeningPeriod(Orderable):
    """When a contact answers on one day, or on each day of a range: "Monday to Friday,
    09:00 to 17:00" is one row (UK time). opening_hours.weekly_schedule expands the rows
    to times for each weekday.

    The first day keeps the field name `weekday`, so that revisions saved when every
    row was one day still read as that day.
    """

    contact = ParentalKey(Contact, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField("from", choices=WEEKDAY_CHOICES)
    last_weekday = models.PositiveSmallIntegerField(
        "to", choices=WEEKDAY_CHOICES, null=True, blank=True, help_text="Empty for one day."
    )
    opens = models.TimeField()
    closes = models.TimeField(help_text="00:00 means midnight at the end of the day.")

    panels = [FieldRowPanel(["weekday", "last_weekday"]), FieldRowPanel(["opens", "closes"])]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens"))
                | models.Q(closes=opening_hours.MIDNIGHT),
                name="opening_period_closes_after_opens",
                violation_error_message=opening_hours.CLOSES_AFTER_OPENS,
            ),
            models.CheckConstraint(
                condition=models.Q(last_weekday__isnull=True)
                | models.Q(last_weekday__gte=models.F("weekday")),
                name="opening_period_days_in_week_order",
                violation_error_message=(
                    "The last day must come after the first, in the week from Monday to "
                    "Sunday. For days on both sides of Sunday, add a row for each."
                ),
            ),
        ]

    def __str__(self):
        times = opening_hours.Times(self.opens, self.closes)
        days = opening_hours.days_in_words(self.weekday, self.last_day)
        return f"{days}, {opening_hours.times_in_words([times])}"

    @property
    def last_day(self):
        """The last weekday it covers: the first, for a row of one day."""
        return self.weekday if self.last_weekday is None else self.last_weekday

    @property
    def days(self):
        """The weekdays it covers (0 is Monday)."""
        return range(self.weekday, self.last_day + 1)
