"""Domain logic in plain modules: no Flask request, no templates.

One sub-package per feature (stamps, scans, casework, catalog, programme,
standards, staff, places), and `common` for what they all use.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
"""The package's data files: boundaries, GS1 tables, fonts, the portal's stages."""
