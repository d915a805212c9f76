"""REST API of supervision planning: risk appraisals, yearly programmes and their visits."""
