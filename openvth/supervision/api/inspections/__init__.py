"""REST API of inspections, findings and complaints."""
