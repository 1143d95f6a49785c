"""The resource tests' visitors and documents, shared so search is tried by the same four people."""

from resources.tests.conftest import (  # noqa: F401  (fixtures, used by name)
    client_as,
    fresh_cache,
    make_resource,
    other_group,
    practitioners,
    public_collection,
    sensitive_collection,
    sensitive_resource,
)
