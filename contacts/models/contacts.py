import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from contacts import area_finder, opening_hours


class Area(models.Model):
    """A local authority area the partnership covers, with the places and postcodes in it.

    Many people do not know which council covers a child's street, so the
    "Worried about a child?" page lists each area's main towns and villages, and finds
    the area from a place name or a postcode (`contacts.area_finder`) in these fields:
    data the partnership keeps, never a call to another site.
    """

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the page address.")
    council = models.CharField(max_length=120, help_text="The council for this area.")
    sort_order = models.PositiveSmallIntegerField(default=0)
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
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.HELPLINE)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.PHONE)
    value = models.CharField(
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
    last_verified = models.DateField(help_text="When someone last checked it against the source.")
    verified_by = models.CharField(max_length=120, help_text="Who checked it.")
    verify_every_months = models.PositiveSmallIntegerField(
        default=6, help_text="How often it must be checked again."
    )
    verification_note = models.TextField(
        blank=True,
        help_text="For editors only, never shown publicly: anything that could not be confirmed.",
    )

    objects = models.Manager()
    published = LiveContactManager()

    panels = [
        MultiFieldPanel(
            [
                "organisation",
                "service",
                FieldRowPanel(["kind", "channel", "audience"]),
                "value",
                "when_to_use",
                "scope",
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["open_24_hours", "bank_holidays"]),
                InlinePanel("opening_periods", label="Opening times"),
                "hours_note",
                "out_of_hours",
            ],
            heading="Opening hours (UK time)",
        ),
        MultiFieldPanel(
            [
                "source_url",
                FieldRowPanel(["last_verified", "verified_by", "verify_every_months"]),
                "verification_note",
            ],
            heading="Verification",
        ),
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

    def hours_summary(self):
        """Opening times in words, days with the same times grouped.

        For example ["Monday to Thursday, 8:30am to 5pm", "Friday, 8:30am to 4:30pm",
        "Closed on bank holidays"].
        """
        if self.open_24_hours:
            return ["24 hours a day, every day"]
        by_day = {}
        for period in self.opening_periods.all():
            by_day.setdefault(period.weekday, []).append(period)
        lines, run = [], []
        for weekday in range(7):
            times = tuple(
                (p.opens, p.closes) for p in sorted(by_day.get(weekday, []), key=lambda p: p.opens)
            )
            if run and times == run[-1][1] and weekday == run[-1][0] + 1 and times:
                run.append((weekday, times))
                continue
            if run:
                lines.append(_describe_run(run))
            run = [(weekday, times)] if times else []
        if run:
            lines.append(_describe_run(run))
        lines.append(
            {
                self.BankHolidays.CLOSED: "Closed on bank holidays",
                self.BankHolidays.USUAL_HOURS: "Usual hours on bank holidays",
                self.BankHolidays.ALL_DAY: "Open all day on bank holidays",
            }[self.bank_holidays]
        )
        return lines


MIDNIGHT = datetime.time(0, 0)
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def format_time(value):
    """9:00 -> '9am', 8:30 -> '8:30am', 17:00 -> '5pm', 0:00 -> 'midnight'."""
    if value == MIDNIGHT:
        return "midnight"
    if value == datetime.time(12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def _describe_run(run):
    """'Monday to Thursday, 8:30am to 5pm' for consecutive days with the same times."""
    first, last = DAY_NAMES[run[0][0]], DAY_NAMES[run[-1][0]]
    if first == last:
        days = first
    elif len(run) == 2:
        days = f"{first} and {last}"
    else:
        days = f"{first} to {last}"
    if run[0][1] == ((MIDNIGHT, MIDNIGHT),):
        return f"{days}, all day"
    times = " and ".join(
        f"{format_time(opens)} to {format_time(closes)}" for opens, closes in run[0][1]
    )
    return f"{days}, {times}"


class OpeningPeriod(Orderable):
    """One time range on one weekday when a contact answers (UK time).

    A period that closes at 00:00 runs to midnight at the end of the day, so
    an evening service is "17:00 to 00:00" and a whole day is "00:00 to 00:00".
    """

    contact = ParentalKey(Contact, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(DAY_NAMES)))
    opens = models.TimeField()
    closes = models.TimeField(help_text="00:00 means midnight at the end of the day.")

    panels = [FieldRowPanel(["weekday", "opens", "closes"])]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens"))
                | models.Q(closes=datetime.time(0, 0)),
                name="opening_period_closes_after_opens",
            )
        ]

    def __str__(self):
        return f"{DAY_NAMES[self.weekday]} {format_time(self.opens)} to {format_time(self.closes)}"

    def covers(self, clock):
        """Whether this period includes `clock` (a time on its weekday)."""
        return self.opens <= clock and (clock < self.closes or self.closes == MIDNIGHT)
