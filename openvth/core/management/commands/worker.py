"""`openvth worker [--once] [--max-tasks N] [--interval SECONDS]`: the background worker.

Each round it starts the daily jobs that are due (openvth.jobs.schedule) and runs the waiting tasks: on the database
backend with django-tasks-db's worker, with REDIS_URL with an RQ worker (which also runs the retries it holds
back). `--once` runs one round and stops (for cron or a test); `--max-tasks` stops after that many tasks.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from openvth.jobs import schedule


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Achtergrondtaken uitvoeren en de dagelijkse taken op hun uur starten."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="één ronde: de dagtaken die aan de beurt zijn en de "
                            "wachtende taken, dan stoppen")  # fmt: skip
        parser.add_argument("--max-tasks", type=positive, help="stop na zoveel taken")
        parser.add_argument("--interval", type=float, default=5.0, help="seconden wachten als er niets te doen is")

    def handle(self, *args, once: bool, max_tasks: int | None, interval: float, **options):
        if interval < 0:
            raise CommandError("--interval kan niet negatief zijn.")
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        run_tasks = self.database_worker(backend, max_tasks) if isinstance(backend, DatabaseBackend) else None
        run_tasks = run_tasks or self.rq_worker(backend, max_tasks)
        while True:
            for job in schedule.start_due():
                self.stdout.write(f"Dagtaak gestart: {job.kind} (#{job.pk})")
            if run_tasks() or once:
                return
            time.sleep(interval)

    def database_worker(self, backend, max_tasks: int | None):
        worker = Worker(
            queue_names=["*"], interval=0, batch=True, backend_name=backend.alias, startup_delay=False,
            max_tasks=max_tasks, worker_id=get_random_string(32), excluded_queue_names=[],
        )  # fmt: skip
        worker.configure_signals()  # a stop signal lets the running task finish

        def run_tasks() -> bool:
            worker.run()  # batch: every task that is ready, then back here
            # stop once the maximum is reached or a stop signal came while a task ran
            return not worker.running or (max_tasks is not None and worker._run_tasks >= max_tasks)

        return run_tasks

    def rq_worker(self, backend, max_tasks: int | None):
        import django_rq  # installed with REDIS_URL only
        from django_tasks_rq import Job

        worker = django_rq.get_worker(*sorted(backend.queues), job_class=Job)

        def run_tasks() -> bool:
            worker.work(burst=True, with_scheduler=True, max_jobs=max_tasks)  # what is queued (and due), then back
            return max_tasks is not None

        return run_tasks
