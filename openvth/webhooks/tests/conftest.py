import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.jobs import services as jobs
from openvth.jobs.models import Job
from openvth.register.models import Organisation
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory, ServiceFactory
from openvth.sharing.tests.factories import SharingAgreementFactory
from openvth.webhooks import services, transport


@pytest.fixture
def service():
    return ServiceFactory(name="Omgevingsdienst Bron", code="OD-BRON")


@pytest.fixture
def establishment(service):
    return EstablishmentFactory(owner=service)


@pytest.fixture
def ilt():
    return OrganisationFactory(name="ILT", kind=Organisation.Kind.INSPECTORATE, code="ILT")


@pytest.fixture
def ilt_manager(ilt):
    return UserFactory(organisation=ilt, role=Role.MANAGER)


@pytest.fixture
def agreement(service, ilt):
    return SharingAgreementFactory(owner=service, partners=[ilt], kinds=["inspections", "findings"])


@pytest.fixture
def subscription(ilt_manager):
    made, _ = services.create_subscription(
        user=ilt_manager, name="ILT Inspectieview", target_url="https://ontvanger.example/hook", kinds=["inspections"]
    )
    return made


class Receiver:
    """Stands in for transport.send: records each call, answers with the next status (the last one repeats), or
    raises what it was given."""

    def __init__(self):
        self.calls = []
        self.answers = [200]

    def __call__(self, url, body, headers):
        self.calls.append((url, body, headers))
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return transport.Answer(answer, "")


@pytest.fixture
def receiver(monkeypatch):
    fake = Receiver()
    monkeypatch.setattr(transport, "send", fake)
    return fake


def run_waiting_jobs() -> int:
    waiting = list(
        Job.objects.filter(kind=services.JOB_KIND, status=Job.Status.WAITING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in waiting:
        jobs.run(pk)
    return len(waiting)
