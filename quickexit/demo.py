"""Demo "Staying safe online" page: what the Exit this page button does and does not do.

The page follows `shared/design/quick-exit.md` (sections 4.2, 4.3 and 5): it
explains the button on this site, says plainly that it does not delete
browsing history, and never promises safety. Phone numbers come from the
contact registry (`help.demo.load_contacts`), never from the page text.
"""

from core.demo import (
    BUSINESS_UNIT,
    DEMO_REVIEW_DATE,
    PARTNERSHIP_NAME,
    bullets,
    ensure_child,
    external_link,
    heading,
    numbered,
    paragraph,
    related_contacts,
)
from home.models import StandardPage

SLUG = "staying-safe-online"

# The neutral site the exit goes to unless the partnership picks another one.
DEFAULT_EXIT_SITE = "BBC Weather"

REFUGE_URL = "https://refugetechsafety.org/"
WOMENS_AID_URL = "https://www.womensaid.org.uk/cover-your-tracks-online/"
NCSC_URL = "https://www.ncsc.gov.uk/section/information-for/individuals-families"


def load_staying_safe_page(home, contacts):
    """Create the "Staying safe online" page under `home`, once; return it."""
    return ensure_child(
        home,
        StandardPage,
        SLUG,
        title="Staying safe online",
        intro=(
            "If someone checks your phone or computer, they may see that you visited this "
            "website. This page explains what our Exit this page button can and cannot do, "
            "and how to look for help more safely."
        ),
        search_description=(
            "What the Exit this page button does and does not do, how to leave quickly "
            "with the Shift key, private browsing, and how to delete only some of your history."
        ),
        body=[
            related_contacts("If you are in danger now", [contacts["emergency"]]),
            heading("What the Exit this page button does"),
            paragraph(
                "<p>There is a red Exit this page button at the top of every page of this "
                "website. Use it if someone comes near and you do not want them to see what "
                "you are reading.</p>"
                "<p>When you press it, the page goes blank straight away and another "
                "website opens in its place, in the same tab.</p>"
                "<p>The button also replaces this website in the tab's history. If you press "
                "Back in that tab, you will not see our page again. If you go Back or Forward "
                "to another page of this website, it leaves again at once. Any other tabs you "
                "have open on this website leave too.</p>"
            ),
            heading("Where the button takes you"),
            paragraph(
                f"<p>The button takes you to the {DEFAULT_EXIT_SITE} website. Lots of people "
                "look at the weather, so it is less likely to draw attention if someone "
                "sees your screen.</p>"
                "<p>The partnership can choose a different everyday website, so the button "
                f"may not always go to {DEFAULT_EXIT_SITE}.</p>"
            ),
            heading("Using the Shift key"),
            paragraph(
                "<p>If you are using a keyboard, you can leave without finding the button. "
                "Press the Shift key 3 times, with at most 5 seconds between presses. This "
                "does the same as pressing the button.</p>"
                "<p>If you wait more than 5 seconds between presses, start again. On a phone "
                "or tablet without a keyboard, use the button.</p>"
            ),
            heading("It does not delete your history"),
            paragraph(
                "<p>The button hides this website quickly. It does not delete your browsing "
                "history or cookies. Someone who checks your device may still see that you "
                "visited this website in:</p>"
            ),
            bullets(
                "your browser's history",
                "the list of recently closed tabs",
                "the suggestions that appear when you start typing a web address",
                "your history on other devices, if your browser is signed in to a Google "
                "or Apple account",
                "the list that appears when you press and hold the Back button, which can "
                "still show the titles of pages you read",
            ),
            paragraph(
                "<p>On some phones, swiping back may show a picture of our page for a moment. "
                "If JavaScript is turned off in your browser, the button works as an "
                "ordinary link, and pressing Back will show our page again.</p>"
                "<p>This website does not set cookies on its public pages and does not load "
                "anything from other websites. Your browser still keeps its own history.</p>"
            ),
            heading("What the button cannot protect you from"),
            paragraph(
                "<p>No button or website can protect you from everything. Someone may still "
                "find out what you do:</p>"
            ),
            bullets(
                "through spyware or tracking apps on your phone or computer",
                "through an account you share, such as a family Google, Apple or email account",
                "from the wifi router at home, which can keep a list of the websites visited",
                "by looking through your phone or computer",
            ),
            paragraph(
                "<p>If you think someone is watching what you do, use a safer device if you "
                "can.</p>"
            ),
            heading("Use a safer device"),
            paragraph(
                "<p>It is safest to look for help on a phone or computer that the other "
                "person has never used or had access to. For example:</p>"
            ),
            bullets(
                "a computer at a public library",
                "a friend's phone or computer",
                "a computer at school or college",
            ),
            heading("Use private browsing"),
            paragraph(
                "<p>Private browsing (sometimes called incognito) means your browser does "
                "not save the pages you visit in its history once you close the private "
                "window. Files you download and bookmarks you save are still kept.</p>"
                "<p>To open a private window:</p>"
            ),
            bullets(
                "Google Chrome: open the menu (the 3 dots) and choose New Incognito window. "
                "On a phone it is called New Incognito tab.",
                "Safari on iPhone or iPad: tap the Tabs button, then choose Private.",
                "Firefox: open the menu and choose New private window.",
                "Microsoft Edge: open the menu (the 3 dots) and choose New InPrivate window.",
                "Samsung Internet: tap the Tabs button, then turn on Secret mode.",
            ),
            paragraph(
                "<p>Close all private windows when you finish. Private browsing does not hide "
                "what you do from spyware, from an account you are signed in to, or from "
                "the wifi router.</p>"
            ),
            heading("Delete only some of your history"),
            paragraph(
                "<p>If you visited this website in an ordinary window, you can delete only "
                "those pages from your history. Do not clear all of it unless you usually "
                "do. An empty history can make someone suspicious. Deleting all your cookies "
                "signs you out of websites, and clearing all your browsing data can remove "
                "saved passwords too. Someone may notice this.</p>"
            ),
            numbered(
                "Open your browser's menu and choose History.",
                "Find the pages from this website. You can search your history for 'safeguarding'.",
                "Delete only those pages. Look for Delete or Remove, or a cross next to each page.",
            ),
            heading("How to come back to this site"),
            paragraph(
                "<p>You can come back at any time. Search for "
                f"{PARTNERSHIP_NAME}, or type our web address into your browser.</p>"
                "<p>A bookmark or a page in your history is quicker, but someone else could "
                "find it too.</p>"
            ),
            heading("Get help"),
            paragraph(
                "<p>If you or a child is in danger now, call 999.</p>"
                "<p>If you are under 19, you can talk to Childline about anything. If you are "
                "an adult and you are worried about a child, you can talk to the NSPCC. You "
                "do not have to give your name.</p>"
            ),
            related_contacts(
                "Helplines",
                [contacts["childline"], contacts["nspcc"]],
            ),
            heading("Advice on keeping your phone and accounts private"),
            paragraph(
                "<p>These websites explain how to check your phone, apps and accounts for "
                "tracking, step by step. They are run by other organisations.</p>"
            ),
            external_link(
                REFUGE_URL,
                "Secure your tech: guides from Refuge",
                "Check your phone, apps and accounts for tracking or spyware. From the "
                "domestic abuse charity Refuge.",
            ),
            external_link(
                WOMENS_AID_URL,
                "Cover your tracks online: advice from Women's Aid",
                "How to reduce the traces you leave online, and keep your email and phone "
                "more private.",
            ),
            external_link(
                NCSC_URL,
                "Advice for individuals and families from the National Cyber Security Centre",
                "How to protect your devices and accounts, from the UK government's cyber "
                "security experts.",
            ),
        ],
        content_owner=BUSINESS_UNIT,
        last_review_date=DEMO_REVIEW_DATE,
    )
