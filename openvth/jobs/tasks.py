"""The one task of Django's Tasks interface openvth enqueues: run a Job (its kind says what to do)."""

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from . import services  # the services enqueue this task

    services.run(job_id)
