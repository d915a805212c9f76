"""`/health/` (django-health-check): the database, the cache, the disk the files live on and the age of the oldest
waiting task. 200 when all are well, 503 otherwise (a load balancer takes the instance out)."""

import dataclasses
import datetime
import os
import shutil

from django.conf import settings
from django.db import connection
from health_check import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from . import selectors


@dataclasses.dataclass
class QueueAge(HealthCheck):
    """The oldest task that could run has waited longer than `max_age`: no worker runs, or it cannot keep up."""

    max_age: datetime.timedelta = datetime.timedelta(minutes=15)

    def run(self):
        try:
            age = selectors.oldest_waiting_age()
        finally:
            if not connection.in_atomic_block:  # a check runs in its own thread: leave no connection behind
                connection.close()
        if age is not None and age > self.max_age:
            raise ServiceUnavailable(f"De oudste wachtende taak wacht al {int(age.total_seconds() // 60)} minuten")


@dataclasses.dataclass
class Disk(HealthCheck):
    """The folder of the uploads and generated files can be written and has room left."""

    min_free_mb: int = 500

    def run(self):
        folder = settings.MEDIA_ROOT
        while not os.path.exists(folder):  # before the first upload the folder may not exist yet
            folder = os.path.dirname(folder)
        if not os.access(folder, os.W_OK):
            raise ServiceUnavailable("De map voor bestanden is niet schrijfbaar")
        free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
        if free_mb < self.min_free_mb:
            raise ServiceUnavailable(f"Nog {free_mb} MB vrij op de schijf")


class HealthView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        Disk,
        QueueAge,
    )

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:  # a failing check: the service is unavailable, not broken
            response.status_code = 503
        return response
