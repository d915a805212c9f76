"""Generation without a database: ids for organisations and catalogue entries as the loader assigns them."""

import importlib

from openvth.synthetic.generator import SCALES, Catalogue, RegisterGenerator
from openvth.synthetic.organisations import assign_ids, organisation_specs
from openvth.synthetic.skeleton import skeleton

catalogue_migration = importlib.import_module("openvth.register.migrations.0003_default_catalogues")


def offline_catalogue() -> Catalogue:
    codes = [spec[0] for spec in organisation_specs(skeleton())]
    rows = catalogue_migration.read_catalogue("activity_types.csv")
    activity_types = {row["code"]: (pk, row["ied_category"]) for pk, row in enumerate(rows, start=1)}
    return Catalogue(assign_ids(codes, {}, 1), activity_types)


def generate_offline(seed: int, scale: str = "small"):
    """All batches of one scale and seed, joined: (companies, establishments, activities)."""
    first_ids = {"company": 1, "establishment": 1, "activity": 1}
    generator = RegisterGenerator(skeleton(), SCALES[scale], seed, offline_catalogue(), first_ids)
    companies, establishments, activities = [], [], []
    for batch in generator.batches(size=100):
        companies += batch.companies
        establishments += batch.establishments
        activities += batch.activities
    return companies, establishments, activities
