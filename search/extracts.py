"""Short extracts of public material, with the searched words marked.

Only ever called for material anyone may read: the view decides that, never this module.
"""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

EXTRACT_LENGTH = 200  # characters: about two lines


def stream_text(value):
    """The words of a StreamField's stored data, without rendering any block."""
    raw = getattr(value, "raw_data", value)
    if isinstance(raw, str):
        return strip_tags(raw)
    if isinstance(raw, dict):
        return " ".join(stream_text(item) for key, item in raw.items() if key not in {"id", "type"})
    if isinstance(raw, (list, tuple)) or hasattr(raw, "__iter__"):
        return " ".join(stream_text(item) for item in raw)
    return ""


def highlighted(text, words, length=EXTRACT_LENGTH):
    """About `length` characters of `text` around the first of `words` found, every
    word marked with <mark>; empty when none of them is in it."""
    text = " ".join(text.split())
    if not words:
        return ""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        return ""
    start = max(0, text.rfind(" ", 0, max(0, first.start() - length // 3)) + 1)
    end = text.find(" ", start + length)
    end = len(text) if end == -1 else end
    piece = text[start:end]
    marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", piece)
    html = escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))
