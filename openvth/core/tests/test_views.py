"""run_form and run_posted_form: which of a page's forms a POST fills, and what a service's answer does to it."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError

from openvth.core.views import FormStep, run_form, run_posted_form


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def _request(rf, method="get", data=None):
    request = getattr(rf, method)("/pagina/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _steps(written: list):
    def write(name):
        if name == "fout":
            raise ValidationError({"name": ["Deze naam mag niet."]})
        written.append(name)
        return name

    return {
        "part_form": FormStep(lambda data: NameForm(data, prefix="deel"), write, "Deel toegevoegd."),
        "form": FormStep(lambda data: NameForm(data), write, "Opgeslagen."),
    }


def test_a_get_makes_every_form_unbound_and_writes_nothing(rf):
    written = []
    made, done = run_posted_form(_request(rf), _steps(written), redirect_to="/klaar/")
    assert done is None and written == []
    assert set(made) == {"part_form", "form"} and not any(form.is_bound for form in made.values())


def test_the_post_fills_the_form_whose_prefix_it_carries(rf):
    written = []
    request = _request(rf, "post", {"deel-name": "dak"})
    made, done = run_posted_form(request, _steps(written), redirect_to="/klaar/")
    assert done.status_code == 302 and done["Location"] == "/klaar/"
    assert written == ["dak"] and made["part_form"].is_bound and not made["form"].is_bound
    assert [str(m) for m in get_messages(request)] == ["Deel toegevoegd."]


def test_a_post_without_a_known_prefix_fills_the_last_form(rf):
    written = []
    made, done = run_posted_form(_request(rf, "post", {"name": "gevel"}), _steps(written), redirect_to="/klaar/")
    assert done is not None and written == ["gevel"] and made["form"].is_bound and not made["part_form"].is_bound


def test_an_invalid_or_refused_form_is_shown_again_with_its_errors(rf):
    written = []
    made, done = run_posted_form(_request(rf, "post", {"deel-name": ""}), _steps(written), redirect_to="/klaar/")
    assert done is None and written == [] and "name" in made["part_form"].errors
    made, done = run_posted_form(_request(rf, "post", {"name": "fout"}), _steps(written), redirect_to="/klaar/")
    assert done is None and written == [] and made["form"].errors["name"] == ["Deze naam mag niet."]


def test_run_form_passes_the_cleaned_data_and_redirects_by_the_result(rf):
    request = _request(rf, "post", {"name": "kap"})
    done = run_form(
        request, NameForm(request.POST), lambda name: name.upper(), redirect_to=lambda result: f"/{result}/"
    )
    assert done["Location"] == "/KAP/"
    assert run_form(request, NameForm(), lambda name: name, redirect_to="/") is None  # not posted: nothing runs
