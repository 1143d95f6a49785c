from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "mail"
    menu_label = "Contacts"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["organisation", "service", "channel", "value", "last_verified"]
    list_filter = ["channel"]
    search_fields = ["organisation", "service", "value"]


register_snippet(ContactViewSet)
