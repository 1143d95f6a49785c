"""Demo home page and plain content pages of the Demo Valley partnership."""

from wagtail.models import Page

from core.demo import (
    AREAS,
    BUSINESS_UNIT,
    DEMO_REVIEW_DATE,
    PARTNERSHIP_NAME,
    bullets,
    callout,
    ensure_child,
    external_link,
    heading,
    paragraph,
    root_page,
    route,
)

from .models import HomePage, StandardPage


def load_home(site):
    """Make a HomePage the root of `site`, replacing Wagtail's placeholder welcome page."""
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        home = HomePage(
            title=PARTNERSHIP_NAME,
            slug="demo-valley",
            intro=(
                "We are the safeguarding children partnership for Northbridge, Eastwood and "
                "Riverside: the councils, police and health services working together to keep "
                "children safe. Find out who to contact, and read guidance for families and "
                "for people who work with children."
            ),
            routes=[],
        )
        root_page().add_child(instance=home)
        home.save_revision().publish()
    if site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.save()
        # Wagtail's migrations create a bare "Welcome" Page; nothing else uses it.
        if type(placeholder.specific) is Page and placeholder.is_leaf():
            placeholder.delete()
    return home


def load_routes(home, pages):
    """Give the home page its three audience routes, once."""
    if home.routes:
        return
    home.routes = [
        route(
            "For anyone worried about a child",
            "Worried about a child?",
            "Who to call, by where the child lives and the time of day, and what happens next.",
            pages["worried"],
        ),
        route(
            "For children and young people",
            "Help for you",
            "Someone to talk to, whatever is happening. You will not get into trouble.",
            pages["children"],
        ),
        route(
            "For people who work with children",
            "Guidance for practitioners",
            "Topic guidance, resources and referral routes for schools, health, police, "
            "social care and the voluntary sector.",
            pages["practitioners"],
        ),
    ]
    home.save_revision().publish()


# Plain content pages --------------------------------------------------------

# The fictional lead council, which runs the site for the partnership.
LEAD_COUNCIL = "Northbridge Council"
ACCESSIBILITY_EMAIL = "accessibility@demo-valley.example"
PRIVACY_EMAIL = "privacy@demo-valley.example"
DATA_PROTECTION_OFFICER_EMAIL = "dpo@demo-valley.example"
# How long the web server keeps its request logs.
SERVER_LOG_DAYS = 30


def long_date(day):
    """'2 November 2026', without the zero padding strftime gives."""
    return f"{day.day} {day:%B %Y}"


def load_pages(home, contacts):
    """Create the plain content pages under the home page, once; return them by key."""
    return {
        "children": children_page(home, contacts),
        "accessibility": accessibility_page(home),
        "privacy": privacy_page(home),
    }


def children_page(home, contacts):
    return ensure_child(
        home,
        StandardPage,
        "children-and-young-people",
        title="Help for children and young people",
        intro=(
            "If something is worrying you, or someone is hurting you, you can get help. "
            "It is not your fault."
        ),
        search_description=(
            "Help for children and young people: talk to Childline, call 999 in an "
            "emergency, and tell an adult you trust."
        ),
        body=[
            callout(
                "children",
                "Talk to Childline",
                "<p>You can talk to Childline about anything. It is free. You do not have "
                "to give your name. You can call, or chat online.</p>",
                contacts=[contacts["childline"]],
            ),
            external_link(
                "https://www.childline.org.uk/",
                "Childline website: chat online, send an email or get advice",
                "From the NSPCC, for anyone under 19.",
            ),
            callout(
                "children",
                "If you are in danger now",
                "<p>Call 999. Ask for the police. Tell them where you are.</p>",
                contacts=[contacts["emergency"]],
            ),
            heading("It is not your fault"),
            paragraph(
                "<p>If someone is hurting you, scaring you or making you do things you do "
                "not want to do, it is not your fault. It is never your fault. Even if you "
                "said yes. Even if you took a gift or money.</p>"
            ),
            heading("You will not get into trouble"),
            paragraph(
                "<p>Telling someone is the right thing to do. Maybe someone made you keep a "
                "secret, carry something or go somewhere. You can still ask for help. The "
                "people who help you want you to be safe.</p>"
            ),
            heading("Talk to an adult you trust"),
            paragraph("<p>You could talk to:</p>"),
            bullets(
                "someone in your family",
                "a teacher or someone else at school",
                "a school nurse, doctor or youth worker",
                "a friend's parent or carer",
                "a police officer",
            ),
            paragraph(
                "<p>If they do not listen, tell someone else. Keep telling until someone helps.</p>"
            ),
            heading("Is someone asking you to do things that feel wrong?"),
            paragraph("<p>Be careful if someone:</p>"),
            bullets(
                "gives you presents or money and then says you owe them",
                "asks you to keep secrets",
                "asks you to carry things or travel somewhere for them",
                "asks you for photos or videos of your body",
                "tells you not to trust your family, teachers or the police",
            ),
            paragraph(
                "<p>These are signs that someone may want to use you. Talk to Childline or "
                "an adult you trust.</p>"
            ),
            external_link(
                "https://www.fearless.org/",
                "Fearless: tell someone about a crime without giving your name",
                "Run by the charity Crimestoppers, for young people.",
            ),
        ],
        content_owner=BUSINESS_UNIT,
        last_review_date=DEMO_REVIEW_DATE,
    )


def accessibility_page(home):
    prepared = long_date(DEMO_REVIEW_DATE)
    return ensure_child(
        home,
        StandardPage,
        "accessibility-statement",
        title="Accessibility statement",
        intro=(
            f"How accessible this website is, what to do if you have a problem using it, "
            f"and how to report it. This statement applies to the {PARTNERSHIP_NAME} website."
        ),
        search_description=f"Accessibility statement for the {PARTNERSHIP_NAME} website.",
        body=[
            heading("Who runs this website"),
            paragraph(
                f"<p>{LEAD_COUNCIL} runs this website for the {PARTNERSHIP_NAME}: the "
                f"councils, police and health services of {', '.join(AREAS[:-1])} and "
                f"{AREAS[-1]}. We want as many people as possible to be able to use it.</p>"
                "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version "
                "2.2 at level AA. This means you should be able to:</p>"
            ),
            bullets(
                "zoom in up to 400% and still read all the text without it being cut off",
                "read every page on a screen 320 pixels wide without scrolling sideways",
                "change colours, contrast levels and fonts in your browser",
                "get to every link and control using just a keyboard, and see where you are",
                "use the website with a screen reader, such as NVDA, JAWS or VoiceOver",
                "use speech recognition software",
            ),
            paragraph(
                "<p>We have also made the text as simple as we can. AbilityNet has advice "
                "on making your device easier to use if you have a disability.</p>"
            ),
            external_link(
                "https://mcmw.abilitynet.org.uk/",
                "AbilityNet: My Computer My Way",
                "Step-by-step guides to making your computer, phone or tablet easier to use.",
            ),
            heading("How accessible this website is"),
            paragraph("<p>We know some things are not fully accessible:</p>"),
            bullets(
                "films we recommend, such as those by ECPAT UK, are on other organisations' "
                "websites, and some may not have captions or transcripts",
                "many links go to other organisations' websites, which we do not control "
                "and which may not meet the same standard",
                "leaflets and reports from other organisations are often PDF documents, "
                "which may not work well with a screen reader",
            ),
            heading("Feedback and contact information"),
            paragraph(
                "<p>If you need information on this website in a different format, such as "
                "large print, easy read, audio or braille, or you find a problem we have not "
                f'listed, email <a href="mailto:{ACCESSIBILITY_EMAIL}">{ACCESSIBILITY_EMAIL}'
                "</a>. Tell us the address of the page and what went wrong. We will reply "
                "within 10 working days.</p>"
                "<p>Do not use this address to report a concern about a child. If a child "
                "is in immediate danger, call 999.</p>"
            ),
            heading("Enforcement procedure"),
            paragraph(
                "<p>The Equality and Human Rights Commission (EHRC) is responsible for "
                "enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                "Accessibility Regulations 2018 (the accessibility regulations). If you are "
                "not happy with how we respond to your complaint, contact the Equality "
                "Advisory and Support Service (EASS).</p>"
                "<p>If you live in Northern Ireland, contact the Equality Commission for "
                "Northern Ireland (ECNI), which enforces the accessibility regulations "
                "there.</p>"
            ),
            external_link(
                "https://www.equalityadvisoryservice.com/",
                "Equality Advisory and Support Service (EASS)",
            ),
            external_link(
                "https://www.equalityni.org/",
                "Equality Commission for Northern Ireland (ECNI)",
            ),
            heading("Technical information about this website's accessibility"),
            paragraph(
                f"<p>{LEAD_COUNCIL} is committed to making its websites accessible, in line "
                "with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                "Accessibility Regulations 2018.</p>"
            ),
            heading("Compliance status", "h3"),
            paragraph(
                "<p>This website is partially compliant with the Web Content Accessibility "
                "Guidelines version 2.2 AA standard. Our own checks have not found failures "
                "in the pages we publish, but the website has not yet had an independent "
                "audit, and automated tools find only some kinds of problem.</p>"
            ),
            heading("Content that is not within the scope of the accessibility regulations", "h3"),
            paragraph(
                "<p>Films, web pages and documents published by other organisations, which "
                "we link to but do not fund, make or control, are not within the scope of the "
                "regulations. We never embed them in our pages: we link to them and say "
                "where each link goes. If one of them does not work for you, tell us and we "
                "will try to find the information in another format.</p>"
            ),
            heading("What we are doing to improve accessibility"),
            paragraph(
                "<p>We check every new page and every change to the website before it is "
                "published. We plan to have the website audited by an independent "
                "accessibility specialist, and we will update this statement with the "
                "results.</p>"
            ),
            heading("How we tested this website"),
            paragraph(
                "<p>Every page is checked automatically with the axe-core accessibility "
                "testing tool as part of our test suite, each time the website's code "
                "changes. We also check pages by hand using only a keyboard.</p>"
                f"<p>This statement was prepared on {prepared}. It was last reviewed on "
                f"{prepared}.</p>"
            ),
        ],
        content_owner=f"{BUSINESS_UNIT} (digital lead)",
        last_review_date=DEMO_REVIEW_DATE,
    )


def privacy_page(home):
    return ensure_child(
        home,
        StandardPage,
        "privacy-notice",
        title="Privacy notice",
        intro=(
            "What information this website collects when you visit it or contact us, why, "
            "how long we keep it, and your rights."
        ),
        search_description=f"Privacy notice for the {PARTNERSHIP_NAME} website.",
        body=[
            heading("Who we are"),
            paragraph(
                f"<p>This website is run by {LEAD_COUNCIL} for the {PARTNERSHIP_NAME}. "
                f"{LEAD_COUNCIL} is the data controller for the personal information the "
                "website collects. This means it decides how that information is used and "
                "is responsible for keeping it safe.</p>"
            ),
            heading("Reading our pages"),
            paragraph(
                "<p>You can read every public page without giving us any information about "
                "yourself.</p>"
            ),
            bullets(
                "We do not set cookies when you read our public pages.",
                "We do not use analytics or tracking tools.",
                "Our pages load nothing from other websites: no fonts, videos, maps, social "
                "media buttons or adverts. Other organisations cannot see that you visited.",
                "When you follow a link to another website, we tell your browser not to "
                "pass on which of our pages you came from.",
            ),
            paragraph("<p>Other websites we link to have their own privacy notices.</p>"),
            heading("Server logs"),
            paragraph(
                "<p>Like most websites, our web server keeps a log of each request it "
                "receives. The log records:</p>"
            ),
            bullets(
                "your IP address",
                "the date and time",
                "the address of the page or file you asked for",
                "the address of the page that linked to it, if your browser sent one",
                "the type of browser and device you used",
            ),
            paragraph(
                "<p>We use these logs only to keep the website working and secure, for "
                "example to find faults and block attacks. Our lawful basis is public "
                "task: we need the logs to run a secure public service. We do not use the "
                "logs to identify visitors, and we delete them after "
                f"{SERVER_LOG_DAYS} days. If we find an attack, we may keep the relevant "
                "entries longer and share them with the police.</p>"
            ),
            heading("If you contact us"),
            paragraph(
                "<p>If you email us, we use your name, email address and what you tell us "
                "only to reply and to deal with your request. We keep emails for up to "
                "2 years and then delete them, unless the law requires us to keep them "
                "longer.</p>"
                "<p>If you tell us you are worried about a child, we will pass your concern "
                "to children's social care or the police, because keeping a child safe comes "
                "first. Do not use email to report a concern: if a child is in immediate "
                "danger call 999, otherwise contact children's social care.</p>"
            ),
            heading("Practitioner accounts"),
            paragraph(
                "<p>People who work with children can ask for an account to read material "
                "for practitioners. For each account we keep:</p>"
            ),
            bullets(
                "your work email address, name, organisation and role, as you gave them",
                "a scrambled form (hash) of your password, never the password itself",
                "whether your email address is confirmed, and whether, when and by whom "
                "your account was approved or declined, with any reason given",
                "which practitioner group you belong to and when your approval ends",
                "for editors and administrators, the two-step verification (authenticator "
                "app) set-up and recovery codes",
                "when you signed up and last signed in",
            ),
            paragraph(
                "<p>We use this only to decide who may see material that is not for the "
                "public, and to keep it secure. Our lawful basis is public task. While you "
                "are signed in, your browser keeps a session cookie, which ends when you "
                "close the browser or after 30 minutes without use. Approval lasts 12 "
                "months unless renewed. You can see what we keep, and delete your "
                "account at once, from your account page (Your account, after signing "
                "in).</p>"
            ),
            heading("Your rights"),
            paragraph(
                "<p>Under the UK General Data Protection Regulation (UK GDPR) you have the "
                "right to:</p>"
            ),
            bullets(
                "be told how we use your information",
                "ask for a copy of the information we hold about you",
                "ask us to correct information that is wrong",
                "ask us to delete your information",
                "ask us to limit how we use your information",
                "object to how we use your information",
            ),
            paragraph(
                "<p>Some of these rights depend on why we hold the information. To use any of "
                f'them, email <a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a>. You can '
                "also contact our Data Protection Officer at "
                f'<a href="mailto:{DATA_PROTECTION_OFFICER_EMAIL}">'
                f"{DATA_PROTECTION_OFFICER_EMAIL}</a>.</p>"
            ),
            heading("How to complain"),
            paragraph(
                "<p>If you are unhappy with how we have used your information, contact us "
                "first. If you are still not happy, you can complain to the Information "
                "Commissioner's Office (ICO), the UK's data protection regulator.</p>"
            ),
            external_link(
                "https://ico.org.uk/make-a-complaint/",
                "Make a complaint to the Information Commissioner's Office",
            ),
            heading("Changes to this notice"),
            paragraph(
                "<p>We will update this notice if the website changes how it uses "
                f"information. It was last reviewed on {long_date(DEMO_REVIEW_DATE)}.</p>"
            ),
        ],
        content_owner=f"{LEAD_COUNCIL} information governance team",
        last_review_date=DEMO_REVIEW_DATE,
    )
