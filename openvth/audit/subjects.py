"""The keys by which a data subject is found: the e-mail address, telephone number or name a complainant gave, the
KvK number or trade name of an enterprise of a natural person. Each is normalised (so "+31 6 1234 5678" and
"06-12345678" are one number) and stored in the read log only as a keyed digest (HMAC-SHA256)."""

import re
import unicodedata

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

EMAIL, PHONE, NAME, KVK = "email", "phone", "name", "kvk"
KEY_KINDS = {
    EMAIL: _("e-mailadres"),
    PHONE: _("telefoonnummer"),
    NAME: _("naam"),
    KVK: _("KvK-nummer (eenmanszaak, vof, maatschap, cv)"),
}


def _phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+31") or (digits.startswith("31") and len(digits) == 11):
        return "0" + digits[2:]
    if digits.startswith("0031"):
        return "0" + digits[4:]
    return digits


def _name(value: str) -> str:
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", plain.casefold()).split())


def normalise(kind: str, value: str) -> str:
    """The form in which two spellings of one key are equal; empty when nothing is left of the value."""
    value = (value or "").strip()
    if kind == EMAIL:
        return value.casefold()
    if kind == PHONE:
        return _phone(value)
    if kind == NAME:
        return _name(value)
    if kind == KVK:
        return re.sub(r"\D", "", value)
    raise ValueError(f"Onbekende soort sleutel '{kind}'.")


def secret() -> str:
    """AUDIT_SUBJECT_SECRET, else SECRET_KEY. Set AUDIT_SUBJECT_SECRET before rotating SECRET_KEY: the digests of
    older reads are only found with the secret they were made with."""
    return getattr(settings, "AUDIT_SUBJECT_SECRET", "") or settings.SECRET_KEY


def digest(kind: str, value: str) -> str:
    """The keyed digest of a normalised key; empty for an empty key."""
    normal = normalise(kind, value)
    if not normal:
        return ""
    return salted_hmac("openvth.audit.subject", f"{kind}:{normal}", secret=secret(), algorithm="sha256").hexdigest()


def keys_of(record) -> list[tuple[str, str]]:
    """The (kind, value) keys of the data subjects a complaint, a company of a natural person or a natural person's
    application holds."""
    from openvth.permits.models import Application
    from openvth.register.models import Company
    from openvth.supervision.models import Complaint

    if isinstance(record, Complaint):
        keys = [(EMAIL, record.reporter_email), (PHONE, record.reporter_phone), (NAME, record.reporter_name)]
    elif isinstance(record, Company):
        keys = [(KVK, record.kvk_number), (NAME, record.name)] if record.is_natural_person else []
    elif isinstance(record, Application):
        applicant = [
            (KVK, record.applicant_kvk_number),
            (NAME, record.applicant_name),
            (EMAIL, record.applicant_email),
            (PHONE, record.applicant_phone),
        ]
        keys = applicant if record.applicant_is_natural_person else []
    else:
        raise TypeError(f"Geen persoonsgegevens bekend van {type(record).__name__}.")
    return [(kind, value) for kind, value in keys if normalise(kind, value)]


def digests_of(record) -> set[str]:
    return {digest(kind, value) for kind, value in keys_of(record)}


def matches(record, kind: str, value: str) -> bool:
    """Whether the record holds this key."""
    wanted = normalise(kind, value)
    return bool(wanted) and any(k == kind and normalise(k, v) == wanted for k, v in keys_of(record))
