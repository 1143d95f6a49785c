from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from background import retry


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background-task worker (django-tasks-db's db_worker), first putting back "
        "on the queue any task left running by a worker that died."
    )

    def handle(self, *args, **options):
        requeued = retry.requeue_abandoned()
        if requeued:
            self.stdout.write(f"{requeued} abandoned task(s) put back on the queue.")
        return super().handle(*args, **options)
