"""The resource library's models: marked documents, topics, the download log, the library page."""

from resources.models.documents import MARKING_FIELDS, Resource, SensitiveDownload, Topic
from resources.models.library import ResourceLibraryPage
from resources.vocabulary import Audience, Classification, Descriptor, HandlingInstruction

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
