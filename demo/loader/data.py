"""Reading the data files into nodes: one node per object, named by its kind and key.

Two shapes of file:
- `pages/<key>.toml`: one page; the file name is its key and `model` names its page type.
- any other `*.toml`: a `[models]` table maps each kind of record in the file to its model
  (`kind = { model = "help.Area", find_by = ["slug"] }`; `find_by` names the fields that find
  an existing record, for models whose builder has no natural key of its own; a record may
  name its own `model`), and `[[kind]]` tables hold the records, each with a `key`.
  `[defaults.<kind>]` gives fields every record of that kind shares. A file with
  `demo_users_only = true` is read only where demo users are enabled.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from wagtail.models import Page


class DemoDataError(ValueError):
    """Demo data that cannot be loaded; the message names the file and the key."""


@dataclass(eq=False)
class Node:
    """One object to load: a page, a record, a setting, a user..."""

    kind: str
    key: str
    model: type
    fields: dict
    source: str
    find_by: tuple = ()
    # Table values from the file that are not records (such as the words of the demo files).
    file_data: dict = field(default_factory=dict)
    # For the part of a page filled in after the pages it refers to exist: that page's node.
    completes: "Node | None" = None

    @property
    def namespace(self):
        return namespace(self.model)

    def __str__(self):
        suffix = " (filled in later)" if self.completes else ""
        return f"{self.kind} '{self.key}'{suffix} in {self.source}"


def namespace(model):
    """The model keys are unique within: the root of a multi-table tree (Page for every page)."""
    model = model._meta.concrete_model
    while model._meta.parents:
        model = next(iter(model._meta.parents))
    return model._meta.label


def get_model(label, where):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise DemoDataError(f"{where}: unknown model {label!r}") from error


def read(directory, users=False):
    directory = Path(directory)
    nodes = []
    for path in sorted(directory.glob("*.toml")):
        nodes += read_records(path, users)
    for path in sorted((directory / "pages").glob("*.toml")):
        nodes += read_page(path)
    seen = {}
    for node in nodes:
        if node.completes:
            continue
        other = seen.setdefault((node.namespace, node.key), node)
        if other is not node:
            raise DemoDataError(f"{node}: the key {node.key!r} is also used by {other}")
    return nodes


def load_toml(path):
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path.name}: {error}") from error


def read_records(path, users):
    data = load_toml(path)
    if data.pop("demo_users_only", False) and not users:
        return []
    kinds = data.pop("models", {})
    defaults = data.pop("defaults", {})
    nodes = []
    for kind, spec in kinds.items():
        for record in data.pop(kind, []):
            record = {**defaults.get(kind, {}), **record}
            key = record.pop("key", None)
            if not key:
                raise DemoDataError(f"{path.name}: a {kind} without a key: {record}")
            label = record.pop("model", None) or spec.get("model")
            model = get_model(label, f"{path.name}, {kind} '{key}'")
            nodes.append(Node(kind, key, model, record, path.name, tuple(spec.get("find_by", ()))))
    for node in nodes:
        node.file_data = data
    return nodes


def read_page(path):
    data = load_toml(path)
    key = path.stem
    label = data.pop("model", None)
    if not label:
        raise DemoDataError(f"pages/{path.name}: say which page type it is (model = ...)")
    model = get_model(label, f"pages/{path.name}")
    if not issubclass(model, Page):
        raise DemoDataError(f"pages/{path.name}: {label} is not a page type")
    later = data.pop("later", None)
    page = Node("page", key, model, data, f"pages/{path.name}")
    if later is None:
        return [page]
    return [page, Node("page", key, model, later, f"pages/{path.name}", completes=page)]
