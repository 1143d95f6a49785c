"""The contact registry's models, and the "Worried about a child?" page built on it."""

from contacts.models.concern_page import ConcernPage
from contacts.models.contacts import DAY_NAMES, MIDNIGHT, Area, Contact, OpeningPeriod
from contacts.models.young_people import YoungPeopleSettings

__all__ = [
    "DAY_NAMES",
    "MIDNIGHT",
    "Area",
    "ConcernPage",
    "Contact",
    "OpeningPeriod",
    "YoungPeopleSettings",
]
