"""The demo resource library: topics, two collections, the library page and its documents.

The documents are the reference page's resources (`shared/seed/child-trafficking-page.txt`):

- the five NSPCC Child Trafficking Advice Centre leaflets, public: a charity's public
  material that the partnership shares as cleared for release (OFFICIAL – FOR PUBLIC
  RELEASE), so the site and the file show the same marking;
- the Home Office's National Referral Mechanism statistics on children, public:
  government statistics cleared for release (OFFICIAL – FOR PUBLIC RELEASE). The
  reference page's 2019 extract is replaced by the 2023 summary, whose figures the
  child trafficking article quotes;
- the May 2019 police briefing and the two April 2019 infographics, which the
  reference page itself calls OFFICIAL-SENSITIVE and "not for public dissemination":
  here PARTNERSHIP USE ONLY, in a collection private to exactly the Demo Valley
  practitioners group, and never named on a public page. The infographics' police
  force is the fictional Demo Valley Police, like the rest of the partnership.

Each file is a small PDF that the loader writes (`resources.demo_pdf`). It says
plainly that it is a demo file standing in for the real publication, names the
source and says where the real one is, and carries its marking at the top and the
bottom of every page. The reference page gives no date for the leaflets, so they have
none; the police material is dated the first of the month the page names.

Filenames appear in download addresses, so those of sensitive files say nothing
of their contents. Loading is idempotent like the rest of the demo (`core.demo`):
an existing topic, collection, page or document is left exactly as it is. Each new
document must pass `resources.marking.marking_errors`, or loading stops: a change to
this module that breaks the marking rules fails loudly instead of leaking.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils.dateformat import format as format_date
from django.utils.text import slugify
from wagtail.models import Collection, CollectionViewRestriction

from accounts.demo import PRACTITIONER_GROUP
from articles.demo import CTAC_LEAFLET_AUDIENCES, NRM_STATISTICS, NSPCC_CTAC
from core.demo import AREAS, BUSINESS_UNIT, DEMO_REVIEW_DATE, PARTNERSHIP_NAME, ensure_child
from resources.demo_pdf import marked_pdf
from resources.marking import marking_errors
from resources.models import Audience, HandlingInstruction, Resource, ResourceLibraryPage, Topic

TOPICS = {
    "child-trafficking": "Child trafficking",
    "modern-slavery": "Modern slavery",
    "child-criminal-exploitation": "Child criminal exploitation",
    "child-sexual-exploitation": "Child sexual exploitation",
}
PUBLIC_COLLECTION = "Leaflets and statistics"
PARTNER_COLLECTION = "OFFICIAL-SENSITIVE: Demo Valley partner agencies"
CTAC = "NSPCC Child Trafficking Advice Centre"
PUBLIC_REVIEW_DATE = datetime.date(2027, 11, 2)
# Police material dates quickly: checked, or taken down, sooner.
SENSITIVE_REVIEW_DATE = datetime.date(2027, 5, 2)
CREATOR = f"{PARTNERSHIP_NAME} demo (manage.py load_demo)"

# Who each leaflet is for in the library, by the audience its title names.
LEAFLET_AUDIENCES = {
    "carers": [Audience.CARERS, Audience.PUBLIC],
    "education workers": [Audience.EDUCATION],
    "frontline health professionals": [Audience.HEALTH],
    "social workers": [Audience.SOCIAL_CARE],
    "youth justice practitioners": [Audience.YOUTH_JUSTICE],
}
PARTNER_AGENCIES = [
    Audience.SOCIAL_CARE,
    Audience.EDUCATION,
    Audience.HEALTH,
    Audience.YOUTH_JUSTICE,
    Audience.VOLUNTARY_SECTOR,
]


@dataclass(frozen=True)
class DemoDocument:
    """What the loader needs to make one library record and its demo file."""

    title: str
    filename: str
    summary: str
    source_organisation: str
    publication_date: datetime.date | None
    audiences: list
    topics: list
    # Where the real publication is, or who holds it: printed in the demo file.
    real_copy: str
    handling_instruction: str = HandlingInstruction.NONE
    sensitive: bool = False


@dataclass(frozen=True)
class DemoLibrary:
    page: ResourceLibraryPage
    leaflets: list  # in the order of articles.demo.CTAC_LEAFLET_AUDIENCES
    nrm_statistics: Resource
    partner_material: list


def leaflet(audience, who):
    return DemoDocument(
        title=f"Child trafficking advice for {audience}",
        filename=f"ctac-advice-for-{slugify(audience)}.pdf",
        summary=(
            f"Advice leaflet for {who}: how to recognise a child who may have been "
            "trafficked, what to do if you are worried, and how the Child Trafficking "
            "Advice Centre can help."
        ),
        source_organisation=CTAC,
        publication_date=None,
        audiences=LEAFLET_AUDIENCES[audience],
        topics=["child-trafficking", "modern-slavery"],
        real_copy=f"The real leaflets are available from the NSPCC: {NSPCC_CTAC}",
        handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
    )


NRM_CHILD_STATISTICS = DemoDocument(
    title="National Referral Mechanism statistics: referrals of children, 2023",
    filename="nrm-statistics-children-2023.pdf",
    summary=(
        "Home Office statistics on people referred to the National Referral Mechanism "
        "in 2023, with data tables by age. 7,432 referrals were for people exploited as "
        "children: 44% of all referrals, and the highest number on record."
    ),
    source_organisation="Home Office",
    publication_date=datetime.date(2024, 3, 7),
    audiences=[
        Audience.PUBLIC,
        Audience.SOCIAL_CARE,
        Audience.POLICE,
        Audience.EDUCATION,
        Audience.HEALTH,
        Audience.VOLUNTARY_SECTOR,
    ],
    topics=["modern-slavery", "child-trafficking"],
    handling_instruction=HandlingInstruction.FOR_PUBLIC_RELEASE,
    real_copy=(
        "The real statistics, with their data tables and every newer quarterly release, "
        f"are on GOV.UK: {NRM_STATISTICS}"
    ),
)

NOT_PUBLISHED = (
    "The real {kind} is not published. {source} shares it with partner agencies who "
    "need it for their work; it is not for the public. This demo file holds none of "
    "its contents{figures}."
)

PARTNER_MATERIAL = [
    DemoDocument(
        title="Non law enforcement briefing on modern slavery operations, May 2019",
        filename="partner-briefing-2019-05.pdf",
        summary=(
            "A police briefing for partner agencies outside law enforcement on the live "
            "modern slavery operations across the UK. Of the 1,412 live operations it "
            "counts, 487 (about a third) involved children under 18."
        ),
        source_organisation="National Police Insight Team",
        publication_date=datetime.date(2019, 5, 1),
        audiences=PARTNER_AGENCIES,
        topics=["modern-slavery", "child-trafficking"],
        handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
        sensitive=True,
        real_copy=NOT_PUBLISHED.format(
            kind="briefing",
            source="The National Police Insight Team",
            figures=" beyond the two figures in its summary, which are already public",
        ),
    ),
    *(
        DemoDocument(
            title=f"Modern slavery infographic, April 2019: {area}",
            filename=f"partner-infographic-2019-04-{slug}.pdf",
            summary=(
                f"A picture of modern slavery in Demo Valley in April 2019 {shown}, for "
                "partner agencies who need to understand modern slavery locally."
            ),
            source_organisation="Demo Valley Police",
            publication_date=datetime.date(2019, 4, 1),
            audiences=PARTNER_AGENCIES,
            topics=["modern-slavery"],
            handling_instruction=HandlingInstruction.PARTNERSHIP_USE_ONLY,
            sensitive=True,
            real_copy=NOT_PUBLISHED.format(
                kind="infographic", source="Demo Valley Police", figures=""
            ),
        )
        for area, slug, shown in [
            (
                "local policing areas",
                "areas",
                f"for each local policing area ({', '.join(AREAS[:-1])} and {AREAS[-1]})",
            ),
            ("Demo Valley Police force area", "force", "across the whole police force area"),
        ]
    ),
]


def load_library(home):
    """Create the library's topics, collections, page and documents, once; return them."""
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TOPICS.items()
    }
    # The demo partnership's practitioners, even where no demo users are loaded.
    practitioners, _ = Group.objects.get_or_create(name=PRACTITIONER_GROUP)
    public = ensure_collection(PUBLIC_COLLECTION)
    partner = ensure_collection(PARTNER_COLLECTION, private_to=practitioners)
    page = ensure_child(
        home,
        ResourceLibraryPage,
        "resources",
        title="Resources",
        intro=(
            "Leaflets, briefings and statistics for people who work with children in "
            f"{', '.join(AREAS[:-1])} and {AREAS[-1]}, and for parents and carers. Choose "
            "who a resource is for, a topic or a format to narrow the list."
        ),
        search_description=(
            "Resources from the Demo Valley Safeguarding Children Partnership: advice "
            "leaflets and statistics on child trafficking and modern slavery."
        ),
        content_owner=BUSINESS_UNIT,
        last_review_date=DEMO_REVIEW_DATE,
    )
    return DemoLibrary(
        page=page,
        leaflets=[
            ensure_document(leaflet(audience, who), public, topics)
            for audience, who in CTAC_LEAFLET_AUDIENCES
        ],
        nrm_statistics=ensure_document(NRM_CHILD_STATISTICS, public, topics),
        partner_material=[
            ensure_document(document, partner, topics, sharing_group=practitioners)
            for document in PARTNER_MATERIAL
        ],
    )


def ensure_collection(name, private_to=None):
    """The top-level collection called `name`; a new one is private to `private_to` alone."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    collection = root.add_child(name=name)
    if private_to is not None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(private_to)
    return collection


def ensure_document(document, collection, topics, sharing_group=None):
    """The record titled `document.title`, created with its demo file if missing."""
    existing = Resource.objects.filter(title=document.title).first()
    if existing is not None:
        return existing
    resource = Resource(
        title=document.title,
        collection=collection,
        summary=document.summary,
        audiences=list(document.audiences),
        source_organisation=document.source_organisation,
        publication_date=document.publication_date,
        review_date=SENSITIVE_REVIEW_DATE if document.sensitive else PUBLIC_REVIEW_DATE,
        language="en",
        sensitive=document.sensitive,
        handling_instruction=document.handling_instruction,
        sharing_group=sharing_group,
    )
    errors = marking_errors(resource)
    if errors:
        raise ValueError(f"The demo document {document.title!r} breaks the marking rules: {errors}")
    resource.file.save(document.filename, ContentFile(demo_file(resource, document)), save=False)
    resource._set_document_file_metadata()
    resource.save()
    resource.topics.set([topics[slug] for slug in document.topics])
    return resource


def demo_file(resource, document):
    """The PDF that stands in for the real publication."""
    notice = (
        "DEMO FILE. This is not the real publication. The Demo Valley demonstration "
        f'website uses this file in place of "{resource.title}", published by '
        f"{resource.source_organisation}, so that its resource library has a real file "
        f"to show. {document.real_copy}"
    )
    published = resource.publication_date
    details = "\n".join(
        [
            f"Source: {resource.source_organisation}",
            f"Published: {format_date(published, 'F Y') if published else 'date not given'}",
            f"Written for: {', '.join(resource.audience_labels)}",
            f"Review by: {format_date(resource.review_date, 'j F Y')}",
            f"Marking: {resource.marking}",
        ]
    )
    sections = [("About this publication", resource.summary), ("Details", details)]
    if resource.sensitive:
        sections.append(
            (
                "Handling",
                f"This file is marked {resource.marking}. Only members of the group "
                f'"{resource.sharing_group.name}" may read it. Do not forward, print or '
                "publish it, or put it on a public website. If it reaches anyone else, tell "
                f"the {BUSINESS_UNIT} at once.",
            )
        )
    return marked_pdf(resource, notice, sections, CREATOR)
