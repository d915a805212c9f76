"""`openvth analysis backtest [--json]`: the rolling-origin backtest of the permit outlook on the stored history
(the country, every service and every activity group): per horizon the MASE, MAPE and the out-of-sample coverage of
the 80 % and 95 % bands. Read-only."""

import json

from openvth.analysis import selectors
from openvth.core import clock
from openvth.core.commands import SubcommandCommand


def _pct(value) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


class Command(SubcommandCommand):
    help = "Analyse: backtest van de vergunningprognose op de opgeslagen aanvragen (alleen lezen)."

    def add_subcommands(self, sub):
        backtest = sub.add_parser("backtest", help="backtest met voortschuivende oorsprong per horizon")
        backtest.add_argument("--json", action="store_true", dest="as_json", help="uitvoer als JSON")

    def backtest(self, *, as_json: bool, **options):
        result = selectors.backtests(clock.today())
        if as_json:
            self.stdout.write(json.dumps(result, indent=1))
            return
        history = result["history"]
        self.stdout.write(
            f"Geschiedenis {history['first']} t/m {history['last']}: {history['quarters']} kwartalen, "
            f"{history['applications']} aanvragen."
        )
        for subject in result["subjects"]:
            self.stdout.write(f"\n{subject['subject']} ({subject['applications']} aanvragen)")
            self.stdout.write("  h  MASE   MAPE  dekking80 dekking95")
            for h in subject["horizons"]:
                mase = "–" if h["mase"] is None else f"{h['mase']:.2f}"
                self.stdout.write(
                    f"  {h['h']:>2} {mase:>5} {_pct(h['mape']):>6} {_pct(h['coverage']['0.8']):>9} "
                    f"{_pct(h['coverage']['0.95']):>9}"
                )
