from datetime import timedelta

import pytest

from openvth.accounts.models import Role
from openvth.accounts.services import create_api_token
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.intake import services
from openvth.intake.simulator import DsoSimulator, with_values
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory

AUTHORITY_OIN = "00000001001234567000"  # the OIN of the samples' bevoegd gezag
SAMPLE_BAG = "0363200000123456"
AANVRAAG = "verzoek-aanvraag-afvalverwerking.xml"
MELDING = "verzoek-melding-tankstation.xml"
INFORMATIE = "verzoek-informatieplicht-onbekend.xml"
VOOROVERLEG = "verzoek-vooroverleg.xml"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def municipality(service):
    return OrganisationFactory(name="Gemeente Voorbeeld", omgevingsdienst=service)


@pytest.fixture
def mapped(municipality):
    """The OIN of the samples' authority and the default activity mappings."""
    services.map_oin(oin=AUTHORITY_OIN, organisation=municipality)
    loaded = services.load_default_mappings()
    assert loaded.created > 5
    return municipality


@pytest.fixture
def establishment(service, mapped):
    return EstablishmentFactory(
        owner=service,
        municipality=mapped,
        name="Recycling Voorbeeld",
        kvk_vestigingsnummer="000012345678",
        bag_nummeraanduiding_id=SAMPLE_BAG,
        street="Industrieweg",
        house_number=12,
        postcode="1234 AB",
        place="Testdorp",
    )


@pytest.fixture
def officer(service):
    return UserFactory(username="vergunningverlener", organisation=service, role=Role.PERMIT_OFFICER)


@pytest.fixture
def token(officer):
    _, key = create_api_token(user=officer, name="Koppeling Omgevingsloket", days=30)
    return key


@pytest.fixture
def simulator(settings):
    with DsoSimulator() as running:
        settings.DSO_BASE_URL = running.url
        settings.DSO_API_KEY = ""
        yield running


def filed_days_ago(days: int = 2) -> str:
    return (clock.today() - timedelta(days=days)).isoformat()


def serve(simulator, sample: str, **values) -> str:
    """A sample served by the simulator, filed two days ago unless told otherwise; returns its verzoeknummer."""
    values.setdefault("indiendatum", filed_days_ago())
    content = with_values(sample, **values)
    from openvth.intake.dso import verzoeknummer_in

    number = verzoeknummer_in(content)
    simulator.add(number, content)
    return number


def notify(client, key: str, verzoeknummer: str, **extra):
    return client.post(
        "/api/v1/dso/verzoeknotificaties",
        data={"verzoeknummer": verzoeknummer, **extra},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
