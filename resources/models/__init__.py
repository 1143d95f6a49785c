"""The resource library's models: marked documents, topics, the download log, the library page."""

from resources.models.documents import (
    MARKING_FIELDS,
    Audience,
    Classification,
    Descriptor,
    HandlingInstruction,
    Resource,
    SensitiveDownload,
    Topic,
)
from resources.models.library import ResourceLibraryPage

__all__ = [
    "MARKING_FIELDS",
    "Audience",
    "Classification",
    "Descriptor",
    "HandlingInstruction",
    "Resource",
    "ResourceLibraryPage",
    "SensitiveDownload",
    "Topic",
]
