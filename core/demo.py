"""Building blocks for the demo partnership that `manage.py load_demo` creates.

Each app has a `demo` module that builds its own part of the site with the
helpers here. Loading is idempotent: a page or record that already exists is
left exactly as it is, so running it again never undoes an editor's change.

StreamField content is written in Wagtail's raw JSON form: a list of
{"type": ..., "value": ...} dicts, with rich text as HTML and chosen snippets
or documents as primary keys.
"""

import datetime

from wagtail.models import Page, Site

PARTNERSHIP_NAME = "Demo Valley Safeguarding Children Partnership"
AREAS = ["Northbridge", "Eastwood", "Riverside"]
BUSINESS_UNIT = "Demo Valley partnership business unit"
# The day the demo content was last checked against its sources.
DEMO_REVIEW_DATE = datetime.date(2026, 11, 2)


def ensure_child(parent, model, slug, **fields):
    """Return the child of `parent` with `slug`, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def default_site():
    return Site.objects.get(is_default_site=True)


def root_page():
    return Page.get_first_root_node()


# Raw StreamField blocks ---------------------------------------------------


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def bullets(*items):
    return {"type": "list", "value": {"style": "bulleted", "items": list(items)}}


def numbered(*items):
    return {"type": "list", "value": {"style": "numbered", "items": list(items)}}


def callout(audience, title, html, contacts=()):
    return {
        "type": "callout",
        "value": {
            "audience": audience,
            "heading": title,
            "body": html,
            "contacts": [contact.pk for contact in contacts],
        },
    }


def external_link(url, text, description=""):
    return {
        "type": "external_link",
        "value": {"url": url, "text": text, "description": description},
    }


def film(title, producer, description, url, audience=""):
    return {
        "type": "film",
        "value": {
            "title": title,
            "producer": producer,
            "description": description,
            "url": url,
            "audience": audience,
        },
    }


def key_figures(figures, source, source_date, source_url=""):
    return {
        "type": "key_figures",
        "value": {
            "figures": [{"number": number, "label": label} for number, label in figures],
            "source": source,
            "source_date": source_date,
            "source_url": source_url,
        },
    }


def resource(title, url="", description="", publisher="", document=None):
    return {
        "title": title,
        "description": description,
        "publisher": publisher,
        "document": document.pk if document else None,
        "url": url,
    }


def related_resources(title, items, intro=""):
    return {
        "type": "related_resources",
        "value": {"heading": title, "intro": intro, "items": list(items)},
    }


def related_contacts(title, contacts):
    return {
        "type": "related_contacts",
        "value": {"heading": title, "contacts": [contact.pk for contact in contacts]},
    }


def route(audience, title, description, page):
    return {
        "type": "route",
        "value": {
            "audience": audience,
            "title": title,
            "description": description,
            "page": page.pk,
        },
    }
