"""Typed errors of the services: malformed identifiers and refused requests."""


class DigitalLinkError(ValueError):
    """A GS1 Digital Link (or one of its parts) is malformed.

    `code` names what is wrong (stable, for programs and translations), `part`
    names which part of the link (gtin, lot, serial, expiry, path, query).
    """

    MESSAGES = {
        "not_digital_link": "not a GS1 Digital Link with a GTIN (/01/…)",
        "gtin_not_digits": "the GTIN must contain digits only",
        "gtin_length": "the GTIN must have 8, 12, 13 or 14 digits",
        "gtin_check_digit": "the GTIN's check digit is wrong",
        "missing_value": "an identifier in the path has no value",
        "unknown_qualifier": "the path contains an identifier a GTIN cannot carry",
        "qualifier_order": "qualifiers must come in the order 22, 10, 21",
        "duplicate_qualifier": "the same identifier appears twice",
        "bad_characters": "the value contains characters GS1 does not allow",
        "too_long": "the value is longer than GS1 allows (20 characters)",
        "bad_encoding": "the value is not correctly percent-encoded",
        "bad_expiry": "the expiry date (AI 17) must be a valid YYMMDD date",
        "conflicting_expiry": "the expiry date is given twice with different values",
        "serial_required": "the link names a product or batch, not one stamped item",
        "unknown_ai": "the query names an Application Identifier GS1 does not define",
        "not_an_attribute": "that Application Identifier cannot be a link attribute",
        "qualifier_in_query": "that Application Identifier belongs in the path",
        "duplicate_ai": "the same Application Identifier appears twice",
        "bad_ai_value": "the value does not fit its Application Identifier's format",
        "ai_association": "an AI lacks a required partner or has a forbidden one",
    }

    def __init__(self, code: str, part: str, value: str = "") -> None:
        self.code = code
        self.part = part
        self.value = value
        super().__init__(f"{part}: {self.MESSAGES.get(code, code)}")


class Refusal(ValueError):
    """Something the domain refuses to do as asked.

    `code` says why (stable; `webapp.web.vocab` turns it into the reader's language),
    `field` names the input to blame, `params` the values the message shows.
    Each service subclasses it, so callers catch only what they can answer.
    """

    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        self.code, self.field, self.params = code, field, params
        details = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{code} ({details})" if details else code)
