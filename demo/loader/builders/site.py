"""Site settings (filled in only while empty) and the approval workflow for snippets."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Site, WorkflowContentType, WorkflowTask

from ..data import namespace
from .base import Builder, clean


class SettingsBuilder(Builder):
    """The default site's settings of the node's model.

    The fields given are set only while every one of them is still empty, so a setting an
    editor has chosen is never changed.
    """

    def build(self, node, ref):
        setting = node.model.for_site(Site.objects.get(is_default_site=True))
        plain, _, _ = self.values(node, ref)
        if all(not getattr(setting, name) for name in plain):
            for name, value in plain.items():
                setattr(setting, name, value)
            clean(node, setting)
            setting.save()
        return setting


class WorkflowBuilder(Builder):
    """A workflow, found by name; a new one gets its `tasks` (group approval tasks, each
    `{ name, groups }`). Each snippet model in `models` uses the workflow unless it already
    has one."""

    special = ("tasks", "models")

    def special_references(self, node):
        for task in node.fields.get("tasks", []):
            for key in task.get("groups", []):
                yield namespace(Group), key

    def build(self, node, ref):
        plain, _, _ = self.values(node, ref)
        workflow = node.model.objects.filter(name=plain["name"]).first()
        if workflow is None:
            workflow = node.model(**plain)
            clean(node, workflow)
            workflow.save()
            for order, spec in enumerate(node.fields.get("tasks", [])):
                task, _ = GroupApprovalTask.objects.get_or_create(name=spec["name"])
                task.groups.set([ref(namespace(Group), key) for key in spec.get("groups", [])])
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        for label in node.fields.get("models", []):
            WorkflowContentType.objects.get_or_create(
                content_type=ContentType.objects.get_for_model(apps.get_model(label)),
                defaults={"workflow": workflow},
            )
        return workflow
