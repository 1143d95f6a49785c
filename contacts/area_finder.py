"""Which of the partnership's areas a place name or a postcode is in.

From the places and postcode districts editors keep on each area (`Area`), never
from another site: what a visitor types stays here. A postcode is matched by its
outward code, the district before the space (RG14 for "rg14 5ab", "RG145AB" or
"RG14"); a place name by its words, whatever the case, spacing or punctuation
("Purley-on-Thames" finds "Purley on Thames"). A district or place that two areas
share finds both, and the visitor chooses.
"""

import re

OUTWARD_CODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INWARD_CODE = r"[0-9][A-Z]{2}"
DISTRICT = re.compile(rf"{OUTWARD_CODE}")
# With every space taken out, the inward code is always the last three characters,
# so "RG11AA" is RG1 1AA and "RG141AA" is RG14 1AA.
POSTCODE = re.compile(rf"({OUTWARD_CODE})(?:{INWARD_CODE})?")


def split_places(text):
    """The place names in `text`, one a line, without blank lines or repeats."""
    places = (" ".join(line.split()) for line in text.splitlines())
    return list(dict.fromkeys(place for place in places if place))


def split_districts(text):
    """The postcode districts in `text`, in capitals, without repeats."""
    return list(dict.fromkeys(text.replace(",", " ").upper().split()))


def is_district(text):
    return DISTRICT.fullmatch(text) is not None


def outward_code(text):
    """The district of a postcode or district, in capitals; "" if `text` is neither."""
    match = POSTCODE.fullmatch("".join(text.split()).upper())
    return match.group(1) if match else ""


def place_key(text):
    """A place name reduced to its words, for comparing: "St. Mary's-on-Sea" and
    "st marys on sea" have the same key."""
    text = text.casefold().replace("'", "").replace("’", "").replace(".", "")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def find_areas(text, areas):
    """The areas (of `areas`) that `text`, a postcode, district or place name, is in."""
    district = outward_code(text)
    if district:
        return [area for area in areas if district in area.district_list]
    key = place_key(text)
    if not key:
        return []
    return [area for area in areas if any(place_key(place) == key for place in area.place_list)]
