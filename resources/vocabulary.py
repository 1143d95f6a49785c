"""The controlled vocabularies of a resource: who it is for, and its protective marking.

The marking values are those of the Government Security Classifications Policy,
never free text, so that banners, rules and filters all read one record.
"""

from django.db import models


class Audience(models.TextChoices):
    CARERS = "carers", "Parents and carers"
    EDUCATION = "education", "Education"
    EARLY_YEARS = "early-years", "Early years"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social-care", "Social care"
    POLICE = "police", "Police"
    YOUTH_JUSTICE = "youth-justice", "Youth justice"
    VOLUNTARY_SECTOR = "voluntary-sector", "Voluntary, community and faith sector"
    PUBLIC = "public", "The public"


class Classification(models.TextChoices):
    OFFICIAL = "OFFICIAL", "OFFICIAL"
    # Offered so that the refusal is explicit and explained, not silently impossible.
    SECRET = "SECRET", "SECRET (never on this website)"
    TOP_SECRET = "TOP SECRET", "TOP SECRET (never on this website)"


class HandlingInstruction(models.TextChoices):
    NONE = "", "None (a third party's public material)"
    FOR_PUBLIC_RELEASE = "FOR PUBLIC RELEASE", "FOR PUBLIC RELEASE"
    HMG_USE_ONLY = "HMG USE ONLY", "HMG USE ONLY"
    PARTNERSHIP_USE_ONLY = "PARTNERSHIP USE ONLY", "PARTNERSHIP USE ONLY"
    RECIPIENTS_ONLY = "RECIPIENTS ONLY", "RECIPIENTS ONLY"
    EMBARGOED = "EMBARGOED", "EMBARGOED (until a date)"


class Descriptor(models.TextChoices):
    NONE = "", "None"
    PERSONAL_DATA = "PERSONAL DATA", "PERSONAL DATA"
    HR_MANAGEMENT = "HR/MANAGEMENT", "HR/MANAGEMENT"
    LEGAL = "LEGAL", "LEGAL"
    LEGAL_PROFESSIONAL_PRIVILEGE = "LEGAL PROFESSIONAL PRIVILEGE", "LEGAL PROFESSIONAL PRIVILEGE"
    COMMERCIAL = "COMMERCIAL", "COMMERCIAL"
    MARKET_SENSITIVE = "MARKET SENSITIVE", "MARKET SENSITIVE"
