"""One builder per kind of model; `builder_for(node)` picks it from the node's model."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, Page, Workflow

from figures.models import Dataset

from .base import RecordBuilder
from .figures import DatasetBuilder
from .library import CollectionBuilder, DocumentBuilder
from .pages import PageBuilder
from .people import GroupBuilder, UserBuilder
from .site import SettingsBuilder, WorkflowBuilder

BUILDERS = [
    (Page, PageBuilder()),
    (AbstractDocument, DocumentBuilder()),
    (Collection, CollectionBuilder()),
    (Group, GroupBuilder()),
    (AbstractBaseUser, UserBuilder()),
    (Workflow, WorkflowBuilder()),
    (BaseSiteSetting, SettingsBuilder()),
    (Dataset, DatasetBuilder()),
]


def builder_for(node):
    for model, builder in BUILDERS:
        if issubclass(node.model, model):
            return builder
    return RecordBuilder()
