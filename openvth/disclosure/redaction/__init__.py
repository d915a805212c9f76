"""Woo redaction: find the personal data in a Dutch enforcement text and propose removal spans under the Woo policy
(openvth.rules.redaction_policy).

deduce finds names; the detectors here add what it misses in enforcement documents (titles and initials before
names, signatures, the fields of a police report, phone numbers, e-mail addresses, the 11-proof BSN, vehicle
registrations, bank accounts, dates and places of birth, health data, home addresses) and mark what the public needs
(legal persons, public bodies, bestuurders, places, KvK numbers, establishment addresses, provisions, case
references), so that the policy can decide overlaps.

- `vocabulary`: the regular-expression pieces (names, titles, roles, legal forms, streets);
- `detectors`: the one-pattern detectors as a table, phone numbers and health data;
- `names`: deduce's names and the engine's own, bestuurders, trade names, propagation of a found name;
- `addresses`: home or establishment address;
- `loading`: deduce with its name processors only, on a small cache of its lookup lists (`warm`);
- `tagger`: a CRF trained on the test set's development data that finds names and home addresses the rules miss
  (`openvth woo train`);
- `engine`: `Context`, `find` and `redact`.
"""

from .engine import Context, Redaction, find, public_spans, redact
from .loading import cache_dir, cache_file, deduce_config, import_deduce, lookups, model, warm
from .names import place

__all__ = [
    "Context",
    "Redaction",
    "cache_dir",
    "cache_file",
    "deduce_config",
    "find",
    "import_deduce",
    "lookups",
    "model",
    "place",
    "public_spans",
    "redact",
    "warm",
]
