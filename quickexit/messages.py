"""Every word the quick exit shows or announces, written once.

Templates read them through `{% quick_exit_messages as text %}`. The script has no
text of its own: the control's status region carries the progress messages and the
overlay's word as data attributes (see README.md, "Markup contract"), so they are
translated with the page. Tests take them from here too.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # The first thing in <body>, for screen-reader and keyboard users.
    "notice": _("Quick exit: press Shift 3 times, or use the Exit this page button."),
    # The control reads "Emergency Exit this page"; only "Exit this page" is visible.
    "hidden_prefix": _("Emergency"),
    "label": _("Exit this page"),
    # In the footer, never in the bar: links to the "Staying safe online" page, which says
    # what the button cannot do. The bar's only link is the one that leaves.
    "footer_link": _("How to hide your visit"),
    # Announced in the status region while Shift is being pressed.
    "press_2_more": _("Shift, press 2 more times to exit."),
    "press_1_more": _("Shift, press 1 more time to exit."),
    "expired": _("Exit this page expired."),
    # The only word on the blank overlay while the neutral site loads.
    "loading": _("Loading"),
}
