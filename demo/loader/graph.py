"""The load order: every object after the objects it refers to (a topological order).

Ties keep the order of the files, and pages beside each other keep the order their `order`
field gives, so a fresh database always gets the same tree.
"""

from collections import defaultdict

from .builders import builder_for
from .data import DemoDataError


def ordered(nodes):
    """The nodes, each after its dependencies; a missing reference or a cycle is an error."""
    index = {(node.namespace, node.key): node for node in nodes if node.completes is None}
    dependencies = {node: list(references(node, index)) for node in nodes}
    for node, before in previous_siblings(nodes).items():
        dependencies[node].append(before)

    done, visiting, result = set(), [], []

    def visit(node):
        if node in done:
            return
        if node in visiting:
            cycle = visiting[visiting.index(node) :] + [node]
            raise DemoDataError("A cycle of references: " + " -> ".join(map(str, cycle)))
        visiting.append(node)
        for dependency in dependencies[node]:
            visit(dependency)
        visiting.pop()
        done.add(node)
        result.append(node)

    for node in nodes:
        visit(node)
    return result


def references(node, index):
    if node.completes is not None:
        yield node.completes
    for namespace, key in builder_for(node).references(node):
        target = index.get((namespace, key))
        if target is None:
            raise DemoDataError(
                f"{node} refers to {key!r} ({namespace}), which no data file defines"
            )
        yield target


def previous_siblings(nodes):
    """{page node: the page just before it under the same parent}, by their `order`."""
    by_parent = defaultdict(list)
    for node in nodes:
        if node.kind == "page" and node.completes is None and "order" in node.fields:
            by_parent[node.fields.get("parent")].append(node)
    before = {}
    for siblings in by_parent.values():
        siblings.sort(key=lambda node: node.fields["order"])
        before.update(zip(siblings[1:], siblings[:-1], strict=True))
    return before
