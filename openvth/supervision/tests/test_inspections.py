"""Inspections through the services: checklist choice, drafts saved at once, findings tied to the provision in force
on the day of the visit, attachments, locking on close and corrections with a reason (issue 3)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from openvth.core.history import history_of
from openvth.permits import services as permit_services
from openvth.permits.models import ProvisionVersion
from openvth.register.models import Activity
from openvth.register.tests.factories import ActivityTypeFactory
from openvth.supervision.models import Answer, Attachment, Finding, Inspection
from openvth.supervision.selectors import inspections as selectors
from openvth.supervision.services import inspections as services

from .factories import VISIT, checklist, permit, started_inspection

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PDF = b"%PDF-1.7\n" + b"\x00" * 32


@pytest.fixture
def tanks(establishment):
    activity_type = ActivityTypeFactory(code="T-3.44", name="Opslaan in opslagtanks")
    Activity.objects.create(establishment=establishment, activity_type=activity_type)
    return activity_type


@pytest.fixture
def inspection(member, establishment, tanks):
    checklist(activity_type=tanks)
    return started_inspection(member, establishment)


def _answer(user, inspection, position, result, **kwargs):
    item = inspection.checklist.items.get(position=position)
    return services.save_answer(user=user, inspection=inspection, item=item, result=result, **kwargs)


# --- the checklist ----------------------------------------------------------------------------------------------


def test_the_activity_checklist_valid_on_the_visit_day_is_chosen(member, establishment, tanks):
    general = checklist(name="Algemeen (test)")
    first = checklist(activity_type=tanks)
    second = checklist(activity_type=tanks, number=2, valid_from=date(2024, 6, 1))
    assert selectors.checklist_version_for(establishment, on=date(2024, 5, 31)) == first
    assert selectors.checklist_version_for(establishment, on=date(2024, 6, 1)) == second
    Activity.objects.filter(establishment=establishment).delete()
    fallback = selectors.checklist_version_for(establishment, on=date(2024, 6, 1))
    assert fallback.template.activity_type is None and general.template.activity_type is None


def test_an_inspection_keeps_its_checklist_version(inspection, tanks):
    used = inspection.checklist
    checklist(activity_type=tanks, number=2, valid_from=date(2024, 3, 13))
    inspection.refresh_from_db()
    assert inspection.checklist == used


def test_the_default_checklists_are_loaded_by_the_migration(db):
    from openvth.supervision.models import ChecklistTemplate

    general = ChecklistTemplate.objects.get(activity_type__isnull=True, name="Algemene milieucontrole")
    items = general.versions.get(number=1).items.all()
    assert len(items) >= 5 and all(item.rule_hint for item in items)
    assert ChecklistTemplate.objects.filter(activity_type__code="3.16").exists()


# --- drafts -----------------------------------------------------------------------------------------------------


def test_an_answer_is_stored_at_once_and_recorded(member, inspection):
    answer = _answer(member, inspection, 1, Answer.Result.NOT_COMPLIANT, note="Lekbak vol regenwater")
    stored = Answer.objects.get(pk=answer.pk)
    assert (stored.result, stored.note) == ("not_compliant", "Lekbak vol regenwater")
    _answer(member, inspection, 1, Answer.Result.COMPLIANT)
    assert Answer.objects.get(pk=answer.pk).result == "compliant"
    assert Answer.objects.filter(inspection=inspection).count() == 1
    assert [r.action for r in history_of(stored)] == ["update", "create"]


def test_answers_wait_for_the_start_of_the_visit(member, establishment, tanks):
    checklist(activity_type=tanks)
    planned = services.create_inspection(user=member, establishment=establishment, kind="routine", planned_on=VISIT)
    with pytest.raises(ValidationError, match="Start eerst"):
        _answer(member, planned, 1, Answer.Result.COMPLIANT)


def test_an_item_of_another_checklist_is_refused(member, inspection):
    other = checklist(name="Andere lijst").items.first()
    with pytest.raises(ValidationError, match="hoort niet bij de checklist"):
        services.save_answer(user=member, inspection=inspection, item=other, result="compliant")


def test_a_finding_without_provision_or_rule_is_refused_and_nothing_stored(member, inspection):
    with pytest.raises(ValidationError) as error:
        services.add_finding(user=member, inspection=inspection, consequences=2, description="Lekkage")
    assert "provision" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_finding(user=member, inspection=inspection, general_rule="Bal art. 2.11", description="x")
    assert "consequences" in error.value.message_dict
    assert not Finding.objects.exists()


def test_a_finding_on_a_general_rule(member, inspection):
    answer = _answer(member, inspection, 2, Answer.Result.NOT_COMPLIANT)
    finding = services.add_finding(
        user=member,
        inspection=inspection,
        answer=answer,
        general_rule="Bal art. 4.1030",
        consequences=3,
        description="De tankput is te klein voor tank 4.",
    )
    assert finding.serious and finding.answer == answer
    with pytest.raises(ValidationError, match="al een bevinding"):
        services.add_finding(
            user=member, inspection=inspection, answer=answer, general_rule="x", consequences=1, description="dubbel"
        )


# --- the provision in force -------------------------------------------------------------------------------------


def test_a_finding_reads_as_what_it_breaches_and_its_whole_description(member, inspection):
    description = "De tankput is te klein voor tank 4; bij een lekkage loopt de inhoud over de rand in de bodem."
    finding = services.add_finding(
        user=member, inspection=inspection, general_rule="Bal art. 4.1030", consequences=3, description=description
    )
    assert len(description) > 60 and str(finding) == f"Bal art. 4.1030: {description}"


def test_the_provision_must_be_in_force_on_the_visit_day(owner, member, establishment, inspection):
    permit(owner, establishment)
    old, new = ProvisionVersion.objects.filter(number="2").order_by("valid_from")
    offered = selectors.provisions_in_force(member, inspection)
    assert [p.pk for p in offered if p.number == "2"] == [old.pk]  # the visit was on 12 March 2024
    with pytest.raises(ValidationError, match="niet van kracht"):
        services.add_finding(user=member, inspection=inspection, provision=new, consequences=2, description="x")
    finding = services.add_finding(
        user=member, inspection=inspection, provision=old.pk, consequences=2, description="Gasflessen los in de hal."
    )
    assert (finding.provision_number, finding.provision_text) == ("2", "Opslag volgens PGS 15.")


def test_a_provision_of_another_establishment_is_refused(owner, member, inspection, other_service):
    from openvth.register.tests.factories import EstablishmentFactory

    elsewhere = EstablishmentFactory(owner=inspection.owner)
    permit(owner, elsewhere)
    foreign = ProvisionVersion.objects.filter(establishment=elsewhere).first()
    with pytest.raises(ValidationError, match="hoort niet bij de vergunning"):
        services.add_finding(user=member, inspection=inspection, provision=foreign, consequences=1, description="x")


def test_a_new_permit_decision_keeps_the_breached_provision_of_a_finding(owner, member, establishment, inspection):
    permit(owner, establishment)
    provision = ProvisionVersion.objects.get(number="1")
    finding = services.add_finding(
        user=member, inspection=inspection, provision=provision, consequences=2, description="Geluid 56 dB(A) gemeten."
    )
    permit_services.record_decision(
        user=owner,
        establishment=establishment,
        reference="W-2025-1",
        kind="amend",
        decided_on=date(2025, 1, 1),
        effective_from=date(2025, 1, 1),
        changes=[{"op": "revoke", "number": "1", "text": ""}],
    )
    finding.refresh_from_db()
    assert finding.provision_text == "Geluid ten hoogste 50 dB(A) op de erfgrens."


def test_a_brzo_grade_only_at_a_brzo_establishment(member, inspection):
    with pytest.raises(ValidationError, match="Brzo-inrichting"):
        services.add_finding(
            user=member,
            inspection=inspection,
            general_rule="Brzo art. 5",
            consequences=2,
            brzo_grade="zwaar",
            description="VBS niet actueel",
        )
    inspection.establishment.brzo_tier = "upper"
    inspection.establishment.save()
    finding = services.add_finding(
        user=member,
        inspection=inspection,
        general_rule="Brzo art. 5",
        consequences=2,
        brzo_grade="zwaar",
        description="VBS niet actueel",
    )
    assert finding.brzo_grade == "zwaar"


# --- attachments ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, content", [("foto.jpg", JPEG), ("foto.PNG", PNG), ("meting.pdf", PDF)])
def test_photos_and_pdfs_are_attached(member, inspection, name, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = services.attach(user=member, inspection=inspection, file=SimpleUploadedFile(name, content))
    assert attachment.file.read() == content


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("macro.docx", b"PK\x03\x04", r"foto \(JPG of PNG\) of een PDF"),
        ("foto.jpg", PNG, "geen JPG-bestand"),
        ("rapport.pdf", b"<html>", "geen PDF-bestand"),
    ],
)
def test_other_files_are_refused(member, inspection, name, content, message, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match=message):
        services.attach(user=member, inspection=inspection, file=SimpleUploadedFile(name, content))
    assert not Attachment.objects.exists()


def test_a_file_over_10_mb_is_refused(member, inspection, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("groot.jpg", JPEG + b"\x00" * services.MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError, match="de grens is 10 MB"):
        services.attach(user=member, inspection=inspection, file=big)


# --- closing, locking and corrections ---------------------------------------------------------------------------


def test_closing_needs_a_finding_for_every_item_not_compliant(member, inspection):
    _answer(member, inspection, 1, Answer.Result.COMPLIANT)
    _answer(member, inspection, 2, Answer.Result.COMPLIANT)
    answer = _answer(member, inspection, 3, Answer.Result.NOT_COMPLIANT)
    with pytest.raises(ValidationError, match="3. Controlepunt 3"):
        services.close_inspection(user=member, inspection=inspection)
    services.add_finding(
        user=member,
        inspection=inspection,
        answer=answer,
        general_rule="Bal art. 4.1031",
        consequences=2,
        description="Overvulbeveiliging defect",
    )
    closed = services.close_inspection(user=member, inspection=inspection)
    assert closed.status == Inspection.Status.CLOSED and closed.closed_by == member and closed.closed_at


def test_closing_needs_every_item_answered_or_not_applicable_with_a_reason(member, inspection):
    _answer(member, inspection, 1, Answer.Result.COMPLIANT)
    _answer(member, inspection, 2, Answer.Result.NOT_ASSESSED)  # "niet beoordeeld" is no answer
    with pytest.raises(ValidationError) as refused:
        services.close_inspection(user=member, inspection=inspection)
    assert "2. Controlepunt 2 v1; 3. Controlepunt 3 v1" in refused.value.messages[0]
    _answer(member, inspection, 2, Answer.Result.COMPLIANT)
    _answer(member, inspection, 3, Answer.Result.NOT_APPLICABLE, note="  ")  # a draft may wait for its reason
    with pytest.raises(ValidationError, match=r"3. Controlepunt 3 v1 \(niet van toepassing: geef de reden\)"):
        services.close_inspection(user=member, inspection=inspection)
    assert Inspection.objects.get(pk=inspection.pk).status == Inspection.Status.OPEN  # nothing half-written
    _answer(member, inspection, 3, Answer.Result.NOT_APPLICABLE, note="Geen tanks meer op het terrein.")
    assert services.close_inspection(user=member, inspection=inspection).status == Inspection.Status.CLOSED


@pytest.fixture
def closed(member, inspection):
    answer = _answer(member, inspection, 1, Answer.Result.NOT_COMPLIANT)
    services.add_finding(
        user=member,
        inspection=inspection,
        answer=answer,
        general_rule="Bal art. 2.11",
        consequences=2,
        description="Morsingen niet opgeruimd",
    )
    _answer(member, inspection, 2, Answer.Result.COMPLIANT)
    _answer(member, inspection, 3, Answer.Result.NOT_APPLICABLE, note="Geen tanks meer op het terrein.")
    return services.close_inspection(user=member, inspection=inspection)


def test_after_closing_every_write_is_refused_with_a_clear_message(member, closed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    finding = closed.findings.get()
    item = closed.checklist.items.get(position=2)
    writes = [
        lambda: services.save_answer(user=member, inspection=closed, item=item, result="not_compliant"),
        lambda: services.add_finding(user=member, inspection=closed, general_rule="x", consequences=1, description="y"),
        lambda: services.update_finding(
            user=member, finding=finding, general_rule="x", consequences=1, description="y"
        ),
        lambda: services.remove_finding(user=member, finding=finding),
        lambda: services.save_summary(user=member, inspection=closed, summary="later"),
        lambda: services.attach(user=member, inspection=closed, file=SimpleUploadedFile("f.jpg", JPEG)),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match="is afgesloten op .* Leg de wijziging vast als correctie"):
            write()
    finding.refresh_from_db()
    assert finding.description == "Morsingen niet opgeruimd" and closed.answers.get(item=item).result == "compliant"
    with pytest.raises(ValidationError, match="al afgesloten"):
        services.close_inspection(user=member, inspection=closed)


def test_a_correction_with_a_reason_is_recorded(member, closed):
    finding = closed.findings.get()
    services.update_finding(
        user=member,
        finding=finding,
        correction="Verkeerde regel gekozen; het was de lekbak.",
        general_rule="Bal art. 4.1030",
        consequences=2,
        description="Morsingen niet opgeruimd",
    )
    finding.refresh_from_db()
    assert finding.general_rule == "Bal art. 4.1030"
    record = history_of(finding).first()
    assert record.action == "correction" and record.note == "Verkeerde regel gekozen; het was de lekbak."
    assert record.changes["general_rule"] == ["Bal art. 2.11", "Bal art. 4.1030"]
    assert record in selectors.inspection_history(closed)


def test_a_correction_needs_a_reason_and_a_closed_inspection(member, inspection, closed):
    item = closed.checklist.items.get(position=2)
    with pytest.raises(ValidationError, match="correctie"):
        services.save_answer(user=member, inspection=closed, item=item, result="not_assessed", correction="   ")
    services.save_answer(user=member, inspection=closed, item=item, result="not_assessed", correction="Te snel")
    assert closed.answers.get(item=item).result == "not_assessed"


def test_a_correction_of_an_open_inspection_is_refused(member, inspection):
    with pytest.raises(ValidationError, match="nog open"):
        services.save_summary(user=member, inspection=inspection, summary="x", correction="waarom")


# --- who may write ----------------------------------------------------------------------------------------------


def test_only_inspectors_and_managers_of_the_owner_or_service_write(owner, outsider, member, inspection):
    for user in (owner, outsider):  # a permit officer of the service; an inspector elsewhere
        with pytest.raises(PermissionDenied):
            _answer(user, inspection, 1, Answer.Result.COMPLIANT)
    assert not Answer.objects.exists()


def test_inspectors_must_work_for_the_owner(member, outsider, establishment):
    with pytest.raises(ValidationError, match="werkt niet bij"):
        services.create_inspection(user=member, establishment=establishment, kind="routine", inspectors=[outsider])
