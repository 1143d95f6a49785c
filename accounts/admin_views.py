"""The approval queue and the list of approved practitioners, in the Wagtail admin.

Plain views on Wagtail's admin layout rather than a ModelViewSet: the actions
(approve into the partnership's group, decline with a reason, renew, remove
leavers in bulk) are the point, and each is one call into accounts.approval.
Every view needs the `accounts.approve_practitioner` permission; Wagtail's admin
URL wrapper adds the admin-access check, and accounts.middleware adds MFA.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from accounts import approval
from accounts.models import AccountSettings

PERMISSION = "accounts.approve_practitioner"


def can_approve(user):
    return user.has_perm(PERMISSION)


def site_settings(request):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return AccountSettings.for_site(site)


class ApproverRequiredMixin(WagtailAdminTemplateMixin):
    header_icon = "user"
    breadcrumbs_items = []

    def dispatch(self, request, *args, **kwargs):
        if not can_approve(request.user):
            raise PermissionDenied
        self.settings = site_settings(request)
        return super().dispatch(request, *args, **kwargs)


class ApproveForm(forms.Form):
    """The one person to approve: a malformed or unknown id is simply not a choice."""

    user = forms.ModelChoiceField(queryset=approval.pending_users())


# Ids are 64-bit: a larger number names nobody, and SQLite cannot even compare it.
ID_FIELD = forms.IntegerField(min_value=1, max_value=2**63 - 1)
ACTIONS = ("renew", "remove")


def posted_ids(values):
    """The posted ids as numbers; anything else makes the request malformed (400)."""
    try:
        return {ID_FIELD.clean(value) for value in values}
    except ValidationError as error:
        raise BadRequest("Malformed id.") from error


class QueueView(ApproverRequiredMixin, TemplateView):
    """Verified accounts waiting for a decision, with what they told us."""

    page_title = "Practitioner approvals"
    template_name = "accounts/admin/queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pending=approval.pending_users(), group=self.settings.practitioner_group, **kwargs
        )

    def post(self, request):
        """Approve one person into the partnership's practitioner group."""
        group = self.settings.practitioner_group
        if group is None:
            messages.error(
                request,
                "Choose the practitioner group in Settings → Practitioner accounts first.",
            )
            return redirect("accounts_admin_queue")
        form = ApproveForm(request.POST)
        if not form.is_valid():
            raise Http404("No such account waiting for approval.")
        user = form.cleaned_data["user"]
        approval.approve(user, group, self.settings.approval_period(), by=request.user)
        messages.success(request, f"{user.email} approved into {group.name} and told by email.")
        return redirect("accounts_admin_queue")


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent to the person by email. Say what they can do next.",
    )


class DeclineView(ApproverRequiredMixin, FormView):
    page_title = "Decline an account"
    template_name = "accounts/admin/decline.html"
    form_class = DeclineForm

    def dispatch(self, request, *args, **kwargs):
        self.applicant = get_object_or_404(
            get_user_model().objects.filter(pk__in=approval.pending_users().values("pk")),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.applicant.email

    def get_context_data(self, **kwargs):
        return super().get_context_data(applicant=self.applicant, **kwargs)

    def form_valid(self, form):
        approval.decline(self.applicant, form.cleaned_data["reason"], by=self.request.user)
        messages.success(self.request, f"{self.applicant.email} declined and told why by email.")
        return redirect("accounts_admin_queue")


class ApprovedView(ApproverRequiredMixin, TemplateView):
    """Approved practitioners, soonest to lapse first; renew or remove several at once."""

    page_title = "Approved practitioners"
    template_name = "accounts/admin/approved.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(approved=approval.approved_users(), **kwargs)

    def post(self, request):
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise BadRequest("Unknown action.")
        ids = posted_ids(request.POST.getlist("users"))
        users = list(approval.approved_users().filter(pk__in=ids))
        if not ids:
            messages.error(request, "Select at least one person.")
        elif len(users) != len(ids):
            messages.error(
                request, "The list changed since you opened it, so nothing was done. Select again."
            )
        elif action == "remove":
            approval.remove(users, by=request.user)
            messages.success(request, f"{len(users)} removed from their group.")
        else:
            for user in users:
                approval.renew(user, self.settings.approval_period(), by=request.user)
            messages.success(
                request, f"{len(users)} renewed for {self.settings.approval_months} months."
            )
        return redirect(reverse("accounts_admin_approved"))
