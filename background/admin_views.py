"""Failed tasks in the Wagtail admin: what failed, when, why, and a way to run it again.

Only tasks that failed every try are listed; one still being retried is not a
failure yet. Seeing the list needs *Can view task result*; running a task again or
deleting it needs *Can change task result* (django-tasks-db's own permissions, given
to a group in Settings → Groups; superusers have both).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.tasks import TaskResultStatus
from django.views.generic import TemplateView
from django_tasks_db.models import DBTaskResult
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from background import retry

VIEW_PERMISSION = "django_tasks_database.view_dbtaskresult"
CHANGE_PERMISSION = "django_tasks_database.change_dbtaskresult"
SHOWN = 200


def failed_tasks():
    return DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")


class FailedTasksView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Failed tasks"
    header_icon = "warning"
    template_name = "background/failed_tasks.html"
    breadcrumbs_items = []

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        tasks = failed_tasks()
        return super().get_context_data(
            tasks=tasks[:SHOWN],
            count=tasks.count(),
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
            **kwargs,
        )

    def post(self, request):
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        chosen = failed_tasks().filter(pk__in=request.POST.getlist("tasks"))
        action = request.POST.get("action")
        if action == "retry":
            count = retry.run_again(chosen)
            messages.success(request, f"{count} task(s) put back on the queue.")
        elif action == "delete":
            count, _ = chosen.delete()
            messages.success(request, f"{count} task(s) deleted.")
        return redirect("background_failed_tasks")
