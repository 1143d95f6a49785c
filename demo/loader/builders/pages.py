"""Pages: found by parent and slug, created as a first publish; the site's root page."""

from wagtail.models import Page, Site

from ..data import namespace
from .base import Builder


class PageBuilder(Builder):
    # parent: the parent page's key (none for the site's root page, under Wagtail's root);
    # order: the page's place among the pages beside it; site_root: this page becomes the
    # default site's root page.
    special = ("parent", "order", "site_root")

    def special_references(self, node):
        if node.fields.get("parent"):
            yield namespace(Page), node.fields["parent"]

    def build(self, node, ref):
        if node.completes is not None:
            return self.complete(node, ref)
        parent_key = node.fields.get("parent")
        parent = ref(namespace(Page), parent_key) if parent_key else Page.get_first_root_node()
        existing = self.find(node, parent)
        if existing is not None:
            return existing
        plain, many, children = self.values(node, ref)
        page = node.model(**plain)
        for name, related in {**many, **children}.items():
            setattr(page, name, related)
        # Page.save runs full_clean, as the editor's save does.
        parent.add_child(instance=page)
        page.save_revision().publish()
        if node.fields.get("site_root"):
            make_site_root(page)
        return page

    def find(self, node, parent):
        if node.fields.get("site_root"):
            root = Site.objects.get(is_default_site=True).root_page.specific
            if isinstance(root, node.model):
                return root
        existing = parent.get_children().filter(slug=node.fields.get("slug")).first()
        return existing.specific if existing is not None else None

    def complete(self, node, ref):
        """Fill in the `[later]` fields in a new revision, only while they are all empty."""
        page = ref(namespace(Page), node.key)
        plain, _, _ = self.values(node, ref)
        if all(not getattr(page, name) for name in plain):
            for name, value in plain.items():
                setattr(page, name, value)
            page.save_revision().publish()
        return page


def make_site_root(page):
    """Make `page` the default site's root, removing Wagtail's bare placeholder page."""
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = page
    site.save()
    if type(placeholder.specific) is Page and placeholder.is_leaf():
        placeholder.delete()
