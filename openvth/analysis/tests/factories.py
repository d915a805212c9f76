"""Records of the analysis app for tests and for the authorization matrix (openvth.testing.authorization)."""

from openvth.analysis import services


def initiative(service, **values):
    defaults = {"title": f"Zonnepark {service.code}", "theme": "energy_transition", "expected_year": 2027,
                "expected_count": 4, "activity_group": "energie"}  # fmt: skip
    return services.create_initiative(service=service, **(defaults | values))


def matrix_records(service) -> dict:
    """One initiative of the service, by model label."""
    return {"analysis.Initiative": initiative(service)}
