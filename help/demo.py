"""Demo contact registry and the 'Worried about a child?' page.

Local numbers are in Ofcom's range reserved for drama (0118 496 0000 to
0118 496 0999), so the demo never publishes a real council's number.
National numbers are the real ones, with the page they were checked against
(`shared/design/domain.md`, section 6). What could not be confirmed is said
in each record's verification note, which only editors see.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from core.demo import (
    BUSINESS_UNIT,
    DEMO_REVIEW_DATE,
    callout,
    ensure_child,
    heading,
    paragraph,
    related_contacts,
)

from .models import Area, ConcernPage, Contact, OpeningPeriod

OFCOM_DRAMA_NUMBERS = (
    "https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama"
)
HEALTHWATCH = (
    "https://healthwatchnorthamptonshire.co.uk/advice-and-information/2014-05-14/"
    "information-modern-slavery"
)

AREAS = [
    ("Northbridge", "northbridge", "Northbridge Council"),
    ("Eastwood", "eastwood", "Eastwood Council"),
    ("Riverside", "riverside", "Riverside Council"),
]

MON_TO_THU, FRIDAY, MON_TO_FRI, WEEKEND, EVERY_DAY = (
    range(0, 4),
    range(4, 5),
    range(0, 5),
    range(5, 7),
    range(0, 7),
)
Kind, Channel, Audience, BankHolidays = (
    Contact.Kind,
    Contact.Channel,
    Contact.Audience,
    Contact.BankHolidays,
)


def hours(*spans):
    """[(days, "08:30", "17:00"), ...] -> [(weekday, opens, closes), ...]."""
    return [
        (day, datetime.time.fromisoformat(opens), datetime.time.fromisoformat(closes))
        for days, opens, closes in spans
        for day in days
    ]


# Each contact: its fields, with "key" for reference, "areas" (slugs), "hours",
# and "out_of_hours" (another contact's key).
CONTACTS = [
    {
        "key": "emergency",
        "organisation": "Police, ambulance or fire",
        "service": "Emergency",
        "kind": Kind.EMERGENCY,
        "value": "999",
        "open_24_hours": True,
        "when_to_use": "When a child is in immediate danger, or a crime is happening now.",
        "source_url": HEALTHWATCH,
    },
    {
        "key": "emergency_textphone",
        "organisation": "Police, ambulance or fire",
        "service": "Emergency",
        "kind": Kind.EMERGENCY,
        "channel": Channel.TEXTPHONE,
        "value": "18000",
        "open_24_hours": True,
        "when_to_use": "For Deaf, hard of hearing or speech-impaired people, from a textphone.",
        "source_url": HEALTHWATCH,
    },
    {
        "key": "emergency_sms",
        "organisation": "Police, ambulance or fire",
        "service": "Emergency",
        "kind": Kind.EMERGENCY,
        "channel": Channel.TEXT,
        "value": "999",
        "open_24_hours": True,
        "when_to_use": "Text 999 only if you have registered your phone with emergencySMS first.",
        "source_url": HEALTHWATCH,
    },
    {
        "key": "police_non_emergency",
        "organisation": "Police",
        "service": "Non-emergency",
        "value": "101",
        "open_24_hours": True,
        "when_to_use": "To report a crime or a concern that is not an emergency.",
        "source_url": HEALTHWATCH,
    },
    {
        "key": "police_textphone",
        "organisation": "Police",
        "service": "Non-emergency",
        "channel": Channel.TEXTPHONE,
        "value": "18001 101",
        "open_24_hours": True,
        "when_to_use": "The police non-emergency number from a textphone.",
        "source_url": HEALTHWATCH,
    },
    {
        "key": "nspcc",
        "organisation": "NSPCC",
        "service": "Helpline",
        "value": "0808 800 5000",
        "hours": hours((MON_TO_FRI, "08:00", "22:00"), (WEEKEND, "09:00", "18:00")),
        "bank_holidays": BankHolidays.USUAL_HOURS,
        "hours_note": "Email help@nspcc.org.uk or report online at any time.",
        "when_to_use": "For adults, including professionals, worried about a child. You can "
        "stay anonymous.",
        "source_url": "https://safeguardingtool.nspcc.org.uk/what-you-can-do/report-abuse/",
        "verification_note": "Phone hours: newer NSPCC pages give Monday to Friday 8am to "
        "10pm and weekends 9am to 6pm; an older page said 24 hours. Bank holiday hours not "
        "confirmed. Check the live NSPCC page before the next review.",
    },
    {
        "key": "childline",
        "organisation": "Childline",
        "service": "Helpline for children and young people",
        "audience": Audience.CHILDREN,
        "value": "0800 1111",
        "open_24_hours": True,
        "hours_note": "Free. It does not show on a phone bill. Chat online on the Childline "
        "website.",
        "when_to_use": "For anyone under 19 who wants to talk about anything.",
        "source_url": "https://learning.nspcc.org.uk/services/childline",
    },
    {
        "key": "modern_slavery_helpline",
        "organisation": "Unseen",
        "service": "Modern Slavery & Exploitation Helpline",
        "value": "08000 121 700",
        "open_24_hours": True,
        "hours_note": "In over 200 languages.",
        "when_to_use": "For anyone who suspects modern slavery or exploitation, including "
        "organisations that are not First Responders.",
        "source_url": "https://www.unseenuk.org/blog/"
        "i-work-on-the-modern-slavery-helpline-and-this-is-what-i-hear",
        "verification_note": "Language figure (over 200) is from 2019.",
    },
    {
        "key": "crimestoppers",
        "organisation": "Crimestoppers",
        "service": "Anonymous crime line",
        "value": "0800 555 111",
        "open_24_hours": True,
        "when_to_use": "To pass on information about a crime without giving your name.",
        "source_url": "https://crimestoppers-uk.org/about-the-charity/who-we-are/our-people/"
        "our-contact-centre",
    },
    {
        "key": "nrm_first_responders",
        "organisation": "Home Office",
        "service": "Report modern slavery as a first responder",
        "kind": Kind.REFERRAL,
        "channel": Channel.WEB_FORM,
        "audience": Audience.FIRST_RESPONDERS,
        "value": "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
        "open_24_hours": True,
        "hours_note": "The form can be saved and finished later.",
        "when_to_use": "For staff of First Responder Organisations referring a child to the "
        "National Referral Mechanism.",
        "source_url": "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder",
    },
    {
        "key": "out_of_hours",
        "organisation": "Demo Valley councils",
        "service": "Emergency Duty Team",
        "kind": Kind.OUT_OF_HOURS,
        "value": "0118 496 0900",
        "areas": ["northbridge", "eastwood", "riverside"],
        "hours": hours(
            (MON_TO_FRI, "00:00", "09:00"),
            (MON_TO_FRI, "16:30", "00:00"),
            (WEEKEND, "00:00", "00:00"),
        ),
        "bank_holidays": BankHolidays.ALL_DAY,
        "when_to_use": "For an urgent concern about a child when children's social care is "
        "closed (a fictional demo number).",
        "source_url": OFCOM_DRAMA_NUMBERS,
    },
    {
        "key": "front_door_northbridge",
        "organisation": "Northbridge Council",
        "service": "Children's Advice and Support Hub",
        "kind": Kind.FRONT_DOOR,
        "value": "0118 496 0100",
        "areas": ["northbridge"],
        "hours": hours((MON_TO_THU, "08:30", "17:00"), (FRIDAY, "08:30", "16:30")),
        "out_of_hours": "out_of_hours",
        "when_to_use": "To report a concern about a child who lives in Northbridge (a "
        "fictional demo number).",
        "source_url": OFCOM_DRAMA_NUMBERS,
    },
    {
        "key": "front_door_eastwood",
        "organisation": "Eastwood Council",
        "service": "Children's Front Door",
        "kind": Kind.FRONT_DOOR,
        "value": "0118 496 0200",
        "areas": ["eastwood"],
        "hours": hours((MON_TO_FRI, "09:00", "17:00")),
        "out_of_hours": "out_of_hours",
        "when_to_use": "To report a concern about a child who lives in Eastwood (a fictional "
        "demo number).",
        "source_url": OFCOM_DRAMA_NUMBERS,
    },
    {
        "key": "front_door_riverside",
        "organisation": "Riverside Council",
        "service": "Multi-Agency Safeguarding Hub",
        "kind": Kind.FRONT_DOOR,
        "value": "0118 496 0300",
        "areas": ["riverside"],
        "hours": hours((MON_TO_FRI, "08:00", "18:00")),
        "out_of_hours": "out_of_hours",
        "when_to_use": "To report a concern about a child who lives in Riverside (a fictional "
        "demo number).",
        "source_url": OFCOM_DRAMA_NUMBERS,
    },
    {
        "key": "consultation",
        "organisation": "Demo Valley Safeguarding Children Partnership",
        "service": "Safeguarding consultation line",
        "kind": Kind.CONSULTATION,
        "audience": Audience.PRACTITIONERS,
        "value": "0118 496 0400",
        "areas": ["northbridge", "eastwood", "riverside"],
        "hours": hours((MON_TO_FRI, "09:00", "17:00")),
        "when_to_use": "For practitioners who want to talk a concern through with a social "
        "worker before deciding whether to refer. Not for urgent concerns (a fictional demo "
        "number).",
        "source_url": OFCOM_DRAMA_NUMBERS,
    },
]


def load_areas():
    areas = {}
    for order, (name, slug, council) in enumerate(AREAS):
        areas[slug], _ = Area.objects.get_or_create(
            slug=slug, defaults={"name": name, "council": council, "sort_order": order}
        )
    return areas


def load_contacts():
    """Create any missing demo contact, published, with its hours; return all by key."""
    areas = load_areas()
    contacts = {}
    for spec in CONTACTS:
        fields = dict(spec)
        key = fields.pop("key")
        area_slugs = fields.pop("areas", [])
        periods = fields.pop("hours", [])
        out_of_hours = fields.pop("out_of_hours", None)
        identity = {
            "organisation": fields.pop("organisation"),
            "service": fields.pop("service"),
            "channel": fields.pop("channel", Channel.PHONE),
        }
        contact = Contact.objects.filter(**identity).first()
        if contact is None:
            contact = Contact(
                **identity,
                **fields,
                last_verified=DEMO_REVIEW_DATE,
                verified_by=BUSINESS_UNIT,
                out_of_hours=contacts.get(out_of_hours),
            )
            contact.opening_periods = [
                OpeningPeriod(weekday=day, opens=opens, closes=closes)
                for day, opens, closes in periods
            ]
            contact.save()
            contact.areas.set([areas[slug] for slug in area_slugs])
            contact.save_revision().publish()
        contacts[key] = contact
    return contacts


# Editors draft changes to contacts; Moderators approve and publish them.
CONTACT_PERMISSIONS = {
    "Editors": ["add_contact", "change_contact", "lock_contact"],
    "Moderators": [
        "add_contact",
        "change_contact",
        "lock_contact",
        "publish_contact",
        "delete_contact",
        "add_area",
        "change_area",
    ],
}


def load_contact_workflow():
    """Who may edit contacts, and the approval every change to a contact needs."""
    for group_name, codenames in CONTACT_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="help", codename__in=codenames)
            )
    workflow, created = Workflow.objects.get_or_create(name="Contact approval")
    if created:
        task, _ = GroupApprovalTask.objects.get_or_create(name="Moderators approve contact")
        task.groups.set(task.groups.model.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Contact), defaults={"workflow": workflow}
    )
    return workflow


def load_concern_page(home, contacts, trafficking_article):
    """The 'Worried about a child?' page, once."""
    article_link = f'<a linktype="page" id="{trafficking_article.pk}">'
    return ensure_child(
        home,
        ConcernPage,
        "worried-about-a-child",
        title="Worried about a child?",
        intro=(
            "Find the right number for where the child lives, for now. You do not need to be "
            "sure a child is being harmed, and you do not need proof: tell someone."
        ),
        search_description=(
            "Report a concern about a child in Northbridge, Eastwood or Riverside: the number "
            "to call now, out of hours, and what happens next."
        ),
        what_to_have_ready=(
            "<p>It helps if you can say some of these things. Do not wait until you know them "
            "all: call anyway.</p>"
            "<ul>"
            "<li>the child's name, age or date of birth, and address</li>"
            "<li>where the child is now, and whether they are safe tonight</li>"
            "<li>who looks after the child, and who else lives with them</li>"
            "<li>what worries you: what you saw or heard, and when</li>"
            "<li>anything the child said to you, in their own words</li>"
            "<li>anything you have already done, and who else knows, such as their school</li>"
            "<li>your name and how to contact you, unless you want to stay anonymous</li>"
            "</ul>"
        ),
        what_happens_next=(
            "<ol>"
            "<li>The person you speak to listens, asks questions and writes down what you "
            "say.</li>"
            "<li>They check their records and may talk to others who know the child, such as "
            "the school, health visitor, GP or police.</li>"
            "<li>A social worker decides what should happen next. National guidance (Working "
            "Together to Safeguard Children 2023) says this should happen within one working "
            "day.</li>"
            "<li>The family may get advice, support or an assessment. If a child is at risk "
            "of serious harm, children's social care and the police act at once.</li>"
            "</ol>"
            "<p>If you are a member of the public, you can ask the council not to tell the "
            "family who you are. The council may not be able to tell you what happened next, "
            "because the family's information is private.</p>"
        ),
        somewhere_else=(
            "<p>Contact children's social care at the council for the area where the child "
            'lives. <a href="https://www.gov.uk/find-local-council">Find the council on '
            "GOV.UK</a> from a postcode, then look for 'report a concern about a child'.</p>"
            "<p>If you do not know where the child lives, contact the council where the child "
            "is now, or call the NSPCC Helpline below.</p>"
        ),
        body=[
            heading("If you are a child or young person"),
            callout(
                "children",
                "You can talk to Childline",
                "<p>Whatever is happening, it is not your fault and you will not get into "
                "trouble. Childline is free, and you do not have to give your name. If you "
                "are in danger now, call 999.</p>",
                contacts=[contacts["childline"]],
            ),
            heading("If you work with children"),
            paragraph(
                "<p>Follow your organisation's safeguarding procedures and tell your "
                "designated safeguarding lead, but do not let that delay a referral when a "
                "child is at risk. To refer, call the front door for the area where the child "
                "lives, above. If you are not sure whether to refer, talk it through with the "
                "consultation line first.</p>"
            ),
            related_contacts("Talk a concern through", [contacts["consultation"]]),
            callout(
                "first-responders",
                "If you think a child has been trafficked or exploited",
                "<p>Every child who may be a victim of modern slavery must be referred to the "
                "National Referral Mechanism (NRM). A child does not have to agree: consent is "
                "needed only from adults.</p>"
                "<ol>"
                "<li>Keep the child safe, and make a child welfare referral to children's "
                "social care for the area where the child lives.</li>"
                "<li>A First Responder Organisation then makes the NRM referral online. Police "
                "forces and local authorities are First Responders, and so are some charities, "
                "such as the NSPCC Child Trafficking Advice Centre and Barnardo's. Schools and "
                "health services are not: they refer through children's social care or the "
                "police.</li>"
                "<li>For a child, the NRM referral also meets the Duty to Notify the Home "
                "Office (Modern Slavery Act 2015, section 52) that applies to police forces "
                "and local authorities.</li>"
                "</ol>"
                f"<p>Read our {article_link}guidance on child trafficking</a> for the full "
                "pathway.</p>",
                contacts=[contacts["nrm_first_responders"], contacts["modern_slavery_helpline"]],
            ),
            heading("Other ways to get advice or report"),
            paragraph(
                "<p>If you would like to talk it through first, or stay anonymous, call the "
                "NSPCC Helpline. If you think a crime has happened but no one is in immediate "
                "danger, call the police on the non-emergency number. To report a crime "
                "without giving your name, contact Crimestoppers.</p>"
            ),
            related_contacts(
                "Advice and reporting lines",
                [
                    contacts["nspcc"],
                    contacts["police_non_emergency"],
                    contacts["police_textphone"],
                    contacts["crimestoppers"],
                ],
            ),
        ],
        content_owner=BUSINESS_UNIT,
        last_review_date=DEMO_REVIEW_DATE,
    )
