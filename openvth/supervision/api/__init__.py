"""REST API of supervision, split by the subdomains of its other layers: `planning/` and `inspections/`."""
