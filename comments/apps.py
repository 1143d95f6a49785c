from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """'Have your say': pre-moderated comments on articles, safe on a safeguarding site."""

    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from comments import purge

        purge.connect()
