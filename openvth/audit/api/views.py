"""The read log in the REST API: a viewset mixin that logs every record it serializes into an answer."""

from .. import services
from ..models import Channel


class LogsPersonalDataReads:
    """Put first in a viewset's bases: every record (or page of records) an answer holds is logged as read through
    the API, at the one place DRF serializes records (`get_serializer(instance)`; input serializers take `data=`).
    Records without personal data (a company of a legal person) are not logged."""

    def get_serializer(self, *args, **kwargs):
        if args and args[0] is not None:
            services.record_read(self.request.user, args[0], channel=Channel.API)
        return super().get_serializer(*args, **kwargs)
