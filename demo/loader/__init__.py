"""A small, generic loader for the demo's data files.

`load(directory)` reads every TOML file (`data.read`), orders the objects so that each comes
after everything it refers to (`graph.ordered`), and builds each one that is missing with the
builder for its kind of model (`builders`). An object that already exists, found by its
natural key, is left exactly as it is, so loading twice changes nothing and never undoes an
editor's change.
"""

from .builders import builder_for
from .data import DemoDataError, read
from .graph import ordered

__all__ = ["DemoDataError", "load", "read"]


def load(directory, users=False):
    """Load the data under `directory`; return {(kind, key): object}.

    Files marked `demo_users_only` are read only when `users` is true.
    """
    objects = {}

    def ref(namespace, key):
        return objects[namespace, key]

    loaded = {}
    for node in ordered(read(directory, users=users)):
        obj = builder_for(node).build(node, ref)
        if node.completes is None:
            objects[node.namespace, node.key] = obj
            loaded[node.kind, node.key] = obj
    return loaded
