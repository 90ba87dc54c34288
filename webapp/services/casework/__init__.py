"""Casework: consumer reports, cases, inspections and an inspector's dossier."""
