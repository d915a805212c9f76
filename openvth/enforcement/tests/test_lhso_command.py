"""`openvth lhso classify`: the JSON shape from the active table, and one Dutch line with exit 2 on bad input."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from openvth.enforcement.lhso_tables import active_table
from openvth.rules.lhso import DEFAULT_TABLE


def lhso(*args):
    out = StringIO()
    call_command("lhso", "classify", *args, stdout=out)
    return out.getvalue()


def test_json_shape():
    result = json.loads(lhso("--consequences", "4", "--behaviour", "B", "--aspect", "recidive", "--json"))
    assert result == {
        "cell": "B4",
        "consequences": 4,
        "behaviour": "B",
        "interventions": ["last_onder_dwangsom", "last_onder_bestuursdwang", "bestuurlijke_boete"],
        "punitive": ["bestuurlijke_boete"],
        "consultation_indicated": True,
        "consultation_reasons": ["gevolgen 4 (aanzienlijke en/of onomkeerbare gevolgen)"],
        "aspects": ["recidive"],
        "mitigating": [],
        "reasons": [
            "cel B4: gedrag B (onverschillig), gevolgen 4 (aanzienlijke en/of onomkeerbare gevolgen): "
            "last onder dwangsom, last onder bestuursdwang, bestuurlijke boete",  # the codes are in "interventions"
            "verzwarend: recidive",
            "afstemming met politie en OM aangewezen: gevolgen 4 (aanzienlijke en/of onomkeerbare gevolgen)",
        ],
    }


def test_aspects_and_mitigating_circumstances_weigh_against_each_other():
    args = ["--consequences", "2", "--behaviour", "b", "--aspect", "recidive", "--aspect", "financieel_voordeel"]
    assert json.loads(lhso(*args, "--json"))["consultation_indicated"] is True
    assert json.loads(lhso(*args, "--mitigating", "zelfmelding", "--json"))["consultation_indicated"] is False


def test_plain_output_is_one_line():
    assert lhso("--consequences", "1", "--behaviour", "A") == "A1: inform (afstemming politie/OM: nee)\n"


def test_the_active_table_is_the_default_until_organisations_store_their_own():
    assert active_table() is DEFAULT_TABLE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--consequences", "5", "--behaviour", "A"], "--consequences is 1, 2, 3 of 4, niet '5'"),
        (["--consequences", "twee", "--behaviour", "A"], "--consequences is 1, 2, 3 of 4"),
        (["--behaviour", "A"], "--consequences ontbreekt"),
        (["--consequences", "2", "--behaviour", "E"], "Gedrag is A, B, C of D, niet 'E'"),
        (["--consequences", "2"], "Gedrag is A, B, C of D"),
        (["--consequences", "2", "--behaviour", "A", "--aspect", "hebzucht"], "Onbekend verzwarend aspect 'hebzucht'"),
        (["--consequences", "2", "--behaviour", "A", "--mitigating", "spijt"], "Onbekende verzachtende omstandigheid"),
    ],
)
def test_bad_input_is_one_dutch_error(args, message):
    with pytest.raises(CommandError, match=message) as refused:
        lhso(*args)
    assert refused.value.returncode == 2


def test_the_command_line_exits_2_with_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "openvth", "lhso", "classify", "--consequences", "9", "--behaviour", "A", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "openvth.settings"},
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == ["CommandError: --consequences is 1, 2, 3 of 4, niet '9'."]
