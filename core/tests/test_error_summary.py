"""The error summary component, rendered for a form of its own: what it lists and links,
and that its styles and script come only with errors. The apps' tests check it on their
pages, and in a browser that it takes focus and that its links move focus to the field."""

import re

from django import forms
from django.template.loader import render_to_string
from django.test.html import parse_html

SUMMARY = "core/components/error_summary.html"
ASSETS = "core/components/error_summary_assets.html"


class ReferralForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "Reload"})
    name = forms.CharField(error_messages={"required": "Enter your name"})
    email = forms.EmailField(required=False, error_messages={"invalid": "Enter an email address"})

    def clean(self):
        if self.data.get("name") == "refused":
            raise forms.ValidationError("We could not <check> this form")


def render(template, form, **context):
    return render_to_string(template, {"form": form, **context})


def summary_lines(form, **context):
    return re.findall(r"<li>(.*?)</li>", render(SUMMARY, form, **context))


def test_a_form_without_errors_shows_nothing_and_loads_nothing():
    valid = ReferralForm(data={"token": "t", "name": "Sam"})
    assert valid.is_valid()
    for form in (ReferralForm(), valid):
        assert render(SUMMARY, form).strip() == ""
        assert render(ASSETS, form).strip() == ""


def test_one_line_a_field_linked_to_it_and_the_form_s_own_message_linked_to_its_first_field():
    form = ReferralForm(data={"name": "refused", "email": "sam"})
    form.add_error("email", "Use your work address")
    assert summary_lines(form) == [
        '<a href="#id_name">We could not &lt;check&gt; this form</a>',
        "Reload",  # a hidden field has nowhere to go
        '<a href="#id_email">Enter an email address Use your work address</a>',
    ]
    assert summary_lines(ReferralForm(data={"token": "t"})) == [
        '<a href="#id_name">Enter your name</a>'
    ]


def test_it_can_take_focus_and_is_announced_under_its_heading():
    html = render(SUMMARY, ReferralForm(data={}))
    summary = parse_html(html)
    assert summary.name == "div"
    assert dict(summary.attributes) == {
        "class": "error-summary",
        "tabindex": "-1",
        "data-error-summary": "",
    }
    alert = summary.children[0]
    assert ("role", "alert") in alert.attributes
    assert alert.children[0] == parse_html(
        '<h2 class="error-summary__title">There is a problem</h2>'
    )


def test_a_page_may_name_the_problem_in_its_own_words():
    html = render(SUMMARY, ReferralForm(data={}), title="Your referral was not sent")
    assert '<h2 class="error-summary__title">Your referral was not sent</h2>' in html


def test_a_form_with_errors_loads_the_styles_and_the_deferred_script():
    html = parse_html(render(ASSETS, ReferralForm(data={})))
    assert (
        parse_html('<link rel="stylesheet" href="/static/core/components/error-summary.css">')
        in html
    )
    assert (
        parse_html('<script src="/static/core/components/error-summary.js" defer></script>') in html
    )
