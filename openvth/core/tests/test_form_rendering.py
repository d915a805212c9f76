"""Form widgets go through Jinja2 (Django's own templates for it), everything else through Django's engine."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.forms.renderers import get_default_renderer
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.template.loader import get_template


def test_django_form_widgets_render_through_jinja2():
    renderer = get_default_renderer()
    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), JinjaTemplate)
    assert isinstance(renderer.get_template("django/forms/div.html"), JinjaTemplate)


def test_pages_and_the_admins_widgets_render_through_djangos_engine():
    assert isinstance(get_template("base.html"), DjangoTemplate)
    assert isinstance(get_default_renderer().get_template("admin/widgets/date.html"), DjangoTemplate)
    html = AdminDateWidget().render("op", "2026-03-31")
    assert 'name="op"' in html and 'value="2026-03-31"' in html and "vDateField" in html


def test_a_form_renders_with_escaped_choices_and_errors():
    class Choice(forms.Form):
        who = forms.ChoiceField(choices=[("a", "<A & B>"), ("b", "Öztürk")])

    form = Choice(data={"who": "x"})
    html = str(form)
    assert "&lt;A &amp; B&gt;" in html and "<A & B>" not in html
    assert 'class="errorlist' in html
