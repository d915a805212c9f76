"""The read replica (openvth.core.routers): reads of the public site, reports and exports go to `replica` when
there is one, every write and everything else to `default`.

The `replica` alias here is a second connection to the test database itself (as TEST MIRROR makes it): what
reaches it shows in that connection's captured queries, not in the default one's."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connections, router, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import cache, clock
from openvth.core.routers import REPLICA, ReplicaRouter, replica_reads
from openvth.disclosure.tests.factories import publication
from openvth.monitoring.export import export_parquet
from openvth.monitoring.selectors import staat_context
from openvth.register.models import Company
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory
from openvth.sharing.batch import write_batch_export
from openvth.supervision.tests.factories import InspectionFactory

ROUTER = "openvth.core.routers.ReplicaRouter"


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A `replica` alias on the test database, as DATABASE_REPLICA_URL adds it; module-wide and before each test's
    database setup, which must know every alias the test uses."""
    connections.settings[REPLICA] = connections.settings["default"]
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica(settings):
    """The router installed, as DATABASE_REPLICA_URL installs it; the replica's connection."""
    settings.DATABASE_ROUTERS = [ROUTER]
    return connections[REPLICA]


def test_without_a_replica_every_read_stays_on_the_primary(monkeypatch):
    monkeypatch.delitem(connections.settings, REPLICA)
    with replica_reads():
        assert ReplicaRouter().db_for_read(Company) is None


def test_the_router_sends_reads_in_the_replica_context_only(replica):
    assert router.db_for_read(Company) == "default"
    with replica_reads():
        assert router.db_for_read(Company) == REPLICA
        assert router.db_for_write(Company) == "default"
        assert router.db_for_read(caches["public"].cache_model_class) == "default"  # the generation: never late
        with replica_reads(False):
            assert router.db_for_read(Company) == "default"
    assert router.db_for_read(Company) == "default"
    assert router.allow_migrate(REPLICA, "register") is False
    assert router.allow_migrate("default", "register") is True


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_reads_go_to_the_replica_and_writes_to_the_primary(replica, service):
    company = CompanyFactory(owner=service, name="Drukkerij Noord")
    default = connections["default"]
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(default) as on_default, replica_reads():
        found = Company.objects.get(pk=company.pk)
        Company.objects.filter(pk=company.pk).update(name="Drukkerij Zuid")
        with transaction.atomic():  # inside a transaction the primary: a service reads what it writes
            Company.objects.select_for_update().get(pk=company.pk)
    assert found.name == "Drukkerij Noord"
    assert [q["sql"].split()[0] for q in on_replica.captured_queries] == ["SELECT"]
    statements = [q["sql"] for q in on_default.captured_queries]
    assert any(sql.startswith("UPDATE") for sql in statements)
    assert any(sql.startswith("SELECT") and "register_company" in sql for sql in statements)


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_the_public_site_reads_the_replica_and_its_cache_the_primary(replica, service, clock, monkeypatch):
    caches[cache.ALIAS].clear()
    company = CompanyFactory(owner=service, name="Chemie Delfzijl B.V.")
    EstablishmentFactory(owner=service, company=company)
    page = reverse("disclosure:public_company", args=[company.pk])
    default = connections["default"]

    def tables(captured):
        return {"register_company" in q["sql"] or "register_establishment" in q["sql"] for q in captured}

    # just after a change the replica may lag: the page reads the primary (a wide window: the machine may be slow)
    monkeypatch.setattr(cache, "REPLICA_GRACE_SECONDS", 600)
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(default) as on_default:
        assert Client().get(page).status_code == 200
    assert on_replica.captured_queries == []
    assert True in tables(on_default.captured_queries)

    clock.shift(timedelta(seconds=cache.REPLICA_GRACE_SECONDS + 1))  # settled
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(default) as on_default:
        assert Client().get(page, {"another": "key"}).status_code == 200  # not in the cache yet
    assert tables(on_replica.captured_queries) == {True}  # the page's own reads
    assert tables(on_default.captured_queries) == {False}  # only the cache (and its transaction)
    assert any("openvth_public_cache" in q["sql"] for q in on_default.captured_queries)


REPORTS = {  # a report or export: what it is made from, and a table it reads
    "Staat van de VTH": (
        lambda service, folder: staat_context(UserFactory(organisation=service, role=Role.MANAGER), printed_on=None),
        "monitoring_kpivalue",
    ),
    "analysis export": (lambda service, folder: export_parquet(folder), "supervision_inspection"),
    "national sharing export": (
        lambda service, folder: write_batch_export(service, folder / "export.zip", today=clock.today()),
        "supervision_inspection",
    ),
}


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
@pytest.mark.parametrize("name", REPORTS)
def test_reports_and_exports_read_the_replica(replica, service, tmp_path, name):
    make, table = REPORTS[name]
    InspectionFactory(establishment=EstablishmentFactory(owner=service), performed_on=clock.today())
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
        make(service, tmp_path)
    assert any(table in q["sql"] for q in on_replica.captured_queries)
    assert [q["sql"] for q in on_default.captured_queries if q["sql"].startswith("SELECT")] == [], name


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_a_streamed_open_data_file_reads_the_replica_while_it_is_sent(replica, service, clock, monkeypatch):
    """The CSV is read as it is sent, after the view returned: each chunk is read in the replica's context."""
    caches[cache.ALIAS].clear()
    publication(EstablishmentFactory(owner=service), title="Inspectie Drukkerij Noord")
    monkeypatch.setattr(cache, "REPLICA_GRACE_SECONDS", 0)
    clock.shift(timedelta(seconds=1))  # the generation settled
    response = Client().get(reverse("disclosure:public_download", args=["csv"]))
    assert response.streaming
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
        body = b"".join(response.streaming_content).decode()
    assert "Inspectie Drukkerij Noord" in body
    assert any("disclosure_publication" in q["sql"] for q in on_replica.captured_queries)
    assert not any("disclosure_publication" in q["sql"] for q in on_default.captured_queries)


@pytest.mark.parametrize("replica_url", ["", "postgres://lezer@replica.example.nl/openvth"])
def test_the_settings_add_the_alias_and_the_router_only_with_database_replica_url(replica_url):
    script = "from openvth import settings as s; print(sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []))"
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URL"}}
    environment |= {"DEBUG": "true", "DATABASE_REPLICA_URL": replica_url}
    done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
    if replica_url:
        assert done.stdout.strip() == f"['default', 'replica'] ['{ROUTER}']"
    else:
        assert done.stdout.strip() == "['default'] []"
