"""`openvth generate` stores exactly the generated rows, once, and the duplicates are found."""

import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.permits.models import Application, Decision
from openvth.register import selectors
from openvth.register.models import ActivityType, BasistaakPlacement, Establishment, Organisation, TaskCategory
from openvth.synthetic.loader import load, stored_digest

from .helpers import catalogue_migration


@pytest.fixture
def small(db):
    return load("small", 11, digest=True)


def test_catalogues_are_loaded_and_reloading_changes_nothing(db):
    assert TaskCategory.objects.count() == 11
    assert ActivityType.objects.filter(code="3.6", ied_category="1.1").exists()
    count = ActivityType.objects.count()
    catalogue_migration.load_catalogues(apps, None)
    assert ActivityType.objects.count() == count and TaskCategory.objects.count() == 11


def test_stored_rows_are_the_generated_rows(small):
    assert small.establishments == Establishment.objects.count() == 300
    assert stored_digest() == small.digest


def test_the_organisation_map_is_complete(small):
    assert Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).count() == 342
    assert Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST, is_brzo_service=True).count() == 6
    assert Organisation.objects.filter(code="ILT", kind=Organisation.Kind.INSPECTORATE).exists()
    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    assert not municipalities.filter(province__isnull=True).exists()
    assert not municipalities.filter(omgevingsdienst__isnull=True).exists()
    placements = BasistaakPlacement.objects
    assert placements.count() == (342 + 12) * 11
    assert 0.9 < placements.filter(placed=True).count() / placements.count() < 1
    assert not placements.filter(placed=True, since__isnull=True).exists()


def test_new_rows_get_ids_after_the_generated_ones(small):
    establishment = Establishment.objects.order_by("pk").last()
    copy = Establishment.objects.get(pk=establishment.pk)
    copy.pk = None
    copy.save()
    assert copy.pk == establishment.pk + 1


def test_duplicates_are_found_by_the_duplicate_detection(small):
    service = Organisation.objects.get(code="OD-ODRN")
    user = UserFactory(organisation=service, role=Role.INSPECTOR)
    groups = selectors.duplicate_establishments(user)
    reasons = {group.reason for group in groups}
    assert reasons == {"zelfde vestigingsnummer", "zelfde naam en adres"}
    assert all(len({e.company_id for e in group.establishments}) > 1 for group in groups)


def test_generate_refuses_a_database_with_establishments(small):
    with pytest.raises(CommandError, match="bevat al vestigingen"):
        call_command("generate", scale="small", seed=1, no_progress=True)
    assert Establishment.objects.count() == 300


def test_generate_prints_a_json_summary(db, capsys):
    call_command("generate", "--scale", "small", "--seed", "2", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["scale"] == "small" and summary["seed"] == 2
    assert summary["establishments"] == 300 and summary["companies"] > 250
    assert summary["organisations"] == Organisation.objects.count()
    assert summary["decisions"] == Decision.objects.count() > 0
    assert summary["applications"] == Application.objects.count() > 0
