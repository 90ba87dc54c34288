"""Casework: consumer reports, cases, inspections, dossiers and their photos."""
