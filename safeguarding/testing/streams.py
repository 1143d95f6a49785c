"""Builders of raw StreamField data for tests: lists of {"type": ..., "value": ...} dicts.

Rich text is HTML; chosen contacts, documents and pages are given as objects and stored as
their primary keys.
"""


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def bullets(*items):
    return {"type": "list", "value": {"style": "bulleted", "items": list(items)}}


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
    """One item of a related-resources block: a library document or a web address."""
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


def practitioner_access(title, text):
    return {"type": "practitioner_access", "value": {"heading": title, "text": text}}
