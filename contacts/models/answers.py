"""Which number to call for a child in a given area, at a given moment."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.dateformat import format as format_date

from contacts import opening_hours
from contacts.models.contacts import Area, Contact
from contacts.opening_hours import format_time


@dataclass(frozen=True)
class AreaAnswer:
    area: Area
    moment: datetime  # the moment (UK time) the answer is for
    front_door: Contact | None = None
    front_door_open: bool = False
    closes_at: datetime | None = None  # when the open front door closes
    next_opening: datetime | None = None  # when the closed front door opens
    out_of_hours: Contact | None = None
    out_of_hours_open: bool = False

    @property
    def call_now(self):
        """The contact to call at this moment, if any service is open."""
        if self.front_door_open:
            return self.front_door
        if self.out_of_hours_open:
            return self.out_of_hours
        return None

    @property
    def closes_in_words(self):
        return when_in_words(self.closes_at, self.moment) if self.closes_at else ""

    @property
    def opens_in_words(self):
        return when_in_words(self.next_opening, self.moment) if self.next_opening else ""


def when_in_words(when, moment):
    """'5pm today', 'midnight tonight', '8:30am on Tuesday 29 December' or 'midnight at
    the start of Monday 28 December', for `when` seen from `moment`.

    Only ever a change in opening hours is put in words, and a shared copy of the page
    lives no longer than the next change (ConcernPage.serve), so 'today' and 'tonight'
    stay true for as long as any copy is shown.
    """
    when, today = opening_hours.uk_time(when), opening_hours.uk_time(moment).date()
    if when.time() == opening_hours.MIDNIGHT:
        if when.date() == today + opening_hours.ONE_DAY:
            return "midnight tonight"
        return f"midnight at the start of {format_date(when, 'l j F')}"
    if when.date() == today:
        return f"{format_time(when.time())} today"
    return f"{format_time(when.time())} on {format_date(when, 'l j F')}"


class ShownContacts:
    """Every published contact the page can show, read in three queries (the contacts,
    their opening hours, their areas): the emergency services, each phone front door
    and its out-of-hours service. The answer for an area, the emergency list and the
    lifetime of a shared copy of the page are all worked out from this one read.
    """

    def __init__(self):
        front_doors = Contact.published.filter(
            kind=Contact.Kind.FRONT_DOOR, channel=Contact.Channel.PHONE
        )
        self.contacts = list(
            Contact.published.filter(
                Q(kind=Contact.Kind.EMERGENCY)
                | Q(pk__in=front_doors.values("pk"))
                | Q(pk__in=front_doors.values("out_of_hours"))
            ).prefetch_related("opening_periods", "areas")
        )
        self.by_pk = {contact.pk: contact for contact in self.contacts}
        # In the model's own order, so that an area with two front doors gets the
        # same one as a query would.
        self.front_doors = [
            contact
            for contact in self.contacts
            if contact.kind == Contact.Kind.FRONT_DOOR and contact.channel == Contact.Channel.PHONE
        ]

    @property
    def emergency(self):
        emergency = [c for c in self.contacts if c.kind == Contact.Kind.EMERGENCY]
        return sorted(emergency, key=lambda contact: contact.channel)

    def front_door_for(self, area):
        return next((c for c in self.front_doors if area in c.areas.all()), None)

    def out_of_hours_for(self, front_door):
        """The front door's out-of-hours service if it is published, else None."""
        return self.by_pk.get(front_door.out_of_hours_id)

    def stay_true_until(self, moment):
        """The first moment after `moment` at which any area's answer could change (a
        front door or its out-of-hours service opens or closes), or None if none does
        within the look-ahead.

        Every front door and out-of-hours service counts, whichever area is asked
        about: simpler, and it cannot miss a contact the answer shows.
        """
        shown = {c.pk: c for c in self.front_doors}
        for front_door in self.front_doors:
            if out_of_hours := self.out_of_hours_for(front_door):
                shown[out_of_hours.pk] = out_of_hours
        changes = (opening_hours.next_change(contact, moment) for contact in shown.values())
        return min((when for when in changes if when is not None), default=None)


def answer_for(area, moment=None, shown=None):
    """The front door for `area`, whether it is open at `moment`, and the fallback.

    `shown` is the page's ShownContacts, read once per request; read here when not given.
    """
    moment = opening_hours.uk_time(moment or opening_hours.now())
    shown = shown or ShownContacts()
    front_door = shown.front_door_for(area)
    if front_door is None:
        return AreaAnswer(area, moment)
    out_of_hours = shown.out_of_hours_for(front_door)
    front_door_open = front_door.is_open(moment)
    return AreaAnswer(
        area=area,
        moment=moment,
        front_door=front_door,
        front_door_open=front_door_open,
        closes_at=opening_hours.closes_at(front_door, moment),
        next_opening=None if front_door_open else opening_hours.next_opening(front_door, moment),
        out_of_hours=out_of_hours,
        out_of_hours_open=bool(out_of_hours and out_of_hours.is_open(moment)),
    )
