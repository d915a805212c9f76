"""Notifications (issue 17): the bell with its unread count, each user's choice per kind (an e-mail at once or in
the daily digest), term reminders once per deadline and day, a new complaint and a redaction waiting for approval
told to who acts on them, with texts only from records the recipient may read."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock as core_clock
from openvth.disclosure import services as disclosure
from openvth.disclosure.tests.factories import closed_inspection, officer
from openvth.enforcement.models import Deadline
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.notifications import services
from openvth.notifications.models import Delivery, Kind, Notification, Preference
from openvth.permits import selectors as permits
from openvth.permits.tests.factories import ApplicationFactory
from openvth.register.tests.factories import OrganisationFactory
from openvth.supervision.services import inspections as supervision
from openvth.supervision.tests.factories import InspectionFactory


@pytest.fixture
def officer_mail(owner):
    owner.email = "vergunningen@od.example"
    owner.save()
    return owner


def due_application(establishment, days_ahead: int):
    """An open application whose decision term ends `days_ahead` days from today (or a little later: the
    Algemene termijnenwet moves an end on a rest day to the next working day)."""
    regular_term = 56  # 8 weeks, Omgevingswet regular procedure
    received = core_clock.today() - timedelta(days=regular_term - days_ahead)
    return ApplicationFactory(establishment=establishment, reference="OLO-TERMIJN", received_on=received)


@pytest.mark.date_sensitive
def test_a_term_reminder_is_mailed_once_not_twice(officer_mail, establishment, django_capture_on_commit_callbacks):
    application = due_application(establishment, 2)
    term = permits.application_term(application, today=core_clock.today())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_term_reminders(today=core_clock.today()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_term_reminders(today=core_clock.today()) == 0  # the job ran twice today
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vergunningen@od.example"]
    assert f"OLO-TERMIJN ({establishment.name}) eindigt op {term.deadline:%d-%m-%Y}" in message.subject
    assert "http://127.0.0.1:8000" + reverse("permits:application", args=[application.pk]) in message.body
    reminder = Notification.objects.get()
    assert (reminder.kind, reminder.recipient) == (Kind.TERM_EXPIRING, officer_mail)


@pytest.mark.date_sensitive
def test_the_next_day_brings_the_next_reminder_and_a_passed_term_is_overdue(owner, establishment):
    due_application(establishment, 0)
    assert services.send_term_reminders(today=core_clock.today()) == 1
    later = core_clock.today() + timedelta(days=10)
    assert services.send_term_reminders(today=later) == 1
    assert list(Notification.objects.order_by("created_at", "id").values_list("kind", flat=True)) == [
        Kind.TERM_EXPIRING,
        Kind.OVERDUE,
    ]


@pytest.mark.date_sensitive
def test_a_term_beyond_the_chosen_days_is_not_reminded_yet(owner, establishment):
    due_application(establishment, 20)
    assert services.send_term_reminders(today=core_clock.today()) == 0
    Preference.objects.create(user=owner, kind=Kind.TERM_EXPIRING, days_before=30)
    assert services.send_term_reminders(today=core_clock.today()) == 1


def test_enforcement_deadlines_go_to_the_lawyers_of_the_case_and_a_passive_term_is_never_overdue(
    service, establishment, foreign_establishment, other_service
):
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    stranger = UserFactory(organisation=other_service, role=Role.ENFORCEMENT_LAWYER)
    case = EnforcementCaseFactory(establishment=establishment, reference="HH-2026-7")
    today = core_clock.today()
    for code, due, passive in (("hersteltermijn", today - timedelta(days=1), False),
                               ("zienswijzetermijn", today - timedelta(days=1), True),
                               ("begunstigingstermijn", today + timedelta(days=3), False)):  # fmt: skip
        Deadline.objects.create(case=case, code=code, event="warning", started_on=today - timedelta(days=30),
                                due_on=due, source="Awb 5:31d", passive=passive)  # fmt: skip
    EnforcementCaseFactory(establishment=foreign_establishment)
    assert services.send_term_reminders(today=today) == 2
    titles = dict(Notification.objects.filter(recipient=lawyer).values_list("title", "kind"))
    assert titles == {
        f"hersteltermijn in zaak HH-2026-7 ({establishment.name}) is verstreken op "
        f"{today - timedelta(days=1):%d-%m-%Y}": Kind.OVERDUE,
        f"begunstigingstermijn in zaak HH-2026-7 ({establishment.name}) eindigt op "
        f"{today + timedelta(days=3):%d-%m-%Y}": Kind.TERM_EXPIRING,
    }
    assert not Notification.objects.filter(recipient=stranger).exists()


def test_immediate_is_mailed_at_once_and_digest_in_the_mornings_summary(
    service, establishment, django_capture_on_commit_callbacks
):
    UserFactory(organisation=service, role=Role.PERMIT_OFFICER, email="direct@od.example")
    daily_person = UserFactory(organisation=service, role=Role.PERMIT_OFFICER, email="dagelijks@od.example")
    Preference.objects.create(user=daily_person, kind=Kind.TERM_EXPIRING, delivery=Delivery.DIGEST)
    due_application(establishment, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_term_reminders(today=core_clock.today())
    assert [m.to for m in mail.outbox] == [["direct@od.example"]]
    assert Notification.objects.filter(recipient=daily_person, emailed_at__isnull=True).count() == 1

    assert services.send_digests() == 1
    digest = mail.outbox[-1]
    assert digest.to == ["dagelijks@od.example"] and "OLO-TERMIJN" in digest.body
    assert services.send_digests() == 0  # sent is sent
    assert len(mail.outbox) == 2


def test_an_immediate_mail_that_failed_goes_with_the_digest(
    officer_mail, establishment, clock, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    due_application(establishment, 1)

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("smtp")

    monkeypatch.setattr(services, "send_mail", refused)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_term_reminders(today=core_clock.today())  # the mail fails: the reminder stays, unmailed
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1
    monkeypatch.undo()
    assert services.send_digests() == 0  # it may still be on its way
    clock.move_to(core_clock.now() + timedelta(minutes=20))
    assert services.send_digests() == 1
    assert mail.outbox[-1].to == ["vergunningen@od.example"]


def test_the_bell_counts_the_unread_and_opening_one_goes_to_the_record(client, owner, member, establishment):
    application = due_application(establishment, 1)
    services.send_term_reminders(today=core_clock.today())
    services.send_term_reminders(today=core_clock.today() + timedelta(days=1))
    client.force_login(owner)
    page = client.get(reverse("register:search")).content.decode()
    assert '<span class="tag">2</span><span class="visually-hidden"> ongelezen</span>' in page
    first = Notification.objects.filter(recipient=owner).first()
    response = client.get(reverse("notifications:open", args=[first.pk]))
    assert response["Location"] == reverse("permits:application", args=[application.pk])
    assert '<span class="tag">1</span>' in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:mark_all_read"))
    assert 'class="tag"' not in client.get(reverse("notifications:list")).content.decode()
    client.force_login(member)  # someone else's notification is not there for him
    assert client.get(reverse("notifications:open", args=[first.pk])).status_code == 404


def test_preferences_are_chosen_per_kind(client, owner):
    client.force_login(owner)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Nieuwe melding voor mijn dienst" in page and "Achtergrondtaak mislukt" not in page  # for administrators
    data = {f"{kind}-delivery": Delivery.IMMEDIATE for kind in Kind if kind != Kind.JOB_FAILED}
    data |= {f"{Kind.OVERDUE}-delivery": Delivery.DIGEST, f"{Kind.TERM_EXPIRING}-days_before": "14"}
    assert client.post(reverse("notifications:preferences"), data).status_code == 302
    assert Preference.objects.get(user=owner, kind=Kind.OVERDUE).delivery == Delivery.DIGEST
    assert Preference.objects.get(user=owner, kind=Kind.TERM_EXPIRING).days_before == 14
    refused = client.post(reverse("notifications:preferences"), data | {f"{Kind.TERM_EXPIRING}-days_before": "0"})
    assert refused.status_code == 200 and "Er is niets opgeslagen" in refused.content.decode()
    assert Preference.objects.get(user=owner, kind=Kind.TERM_EXPIRING).days_before == 14


def test_a_new_complaint_tells_the_services_inspectors_without_its_text_or_reporter(
    service, member, owner, outsider, django_capture_on_commit_callbacks
):
    member.email = "toezicht@od.example"
    member.save()
    municipality = OrganisationFactory(name="Gemeente Eemsdelta", omgevingsdienst=service)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = supervision.submit_complaint(
            client_ip="192.0.2.1", municipality=municipality, subject="odour",
            description="Sterke geur bij mijn huis", location="Dorpsstraat 5", reporter_name="Jan Jansen",
            reporter_email="jan@example.nl",
        )  # fmt: skip
    told = Notification.objects.get()
    assert told.recipient == member  # the inspector; not the permit officer, not another service
    assert told.title == f"Nieuwe melding over geur (nummer {complaint.pk})"
    assert told.url == reverse("supervision:complaint", args=[complaint.pk])
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert not any(personal in body for personal in ("Jan Jansen", "jan@example.nl", "Dorpsstraat", "mijn huis"))


def test_a_redaction_waiting_for_approval_tells_the_other_reviewers(
    service, establishment, django_capture_on_commit_callbacks
):
    proposer, reviewer = officer(service), officer(service)
    with django_capture_on_commit_callbacks(execute=True):
        publication = disclosure.propose_inspection(user=proposer, inspection=closed_inspection(establishment))
    told = Notification.objects.get()
    assert told.recipient == reviewer and told.kind == Kind.APPROVAL_REQUESTED  # four eyes: not the proposer
    assert told.title == f"Lakking wacht op uw goedkeuring: {publication.title}"
    assert "Jan Bakker" not in told.title


def test_an_assigned_inspection_tells_its_inspectors_but_not_who_assigned_it(service, establishment, member, owner):
    colleague = UserFactory(organisation=service, role=Role.INSPECTOR)
    inspection = InspectionFactory(establishment=establishment, planned_on=core_clock.today(), performed_on=None)
    inspection.inspectors.set([member, colleague])
    assert services.inspection_assigned(inspection.pk, by_id=member.pk) == 1
    told = Notification.objects.get()
    assert told.recipient == colleague and told.kind == Kind.ASSIGNED
    assert told.title.endswith(f"bij {establishment.name} aan u toegewezen (gepland op {core_clock.today():%d-%m-%Y})")
    assert told.url == reverse("supervision:inspection", args=[inspection.pk])
