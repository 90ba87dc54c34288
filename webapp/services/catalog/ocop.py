"""OCOP programme rules that the data model relies on."""

from datetime import date, timedelta

CERTIFICATE_MONTHS = 36  # a recognition is valid for three years


def certificate_valid_until(certified_on: date) -> date:
    """Last day an OCOP certificate granted on certified_on is valid."""
    months = certified_on.month - 1 + CERTIFICATE_MONTHS
    year, month = certified_on.year + months // 12, months % 12 + 1
    try:
        anniversary = certified_on.replace(year=year, month=month)
    except ValueError:  # 29 February into a common year
        anniversary = date(year, month, 28) + timedelta(days=1)
    return anniversary - timedelta(days=1)
