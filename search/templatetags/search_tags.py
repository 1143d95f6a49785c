from django import template
from django.urls import reverse

from search.forms import HeaderSearchForm

register = template.Library()


@register.inclusion_tag("search/includes/header_search.html", takes_context=True)
def header_search(context):
    """The search box in the site header; left out on the search page, which has its own."""
    request = context.get("request")
    on_search_page = request is not None and request.path.startswith(reverse("search"))
    return {"form": None if on_search_page else HeaderSearchForm()}
