"""Planning an inspection tells the inspectors it is theirs (issue 17, "assigned to me"), not the one who planned
it, and only once the inspection is stored."""

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.notifications.models import Kind, Notification
from openvth.supervision.services import inspections as services


def test_the_assigned_inspectors_are_told_but_not_who_planned(
    service, establishment, member, django_capture_on_commit_callbacks
):
    colleague = UserFactory(organisation=service, role=Role.INSPECTOR)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        inspection = services.create_inspection(
            user=member, establishment=establishment, kind="routine", planned_on=clock.today(),
            inspectors=[member, colleague],
        )  # fmt: skip
        assert not Notification.objects.exists()  # not before the commit
    assert callbacks
    told = Notification.objects.get()
    assert (told.recipient, told.kind) == (colleague, Kind.ASSIGNED)
    assert told.url == f"/toezicht/inspecties/{inspection.pk}/"


def test_an_inspection_without_inspectors_tells_nobody(establishment, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.create_inspection(user=member, establishment=establishment, kind="routine")
    assert not Notification.objects.exists()
