"""Demo contacts: the real national helplines, and fictional local front doors.

Local numbers are in Ofcom's range reserved for drama (0118 496 0000 to
0118 496 0999), so the demo never publishes a real council's number.
National numbers are the real ones, with the page they were checked against
(`shared/design/domain.md`, section 6).
"""

from core.demo import BUSINESS_UNIT, DEMO_REVIEW_DATE

from .models import Contact

OFCOM_DRAMA_NUMBERS = (
    "https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama"
)

PHONE = Contact.Channel.PHONE
WEB_FORM = Contact.Channel.WEB_FORM

# key: (organisation, service, channel, value, hours, when to use, source)
CONTACTS = {
    "emergency": (
        "Police, ambulance or fire",
        "Emergency",
        PHONE,
        "999",
        "24 hours, every day",
        "When a child is in immediate danger. Deaf or hard of hearing: textphone 18000, "
        "or text 999 if you have registered with emergencySMS.",
        "https://healthwatchnorthamptonshire.co.uk/advice-and-information/2014-05-14/information-modern-slavery",
    ),
    "police_non_emergency": (
        "Police",
        "Non-emergency",
        PHONE,
        "101",
        "24 hours, every day",
        "To report a crime or concern that is not an emergency. Textphone 18001 101.",
        "https://healthwatchnorthamptonshire.co.uk/advice-and-information/2014-05-14/information-modern-slavery",
    ),
    "nspcc": (
        "NSPCC",
        "Helpline",
        PHONE,
        "0808 800 5000",
        "Monday to Friday 8am to 10pm, weekends 9am to 6pm. Email help@nspcc.org.uk at any time.",
        "For adults, including professionals, who are worried about a child. You can stay "
        "anonymous.",
        "https://safeguardingtool.nspcc.org.uk/what-you-can-do/report-abuse/",
    ),
    "childline": (
        "Childline",
        "Helpline for children and young people",
        PHONE,
        "0800 1111",
        "24 hours, every day. Free, and it will not show on a phone bill.",
        "For anyone under 19 who wants to talk about anything. Online chat is on the "
        "Childline website.",
        "https://learning.nspcc.org.uk/services/childline",
    ),
    "modern_slavery_helpline": (
        "Unseen",
        "Modern Slavery & Exploitation Helpline",
        PHONE,
        "08000 121 700",
        "24 hours, every day, in over 200 languages",
        "For anyone who suspects modern slavery or exploitation, including organisations "
        "that are not First Responders.",
        "https://www.unseenuk.org/blog/i-work-on-the-modern-slavery-helpline-and-this-is-what-i-hear",
    ),
    "crimestoppers": (
        "Crimestoppers",
        "Anonymous crime line",
        PHONE,
        "0800 555 111",
        "24 hours, every day",
        "To pass on information about a crime without giving your name.",
        "https://crimestoppers-uk.org/about-the-charity/who-we-are/our-people/our-contact-centre",
    ),
    "nrm_first_responders": (
        "Home Office",
        "Report modern slavery as a first responder",
        WEB_FORM,
        "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
        "Online at any time. The form can be saved and finished later.",
        "For staff of First Responder Organisations referring a child to the National "
        "Referral Mechanism.",
        "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
    ),
    "front_door_northbridge": (
        "Northbridge Council",
        "Children's Advice and Support Hub",
        PHONE,
        "0118 496 0100",
        "Monday to Thursday 8.30am to 5pm, Friday 8.30am to 4.30pm",
        "To report a concern about a child who lives in Northbridge (a fictional demo number).",
        OFCOM_DRAMA_NUMBERS,
    ),
    "front_door_eastwood": (
        "Eastwood Council",
        "Children's Front Door",
        PHONE,
        "0118 496 0200",
        "Monday to Friday 9am to 5pm",
        "To report a concern about a child who lives in Eastwood (a fictional demo number).",
        OFCOM_DRAMA_NUMBERS,
    ),
    "front_door_riverside": (
        "Riverside Council",
        "Multi-Agency Safeguarding Hub",
        PHONE,
        "0118 496 0300",
        "Monday to Friday 8am to 6pm",
        "To report a concern about a child who lives in Riverside (a fictional demo number).",
        OFCOM_DRAMA_NUMBERS,
    ),
    "out_of_hours": (
        "Demo Valley councils",
        "Emergency Duty Team",
        PHONE,
        "0118 496 0900",
        "Evenings, weekends and bank holidays, when the front doors are closed",
        "For an urgent concern about a child in any of the three areas out of office hours "
        "(a fictional demo number).",
        OFCOM_DRAMA_NUMBERS,
    ),
}


def load_contacts():
    """Create any missing demo contact; return all of them by key."""
    contacts = {}
    for key, (organisation, service, channel, value, hours, use, source) in CONTACTS.items():
        contacts[key], _ = Contact.objects.get_or_create(
            organisation=organisation,
            service=service,
            channel=channel,
            defaults={
                "value": value,
                "hours": hours,
                "when_to_use": use,
                "source_url": source,
                "last_verified": DEMO_REVIEW_DATE,
                "verified_by": BUSINESS_UNIT,
            },
        )
    return contacts
