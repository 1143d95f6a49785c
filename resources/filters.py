"""Filtering the resource library by audience, topic and format, with counts.

Filtering is done in Python on the resources the visitor may read: a
partnership's library holds hundreds of documents, not millions, and audiences
are a JSON list that SQLite cannot search inside. The counts for every option
come from the same rows.
"""

from collections import Counter
from dataclasses import dataclass

from resources.vocabulary import Audience


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class Filter:
    name: str
    legend: str
    options: list


def _facets(resource):
    """{filter name: the values this resource has}, for matching and counting."""
    return {
        "audience": set(resource.audiences),
        "topic": {topic.slug for topic in resource.topics.all()},
        "format": {resource.file_extension.lower()},
    }


def _labels(resources):
    """{filter name: {value: label}} for the values the given resources have."""
    audiences = dict(Audience.choices)
    labels = {"audience": {}, "topic": {}, "format": {}}
    for resource in resources:
        for value in resource.audiences:
            if value in audiences:
                labels["audience"][value] = audiences[value]
        for topic in resource.topics.all():
            labels["topic"][topic.slug] = topic.name
        extension = resource.file_extension.lower()
        labels["format"][extension] = extension.upper()
    # Audiences in the vocabulary's order; topics and formats alphabetically.
    order = list(audiences)
    return {
        "audience": dict(sorted(labels["audience"].items(), key=lambda i: order.index(i[0]))),
        "topic": dict(sorted(labels["topic"].items(), key=lambda item: item[1].lower())),
        "format": dict(sorted(labels["format"].items())),
    }


FILTER_LEGENDS = {"audience": "Who it is for", "topic": "Topic", "format": "Format"}


def filter_resources(resources, query):
    """(matching resources, [Filter]) for the options chosen in `query` (a QueryDict).

    Options within a filter widen the choice (health or education); filters
    narrow it (health, and PDF). Each option's count is how many resources it
    would match with the other filters as they are. Values that no readable
    resource has are ignored, so an old bookmark cannot empty the list.
    """
    labels = _labels(resources)
    chosen = {name: set(query.getlist(name)) & set(labels[name]) for name in FILTER_LEGENDS}
    rows = [(resource, _facets(resource)) for resource in resources]

    def matches(facets, ignoring=None):
        return all(
            not chosen[name] or chosen[name] & facets[name]
            for name in FILTER_LEGENDS
            if name != ignoring
        )

    filters = []
    for name, legend in FILTER_LEGENDS.items():
        counts = Counter()
        for _resource, facets in rows:
            if matches(facets, ignoring=name):
                counts.update(facets[name])
        options = [
            Option(value, label, counts[value], value in chosen[name])
            for value, label in labels[name].items()
        ]
        filters.append(Filter(name, legend, options))
    matching = [resource for resource, facets in rows if matches(facets)]
    return matching, filters
