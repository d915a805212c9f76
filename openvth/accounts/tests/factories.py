"""Factories of the accounts: a user of an organisation (an inspector of a new service unless told)."""

import factory
from factory.django import DjangoModelFactory

from openvth.accounts.models import Role, User
from openvth.register.tests.factories import ServiceFactory


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    organisation = factory.SubFactory(ServiceFactory)
    role = Role.INSPECTOR
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
