"""REST API of sharing: the chain dossier of a company (`/api/v1/companies/<id>/chain-dossier`)."""
