"""GS1 keys with a mod-10 check digit: GTIN-8/12/13/14 and GLN."""

from webapp.services.common.errors import DigitalLinkError

GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """Return the GS1 mod-10 check digit for the digits before it."""
    total = 0
    for position, char in enumerate(reversed(body)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def has_valid_check_digit(key: str) -> bool:
    """True when key is all digits and its last digit is the right check digit."""
    return (
        len(key) >= 2
        and key.isascii()
        and key.isdigit()
        and check_digit(key[:-1]) == int(key[-1])
    )


def normalize_gtin(value: str) -> str:
    """Return value as a valid GTIN-14 (left-padded) or raise DigitalLinkError."""
    if not (value.isascii() and value.isdigit()):
        raise DigitalLinkError("gtin_not_digits", "gtin", value)
    if len(value) not in GTIN_LENGTHS:
        raise DigitalLinkError("gtin_length", "gtin", value)
    if not has_valid_check_digit(value):
        raise DigitalLinkError("gtin_check_digit", "gtin", value)
    return value.zfill(14)


def complete_gtin(body13: str) -> str:
    """Append the check digit to 13 digits, giving a GTIN-14."""
    if len(body13) != 13 or not body13.isdigit():
        raise ValueError("a GTIN-14 body is 13 digits")
    return body13 + str(check_digit(body13))


def is_valid_gln(value: str) -> bool:
    """True for a 13-digit GLN with a correct check digit."""
    return len(value) == 13 and has_valid_check_digit(value)
