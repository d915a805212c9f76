"""`openvth demo` fills the regional plan and the visitations: this year's plan adopted (its IED part public) with the
hours needed from the demo's own data, next year's a draft, visitations and ILT investigations in the Staat van de
VTH."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from openvth.accounts.models import User
from openvth.core import clock
from openvth.quality.models import Investigation, Recommendation, Visitation
from openvth.regional import selectors
from openvth.regional.models import RegionalPlan
from openvth.synthetic.loader import load


@pytest.fixture
def demo(db, capsys):
    load("small", 1)  # the demo command generates only into an empty register
    call_command("demo", no_progress=True)
    return capsys.readouterr().out


def test_the_demo_has_an_adopted_plan_and_visitations_in_the_staat(demo, client):
    year = clock.today().year
    adopted = RegionalPlan.objects.get(year=year)
    assert adopted.adopted_on is not None and adopted.goals.count() >= 2
    assert adopted.adoptions.count() == len({a.authority_id for a in adopted.adoptions.all()}) > 1
    assert RegionalPlan.objects.get(year=year + 1).status == RegionalPlan.Status.DRAFT
    assert client.get(reverse("disclosure:public_regional_plan", args=[adopted.pk])).status_code == 200
    assert selectors.ied_part(adopted), "the demo programme visits IED installations"
    lines = {line.process: line for line in selectors.capacity_lines(adopted)}
    # the hours needed come from the demo's own data: its programme, the permit outlook and last year's hours
    sources = {process: line.source for process, line in lines.items()}
    assert sources == {"supervision": "uitvoeringsprogramma", "permits": "norm × prognose",
                       "enforcement": "norm × prognose"}, sources  # fmt: skip
    assert all(line.needed > 0 and line.available > 0 and line.recorded > 0 for line in lines.values()), lines
    # staffed for last year's work: the programme asks more inspections than that, the permits leave room
    assert {line.sufficient for line in lines.values()} == {True, False}, lines
    client.force_login(User.objects.get(username="manager"))
    page = client.get(adopted.get_absolute_url()).content.decode()
    assert "vastgesteld op" in page and "nog niet vastgesteld" not in page
    assert Visitation.objects.exists() and Investigation.objects.filter(kind="signalerend").exists()
    assert Recommendation.objects.exclude(status="open").exists() and Recommendation.objects.filter(status="open")
    client.force_login(User.objects.get(username="ministerie"))
    staat = client.get(reverse("monitoring:staat")).content.decode()
    assert "Visitaties en ILT-onderzoeken" in staat and ">Nederland<" in staat
    counts = (RegionalPlan.objects.count(), Visitation.objects.count(), Recommendation.objects.count())
    call_command("demo", no_progress=True)
    assert (RegionalPlan.objects.count(), Visitation.objects.count(), Recommendation.objects.count()) == counts
