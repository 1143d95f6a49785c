"""Demo guidance for practitioners: child trafficking, criminal and sexual exploitation.

The child trafficking article carries every fact of the reference page
(`shared/seed/child-trafficking-page.txt`, Berkshire West Safeguarding
Children Partnership, about 2019) in the partnership's own words, with two
deliberate changes:

- documents marked OFFICIAL-SENSITIVE are never named or linked: the page only
  says that such material is shared with approved partner-agency practitioners;
- the reference page's Single Competent Authority email address and phone
  number are stale (`shared/design/domain.md`, section 2.7) and are left out;
  First Responders are sent to the GOV.UK referral form instead.

Phone numbers never appear in the text: they come from the contact registry
(`help.demo`), so each number lives in one record.
"""

from core.demo import (
    DEMO_REVIEW_DATE,
    callout,
    ensure_child,
    external_link,
    film,
    heading,
    key_figures,
    numbered,
    paragraph,
    related_contacts,
    related_resources,
    resource,
)
from core.demo import bullets as bulleted

from .models import ArticlePage, TopicIndexPage

# The partnership group that keeps the exploitation guidance right.
EXPLOITATION_OWNER = "Demo Valley partnership business unit: exploitation and missing children lead"

NSPCC_CHILD_TRAFFICKING = (
    "https://www.nspcc.org.uk/what-is-child-abuse/types-of-abuse/child-trafficking/"
)
NSPCC_CTAC = (
    "https://www.nspcc.org.uk/services-and-resources/childrens-services/"
    "child-trafficking-advice-centre-ctac/"
)
NRM_STATISTICS = "https://www.gov.uk/government/collections/national-referral-mechanism-statistics"
NRM_END_OF_YEAR_2023 = (
    "https://www.gov.uk/government/statistics/"
    "modern-slavery-nrm-and-dtn-statistics-end-of-year-summary-2023/"
    "modern-slavery-national-referral-mechanism-and-duty-to-notify-statistics-uk-"
    "end-of-year-summary-2023"
)
NRM_Q4_2023 = (
    "https://gov.uk/government/statistics/"
    "modern-slavery-nrm-and-dtn-statistics-october-to-december-2023/"
    "modern-slavery-national-referral-mechanism-and-duty-to-notify-statistics-uk-"
    "quarter-4-2023-october-to-december"
)
FIRST_RESPONDER_GUIDANCE = "https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder"
MODERN_SLAVERY_STATUTORY_GUIDANCE = (
    "https://www.gov.uk/government/publications/modern-slavery-how-to-identify-and-support-victims"
)
ECPAT_FILMS = "https://www.ecpat.org.uk/films-for-practitioners"
COUNTY_LINES_GUIDANCE = (
    "https://www.gov.uk/government/publications/"
    "criminal-exploitation-of-children-and-vulnerable-adults-county-lines"
)
NSPCC_CRIMINAL_EXPLOITATION = (
    "https://www.nspcc.org.uk/what-is-child-abuse/types-of-abuse/criminal-exploitation-and-gangs/"
)
NSPCC_LEARNING_COUNTY_LINES = "https://learning.nspcc.org.uk/child-abuse-and-neglect/county-lines"
CSE_GUIDE = (
    "https://www.gov.uk/government/publications/"
    "child-sexual-exploitation-definition-and-guide-for-practitioners"
)
NSPCC_CSE = "https://www.nspcc.org.uk/what-is-child-abuse/types-of-abuse/child-sexual-exploitation/"

# The five NSPCC Child Trafficking Advice Centre leaflets, by audience.
CTAC_LEAFLET_AUDIENCES = [
    ("carers", "foster carers, kinship carers and other people who look after children"),
    ("education workers", "teachers and other staff in schools and colleges"),
    ("frontline health professionals", "GPs, nurses, health visitors and hospital staff"),
    ("social workers", "social workers in children's services"),
    ("youth justice practitioners", "staff in youth justice services"),
]


def front_doors(contacts):
    return [
        contacts["front_door_northbridge"],
        contacts["front_door_eastwood"],
        contacts["front_door_riverside"],
        contacts["out_of_hours"],
    ]


def load_articles(home, contacts, library):
    """Create the practitioners' topic index and its articles, once; return them by key.

    `library` is the demo resource library (`resources.demo.load_library`): the child
    trafficking article lists its records, so the article and the library share them.
    """
    practitioners = ensure_child(
        home,
        TopicIndexPage,
        "practitioners",
        title="Guidance for practitioners",
        intro=(
            "Guidance for people who work with children in Northbridge, Eastwood and "
            "Riverside: what each form of harm looks like, what to do, who to contact "
            "and where to find trusted resources."
        ),
        search_description=(
            "Safeguarding guidance for practitioners in Demo Valley: child trafficking, "
            "child criminal exploitation and county lines, child sexual exploitation."
        ),
    )
    return {
        "practitioners": practitioners,
        "child_trafficking": child_trafficking(practitioners, contacts, library),
        "child_criminal_exploitation": child_criminal_exploitation(practitioners, contacts),
        "child_sexual_exploitation": child_sexual_exploitation(practitioners, contacts),
    }


# Child trafficking ----------------------------------------------------------


def library_item(record):
    """A related-resources item for a library record, in the record's own words."""
    return resource(
        record.title,
        description=record.summary,
        publisher=record.source_organisation,
        document=record,
    )


def child_trafficking(parent, contacts, library):
    return ensure_child(
        parent,
        ArticlePage,
        "child-trafficking",
        title="Child trafficking",
        summary=(
            "What child trafficking is, how traffickers exploit and control children, what "
            "to do if you are worried, and how a child is referred to the National Referral "
            "Mechanism."
        ),
        search_description=(
            "Child trafficking guidance for practitioners: forms of exploitation, signs, "
            "what to do, National Referral Mechanism referrals, films and resources."
        ),
        body=child_trafficking_body(contacts, library),
        content_owner=EXPLOITATION_OWNER,
        last_review_date=DEMO_REVIEW_DATE,
    )


def child_trafficking_body(contacts, library):
    return [
        heading("What child trafficking is"),
        paragraph(
            "<p>A child is trafficked when someone tricks, forces or persuades them to leave "
            "their home, moves or transports them somewhere else, and then exploits them, "
            "makes them work or sells them.</p>"
            "<p>A child is anyone under 18. Trafficking does not have to cross a border: "
            "children are also trafficked from one part of the UK to another.</p>"
        ),
        heading("Why children are trafficked"),
        paragraph("<p>Traffickers use children for:</p>"),
        bulleted(
            "sexual exploitation",
            "benefit fraud",
            "forced marriage",
            "domestic slavery: cleaning, cooking and childcare in someone else's home",
            "forced labour, for example in factories or agriculture",
            "crime: begging, theft, moving drugs or working on cannabis farms",
        ),
        heading("How trafficking harms children"),
        paragraph(
            "<p>Trafficked children suffer many kinds of abuse and neglect. Traffickers "
            "control children through physical, sexual and emotional abuse. The children "
            "are also likely to be neglected, physically and emotionally, and may be "
            "sexually exploited.</p>"
            "<p>A child may not see themselves as a victim, or may be too frightened of "
            "the traffickers to ask for help. Do not wait for the child to tell you.</p>"
        ),
        heading("Signs to look for", "h3"),
        paragraph(
            "<p>The NSPCC lists signs that a child may have been trafficked. They include "
            "a child who:</p>"
        ),
        bulleted(
            "spends a lot of time doing housework and has little or no time to play",
            "rarely leaves the house, or is not registered with a school or a GP",
            "has no documents, or documents that seem false",
            "is not sure which town or country they are in",
            "has money or goods they cannot explain, or has to hand over most of what they earn",
            "tells a story that seems rehearsed, or is the same as other children's",
        ),
        external_link(
            NSPCC_CHILD_TRAFFICKING,
            "NSPCC guidance on child trafficking",
            "The NSPCC explains what child trafficking is, the signs to look for and how to "
            "report a concern.",
        ),
        heading("What to do if you are worried about a child"),
        paragraph(
            "<p>If a child is in immediate danger, call 999.</p>"
            "<p>Otherwise, follow your organisation's safeguarding procedures and tell your "
            "designated safeguarding lead. Contact children's social care for the area where "
            "the child lives straight away. Do not try to investigate yourself, and do not "
            "confront anyone you think may be a trafficker.</p>"
        ),
        related_contacts("Children's social care in Demo Valley", front_doors(contacts)),
        heading("Referring a child to the National Referral Mechanism"),
        paragraph(
            "<p>The National Referral Mechanism (NRM) is the UK's way of identifying victims "
            "of modern slavery, including trafficking, and getting them support. First "
            "Responder Organisations make the referrals. The Home Office's Single Competent "
            "Authority decides whether the person is a victim.</p>"
            "<p>If you are not sure how old a young person is, treat them as a child until "
            "an age assessment shows otherwise (Modern Slavery Act 2015, section 51).</p>"
        ),
        callout(
            "first-responders",
            "How to refer a child to the NRM",
            "<p>Every child under 18 who may be a victim of trafficking or modern slavery "
            "<strong>must</strong> be referred to the NRM. You do not need the child's "
            "consent: only adults have to agree to a referral.</p>"
            "<ol>"
            "<li>Keep the child safe first. Send a child welfare referral to children's "
            "social care in the local authority where the child lives, and tell the police.</li>"
            "<li>Then complete the NRM referral online. The local authority is told when "
            "the referral is made.</li>"
            "</ol>"
            "<p>Only staff of First Responder Organisations can make an NRM referral. They "
            "include police forces, local authorities, some Home Office teams (UK Visas and "
            "Immigration, Border Force and Immigration Enforcement), the National Crime "
            "Agency, the Gangmasters and Labour Abuse Authority, and named charities such as "
            "the NSPCC Child Trafficking Advice Centre, Barnardo's, the Salvation Army and "
            "Migrant Help.</p>"
            "<p>Schools, health services and most charities are not First Responders. If "
            "you work for one, refer the child to children's social care or the police, and "
            "they will make the NRM referral. If your organisation is not a First Responder "
            "and you need advice, call the Modern Slavery &amp; Exploitation Helpline.</p>"
            "<p>Sources: Home Office, "
            f'<a href="{FIRST_RESPONDER_GUIDANCE}">Report modern slavery as a first '
            "responder</a>; the full list of First Responder Organisations is in the "
            f'<a href="{MODERN_SLAVERY_STATUTORY_GUIDANCE}">Home Office modern slavery '
            "statutory guidance</a>.</p>",
            contacts=[contacts["nrm_first_responders"], contacts["modern_slavery_helpline"]],
        ),
        heading("How many children are affected"),
        paragraph(
            "<p>In May 2019 a police briefing for partner agencies counted 1,412 live "
            "modern slavery operations across the UK. Of these, 487 (about a third) involved "
            "children under 18. Berkshire West Safeguarding Children Partnership published "
            "these figures on its public child trafficking page. The briefing itself is "
            "not a public document.</p>"
        ),
        key_figures(
            [
                ("1,412", "live modern slavery operations across the UK"),
                ("487", "of those operations involved children under 18"),
            ],
            source="a police briefing for partner agencies (National Police Insight Team)",
            source_date="May 2019",
        ),
        paragraph(
            "<p>For current figures, read the Home Office's public statistics on the "
            "National Referral Mechanism, listed in the resources below.</p>"
        ),
        key_figures(
            [
                (
                    "7,432",
                    "NRM referrals in 2023 for people exploited as children, the "
                    "highest number on record",
                ),
                ("44%", "of all NRM referrals in 2023 were for people exploited as children"),
            ],
            source=(
                "Home Office, Modern Slavery: National Referral Mechanism and Duty to Notify "
                "statistics UK, end of year summary 2023"
            ),
            source_date="7 March 2024",
            source_url=NRM_END_OF_YEAR_2023,
        ),
        heading("Films for practitioners"),
        paragraph(
            "<p>ECPAT UK, a children's rights charity, has made two films on child "
            "trafficking for people who work with children. Both are on ECPAT UK's films "
            "for practitioners page.</p>"
        ),
        film(
            "Film on Vietnamese children forced into cannabis cultivation",
            "ECPAT UK",
            "Raises awareness of what Vietnamese children go through when they are "
            "trafficked and forced to grow cannabis.",
            ECPAT_FILMS,
            audience="practitioners",
        ),
        film(
            "Film on identifying migrant children who may be criminally exploited",
            "ECPAT UK",
            "Helps practitioners recognise migrant children who may be being exploited "
            "to commit crime.",
            ECPAT_FILMS,
            audience="practitioners",
        ),
        related_resources(
            "Resources for practitioners",
            [
                *(library_item(leaflet) for leaflet in library.leaflets),
                library_item(library.nrm_statistics),
            ],
            intro=(
                "<p>These resources raise awareness among people who work with children. "
                "They help build a better intelligence picture of trafficking and help you "
                "identify children who may be victims.</p>"
                "<p>The NSPCC Child Trafficking Advice Centre also gives professionals advice "
                "on individual children and is itself a First Responder. Contact it through "
                "the NSPCC helpline, listed below.</p>"
                "<p>Police briefings and infographics marked OFFICIAL-SENSITIVE are shared "
                "only with approved practitioners in partner agencies, and never on public "
                "pages such as this one. Approved practitioners who have signed in find them, "
                "with everything listed here, in the partnership's "
                f'<a linktype="page" id="{library.page.pk}">resource library</a>.</p>'
            ),
        ),
        related_contacts(
            "Advice and reporting lines",
            [
                contacts["nspcc"],
                contacts["modern_slavery_helpline"],
                contacts["police_non_emergency"],
                contacts["crimestoppers"],
            ],
        ),
    ]


# Child criminal exploitation and county lines ---------------------------------


def child_criminal_exploitation(parent, contacts):
    return ensure_child(
        parent,
        ArticlePage,
        "child-criminal-exploitation",
        title="Child criminal exploitation and county lines",
        summary=(
            "How children are groomed, pressured and forced into crime, including county "
            "lines drug dealing, the signs to look for and what to do."
        ),
        search_description=(
            "Child criminal exploitation and county lines: definition, who is at risk, "
            "signs to look for and how practitioners in Demo Valley should respond."
        ),
        body=child_criminal_exploitation_body(contacts),
        content_owner=EXPLOITATION_OWNER,
        last_review_date=DEMO_REVIEW_DATE,
    )


def child_criminal_exploitation_body(contacts):
    return [
        heading("What child criminal exploitation is"),
        paragraph(
            "<p>Child criminal exploitation happens when a person or a group uses their "
            "power over a child under 18 to get the child to commit crime. They may "
            "coerce, control, manipulate or deceive the child. They may give the child "
            "something the child wants or needs, use violence or threats, or do it for "
            "their own profit or other gain.</p>"
            "<p>It is still exploitation if the child seems to go along with it. It can "
            "happen online as well as in person. A child who is exploited is a victim, even "
            "if they have also committed crimes.</p>"
        ),
        heading("What county lines means"),
        paragraph(
            "<p>County lines is a form of criminal exploitation. Gangs and organised "
            "criminal networks move and sell illegal drugs, often from one area of the UK "
            "into another, and take orders on a dedicated mobile phone number, called a "
            "deal line. They use children and "
            "vulnerable adults to carry and store the drugs, money and weapons. They "
            "control them with threats, violence (including sexual violence) and debt.</p>"
            "<p>Gangs may also take over the home of a vulnerable adult to use as a base. "
            "This is called cuckooing.</p>"
        ),
        heading("Who is at risk"),
        paragraph(
            "<p>Any child can be exploited, whatever their gender, background or age. "
            "Exploiters look for children who are easier to control, for example a child "
            "who:</p>"
        ),
        bulleted(
            "has been abused or neglected",
            "is in care or leaving care",
            "is excluded from school or not in mainstream education",
            "is isolated, or lives in poverty or insecure housing",
            "has a learning disability, mental health needs or problems with drugs or alcohol",
            "has an insecure immigration status",
            "knows people who are involved in gangs",
        ),
        paragraph(
            "<p>These things do not cause exploitation. Exploiters use them to gain power "
            "over a child.</p>"
        ),
        heading("Signs to look for"),
        bulleted(
            "going missing from home, care or school, or being found far from home",
            "money, clothes or phones they cannot explain",
            "more than one phone, or a lot of calls and messages",
            "friendships with older or controlling people, or dropping old friends",
            "injuries they will not explain",
            "carrying a weapon",
            "falling attendance or results at school",
            "train or bus tickets to places they have no reason to go",
            "new slang, such as 'going country' or 'running a line'",
            "changes in mood, or self-harm",
        ),
        paragraph(
            "<p>One sign on its own does not prove exploitation. Look at the whole picture "
            "and talk to colleagues who know the child.</p>"
        ),
        heading("What to do"),
        numbered(
            "If a child is in immediate danger, call 999.",
            "Tell your designated safeguarding lead and follow your organisation's "
            "safeguarding procedures.",
            "Contact children's social care for the area where the child lives. If you find "
            "the child away from home, also tell the council for the area where you found "
            "them, because other children may be at risk there.",
            "Share what you know with the police on their non-emergency number. To pass "
            "on information without giving your name, contact Crimestoppers.",
            "Children exploited through county lines may be victims of modern slavery. "
            "Children's social care or the police should refer them to the National "
            "Referral Mechanism (see our child trafficking guidance).",
        ),
        callout(
            "practitioners",
            "Treat the child as a victim",
            "<p>Exploited children are sometimes arrested for crimes they were made to "
            "commit. Make sure the police and the youth justice service know that the child "
            "may have been exploited. Victims of slavery or trafficking may have a legal "
            "defence for some offences (Modern Slavery Act 2015, section 45).</p>"
            "<p>Do not tell the child to stop seeing the exploiters without a safety plan: "
            "the child may owe them money or be in danger if they try to leave.</p>",
            contacts=[contacts["police_non_emergency"], contacts["crimestoppers"]],
        ),
        heading("How many children are referred"),
        paragraph(
            "<p>At the end of 2023, more than 4 in 10 referrals of children to the National "
            "Referral Mechanism were for criminal exploitation.</p>"
        ),
        key_figures(
            [
                (
                    "1,945",
                    "NRM referrals in October to December 2023 for people exploited as children",
                ),
                ("43%", "of those child referrals (844) were for criminal exploitation"),
            ],
            source=(
                "Home Office, Modern Slavery: National Referral Mechanism and Duty to Notify "
                "statistics UK, October to December 2023"
            ),
            source_date="March 2024",
            source_url=NRM_Q4_2023,
        ),
        heading("Further guidance"),
        external_link(
            COUNTY_LINES_GUIDANCE,
            "Home Office guidance: criminal exploitation of children and vulnerable adults "
            "(county lines)",
            "National guidance for frontline staff: what county lines is, signs to look for "
            "and what to do. Updated 20 October 2023.",
        ),
        external_link(
            NSPCC_CRIMINAL_EXPLOITATION,
            "NSPCC guidance on criminal exploitation and gangs",
            "Signs of criminal exploitation, its effects and how to report a concern.",
        ),
        external_link(
            NSPCC_LEARNING_COUNTY_LINES,
            "NSPCC Learning: protecting children from county lines",
            "For anyone who works or volunteers with children.",
        ),
        related_contacts(
            "Who to contact",
            [
                *front_doors(contacts),
                contacts["police_non_emergency"],
                contacts["crimestoppers"],
                contacts["nspcc"],
            ],
        ),
    ]


# Child sexual exploitation ----------------------------------------------------


def child_sexual_exploitation(parent, contacts):
    return ensure_child(
        parent,
        ArticlePage,
        "child-sexual-exploitation",
        title="Child sexual exploitation",
        summary=(
            "What child sexual exploitation is, how abusers groom and control children, the "
            "signs to look for and what to do if you are worried."
        ),
        search_description=(
            "Child sexual exploitation guidance for practitioners: definition, grooming, "
            "online exploitation, signs and how to respond in Demo Valley."
        ),
        body=child_sexual_exploitation_body(contacts),
        content_owner=EXPLOITATION_OWNER,
        last_review_date=DEMO_REVIEW_DATE,
    )


def child_sexual_exploitation_body(contacts):
    return [
        heading("What child sexual exploitation is"),
        paragraph(
            "<p>Child sexual exploitation is a form of child sexual abuse. A person or a "
            "group takes advantage of their power over a child under 18 to coerce, "
            "manipulate or deceive the child into sexual activity. The child may be given "
            "something they need or want, or the abuser may gain money or status.</p>"
            "<p>It is abuse even when the child seems to agree, and even when the child is "
            "16 or 17 and old enough to consent to sex. It does not always involve physical "
            "contact: it can happen online, through phones, apps and games.</p>"
            "<p>This is how the Department for Education defines child sexual exploitation "
            "in its guide for practitioners (February 2017).</p>"
        ),
        heading("How it happens"),
        paragraph("<p>Child sexual exploitation can:</p>"),
        bulleted(
            "affect any child, boys as well as girls",
            "be carried out by adults or by other children, men or women, alone or in groups",
            "start with gifts, attention or a 'relationship' with an older boyfriend or girlfriend",
            "involve passing a child between abusers, sometimes in different towns",
            "happen without the child knowing, for example when someone shares images of them",
            "involve violence or threats, including threats to share images",
        ),
        heading("Signs to look for"),
        bulleted(
            "going missing from home, care or school",
            "gifts, money, a new phone or clothes they cannot explain",
            "an older boyfriend or girlfriend, or being picked up in cars by people you "
            "do not know",
            "secrecy about their phone or online contacts",
            "sexually transmitted infections or pregnancy",
            "using drugs or alcohol",
            "changes in mood or behaviour, or self-harm",
            "spending time with other children who are being exploited",
        ),
        paragraph(
            "<p>Children often do not see that they are being exploited. They may believe "
            "the abuser loves them. Stay curious and keep talking to the child.</p>"
        ),
        heading("What to do"),
        numbered(
            "If a child is in immediate danger, call 999.",
            "Tell your designated safeguarding lead and follow your organisation's "
            "safeguarding procedures.",
            "Contact children's social care for the area where the child lives straight away.",
            "Write down what you saw and what the child said, in their words, with the date "
            "and time.",
            "Share information about places, cars, phone numbers or people with the police.",
        ),
        callout(
            "practitioners",
            "Never copy or forward images of a child",
            "<p>If you see a sexual image or video of a child, do not copy, save, print or "
            "send it to anyone, even to report it. Making or sharing an indecent image of "
            "anyone under 18 is a crime. Note where you saw it and tell your designated "
            "safeguarding lead and the police, who will secure the evidence.</p>",
            contacts=[contacts["police_non_emergency"]],
        ),
        heading("Further guidance"),
        external_link(
            CSE_GUIDE,
            "Department for Education: child sexual exploitation, definition and guide for "
            "practitioners",
            "The national definition and advice for practitioners and managers (February 2017).",
        ),
        external_link(
            NSPCC_CSE,
            "NSPCC guidance on child sexual exploitation",
            "What child sexual exploitation is, the signs and how to report a concern.",
        ),
        related_contacts(
            "Who to contact",
            [*front_doors(contacts), contacts["police_non_emergency"], contacts["nspcc"]],
        ),
    ]
