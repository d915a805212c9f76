"""What makes the cached public site (`openvth.core.cache`) start a new generation: a saved or deleted row of
anything `public.py` shows. Connected in `DisclosureConfig.ready`.

- a publication that is (or was) public: published, or withdrawn (its withdrawal is the change); a proposed or
  approved one is not shown anywhere public and changes nothing;
- a company or establishment, unless the save names its fields and none of them is public (a staff field such as
  the BRZO tier or the coordinates);
- an organisation (the names and codes of the municipality, competent authority and author).

`QuerySet.update()` and `bulk_create` send no signal: their changes show when the entries expire (PUBLIC_TTL).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from openvth.core.cache import public_data_changed
from openvth.register.models import Company, Establishment, Organisation

from .models import Publication

PUBLIC_STATUSES = frozenset({Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN})
# the fields public.py reads (names, addresses, the merge that hides a record, the links between them)
PUBLIC_FIELDS = {
    Company: frozenset({"name", "normalised_name", "kvk_number", "legal_form", "merged_into"}),
    Establishment: frozenset(
        {
            "company",
            "kvk_vestigingsnummer",
            "name",
            "normalised_name",
            "street",
            "house_number",
            "house_number_suffix",
            "postcode",
            "place",
            "municipality",
            "competent_authority",
            "is_home_address",
            "merged_into",
        }
    ),  # fmt: skip
}


@receiver(post_save, sender=Publication, dispatch_uid="public-cache-publication-saved")
def publication_saved(sender, instance: Publication, **kwargs) -> None:
    if instance.status in PUBLIC_STATUSES:
        public_data_changed()


@receiver(post_delete, sender=Publication, dispatch_uid="public-cache-publication-deleted")
def publication_deleted(sender, instance: Publication, **kwargs) -> None:
    if instance.status in PUBLIC_STATUSES:
        public_data_changed()


@receiver(post_save, sender=Company, dispatch_uid="public-cache-company-saved")
@receiver(post_save, sender=Establishment, dispatch_uid="public-cache-establishment-saved")
def register_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is None or not PUBLIC_FIELDS[sender].isdisjoint(update_fields):
        public_data_changed()


@receiver(post_delete, sender=Company, dispatch_uid="public-cache-company-deleted")
@receiver(post_delete, sender=Establishment, dispatch_uid="public-cache-establishment-deleted")
@receiver(post_save, sender=Organisation, dispatch_uid="public-cache-organisation-saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="public-cache-organisation-deleted")
def register_changed(sender, instance, **kwargs) -> None:
    public_data_changed()
