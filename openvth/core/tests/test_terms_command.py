import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def terms(*args):
    out = StringIO()
    call_command("terms", "end", *args, stdout=out)
    return out.getvalue()


def test_six_weeks_from_a_friday_in_json():
    result = json.loads(terms("--from", "2024-04-19", "--weeks", "6", "--statutory", "--json"))
    assert result["end"] == "2024-05-31"
    assert result["extended_by_days"] == 0


def test_statutory_extension_is_explained():
    assert terms("--from", "2024-04-20", "--weeks", "2", "--statutory") == "2024-05-06 (art. 1 Atw)\n"
    assert terms("--from", "2024-04-20", "--weeks", "2").startswith("2024-05-04")


def test_a_bad_date_is_one_clear_error():
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        terms("--from", "2024-13-01", "--days", "3")
