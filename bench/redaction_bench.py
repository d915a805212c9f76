"""Redaction benchmark: share of personal items removed and public items kept on the annotated Woo test set, openvth
beside plain deduce, and throughput per core.

Needs no database (the --scale of `make bench` is accepted and ignored):
    .venv/bin/python bench/redaction_bench.py [--rounds N] [--output docs/benchmarks.md]
"""

import argparse
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from register_bench import git_commit, write_section  # noqa: E402

SECTION = "## Woo redaction: removed, kept and throughput"
REMOVED_TARGET, KEPT_TARGET = 0.99, 0.95


def plain_deduce_spans(text: str) -> list[tuple[int, int]]:
    from openvth.disclosure import redaction

    return [(a.start_char, a.end_char) for a in redaction.model().deidentify(text).annotations]


def tally(cases, spans_of) -> dict:
    from openvth.disclosure.testset import score

    totals = {part: Counter() for part in ("all", "dev", "holdout")}
    by_label = {"removed": Counter(), "personal": Counter(), "kept": Counter(), "public": Counter()}
    for case in cases:
        result = score(case, spans_of(case))
        for part in ("all", "holdout" if case.holdout else "dev"):
            totals[part].update(
                removed=len(result.removed), personal=len(case.personal), kept=len(result.kept), public=len(case.public)
            )
        by_label["removed"].update(i.label for i in result.removed)
        by_label["personal"].update(i.label for i in case.personal)
        by_label["kept"].update(i.label for i in result.kept)
        by_label["public"].update(i.label for i in case.public)
    return {"totals": totals, "by_label": by_label}


def throughput(cases, spans_of, rounds: int) -> tuple[float, float]:
    characters = sum(len(case.text) for case in cases)
    started = time.process_time()  # CPU time of this one process: per core
    for _ in range(rounds):
        for case in cases:
            spans_of(case)
    seconds = time.process_time() - started
    return rounds * len(cases) / seconds, rounds * characters / seconds


def share(numerator: int, denominator: int) -> str:
    return f"{100 * numerator / denominator:.1f}% ({numerator}/{denominator})"


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def render(cases, results, speeds, load_seconds, rounds) -> str:
    ours, plain = results["openvth"]["totals"], results["deduce"]["totals"]
    personal_items = ours["all"]["personal"]
    public_items = ours["all"]["public"]
    lines = [
        SECTION,
        "",
        f"Commit {git_commit()}; {machine()}. `bench/redaction_bench.py` on the annotated test set "
        f"(`openvth/disclosure/testset/`: {len(cases)} Dutch texts, {personal_items} personal and {public_items} "
        "public items). A personal item counts as removed when none of its letters and digits stays visible, a public "
        "item as kept when none of them is covered. The holdout part (every fourth text) was written with the rest "
        "before the engine and not looked at while tuning it. Plain deduce is `Deduce()` with its base config on the "
        "same texts; openvth gets the establishment context (name, address, sole trader at a home address) where "
        "the set records one.",
        "",
        "| | personal removed | public kept |",
        "|---|---|---|",
    ]
    for part in ("all", "dev", "holdout"):
        for name, totals in (("openvth", ours), ("plain deduce", plain)):
            t = totals[part]
            lines.append(f"| {name}, {part} | {share(t['removed'], t['personal'])} | {share(t['kept'], t['public'])} |")
    target_met = (
        ours["all"]["removed"] / ours["all"]["personal"] >= REMOVED_TARGET
        and ours["all"]["kept"] / ours["all"]["public"] >= KEPT_TARGET
    )
    lines += [
        "",
        f"Target (issue 6): at least {REMOVED_TARGET:.0%} removed and {KEPT_TARGET:.0%} kept on the whole set: "
        f"{'met' if target_met else 'NOT met'}.",
        "",
        "Per kind of item (openvth / plain deduce):",
        "",
        "| item | openvth | plain deduce |",
        "|---|---|---|",
    ]
    mine, theirs = results["openvth"]["by_label"], results["deduce"]["by_label"]
    for label in sorted(mine["personal"]):
        lines.append(
            f"| {label} (remove) | {share(mine['removed'][label], mine['personal'][label])} | "
            f"{share(theirs['removed'][label], theirs['personal'][label])} |"
        )
    for label in sorted(mine["public"]):
        lines.append(
            f"| {label} (keep) | {share(mine['kept'][label], mine['public'][label])} | "
            f"{share(theirs['kept'][label], theirs['public'][label])} |"
        )
    characters = sum(len(case.text) for case in cases)
    lines += [
        "",
        f"Throughput per core (CPU time of one process, {rounds} rounds over the set, {characters / len(cases):.0f} "
        f"characters a text on average; deduce's lookup structures loaded once beforehand in {load_seconds:.1f} s):",
        "",
        "| | documents/s | characters/s |",
        "|---|---|---|",
    ]
    for name, (documents, chars) in speeds.items():
        lines.append(f"| {name} | {documents:.0f} | {chars:,.0f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", help="ignored: the test set is fixed")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    # Django's settings set the process's time zone, which deduce's cache check depends on: load it as the app does
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.settings")
    django.setup()
    from openvth.disclosure import redaction
    from openvth.disclosure.testset import Case, load

    cases = load()
    started = time.perf_counter()
    redaction.model()
    load_seconds = time.perf_counter() - started
    results = {
        "openvth": tally(cases, Case.openvth_spans),
        "deduce": tally(cases, lambda case: plain_deduce_spans(case.text)),
    }
    speeds = {
        "openvth": throughput(cases, Case.openvth_spans, args.rounds),
        "plain deduce": throughput(cases, lambda case: plain_deduce_spans(case.text), args.rounds),
    }
    report = render(cases, results, speeds, load_seconds, args.rounds)
    write_section(args.output, SECTION, report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
