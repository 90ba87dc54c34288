"""Translated labels for the codes the domain uses (CBV steps, OCOP sets, kinds)."""

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from webapp.models.codes import BatchStatus, ScanRole, StampStatus

ORGANISATION_KINDS = {
    "cooperative": _l("Cooperative"),
    "company": _l("Company"),
    "household": _l("Household business"),
}

# What the province's plan traces; a product may be several (models.PRODUCT_KINDS).
PRODUCT_KINDS = {
    "ocop": _l("OCOP product"),
    "key": _l("Key product of the province"),
    "essential": _l("Essential pre-packaged good"),
}

# The sectors the plan names (models.SECTORS).
SECTORS = {
    "agriculture": _l("Agriculture"),
    "forestry": _l("Forestry"),
    "fisheries": _l("Fisheries"),
    "plant_varieties": _l("Plant varieties"),
    "livestock_breeds": _l("Livestock breeds"),
    "food": _l("Food"),
    "pharmaceuticals": _l("Pharmaceuticals"),
    "other": _l("Other"),
}

# The 26 OCOP product sets of Decision 148/QĐ-TTg, by number.
OCOP_CATEGORIES = {
    "01": _l("Fresh vegetables, fruit and nuts"),
    "02": _l("Fresh meat, seafood, eggs and milk"),
    "03": _l("Rice, cereals and other pre-processed grains"),
    "04": _l("Honey and other farm foods"),
    "05": _l("Ready-to-eat food"),
    "06": _l("Processed rice and cereal products"),
    "07": _l("Processed vegetables, fruit and nuts"),
    "08": _l("Processed meat, seafood, eggs, milk and honey"),
    "09": _l("Fermented sauces, fish sauce and liquid seasonings"),
    "10": _l("Other seasonings"),
    "11": _l("Tea"),
    "12": _l("Herbal and flower teas"),
    "13": _l("Coffee and cocoa"),
    "14": _l("Rice spirits"),
    "15": _l("Other alcoholic drinks"),
    "16": _l("Mineral and bottled water"),
    "17": _l("Other soft drinks"),
    "18": _l("Functional foods and traditional medicines"),
    "19": _l("Cosmetics with herbal ingredients"),
    "20": _l("Essential oils and other herbal products"),
    "21": _l("Household and decorative handicrafts"),
    "22": _l("Textiles and garments"),
    "23": _l("Flowers"),
    "24": _l("Ornamental plants"),
    "25": _l("Ornamental animals"),
    "26": _l("Community and eco-tourism services"),
}

# CBV 2.0 business steps we use in journeys (others still display their code).
BIZ_STEPS = {
    "harvesting": _l("Harvest"),
    "commissioning": _l("Stamps issued"),
    "creating_class_instance": _l("Production"),
    "packing": _l("Packing"),
    "storing": _l("Storage"),
    "shipping": _l("Dispatch"),
    "transporting": _l("Transport"),
    "receiving": _l("Receipt"),
    "accepting": _l("Acceptance"),
    "retail_selling": _l("On sale"),
    "inspecting": _l("Inspection"),
    "sampling": _l("Sampling"),
    "stocking": _l("Shelved"),
    "unpacking": _l("Unpacking"),
    "repackaging": _l("Repacking"),
    "holding": _l("On hold"),
    "destroying": _l("Destruction"),
    "decommissioning": _l("Stamps withdrawn"),
    "other": _l("Other"),
}

# What the public learns of an inspection (CBV dispositions of inspecting events).
DISPOSITIONS = {
    "conformant": _l("conformant"),
    "non_conformant": _l("not conformant"),
}

BATCH_STATUSES = {
    BatchStatus.ACTIVE.value: _l("On sale"),
    BatchStatus.RECALLED.value: _l("Recalled"),
    BatchStatus.VOID.value: _l("Cancelled"),
}

STAMP_STATUSES = {
    StampStatus.ACTIVE.value: _l("Valid"),
    StampStatus.VOID.value: _l("Cancelled"),
}

# Why a code is not (or may not be) genuine, and notices that go with a genuine one.
REASONS = {
    "unknown_code": _l("This code was never issued."),
    "bad_check": _l("This code fails its security check: it was not issued by us."),
    "void": _l("This stamp has been cancelled (misprinted, stolen or destroyed)."),
    "confirmed_fake": _l("An inspector has confirmed this code as counterfeit."),
    "duplicate_scans": _l(
        "This code has been scanned by more phones than a genuine item normally is."
    ),
    "out_of_region": _l(
        "This code has been scanned outside the provinces where its batch is sold."
    ),
    "impossible_travel": _l(
        "This code was scanned in two places too far apart for the time between."
    ),
    "claimed_elsewhere": _l("This item's PIN was already claimed by another phone."),
    # Thin evidence shown to staff only.
    "out_of_region_once": _l(
        "Scanned outside the batch's provinces by one source only (a gift or a "
        "traveller, most often)."
    ),
    "out_of_region_by_hand": _l(
        "Scanned outside the batch's provinces only by provinces chosen by hand, "
        "with no device position: not enough to warn shoppers."
    ),
    "travel_once": _l(
        "Two scans too far apart for the time between, but one source took part in "
        "both: not enough to warn shoppers."
    ),
    "location_tampering": _l(
        "A province chosen by hand contradicted the phone's own position; it was "
        "ignored."
    ),
}
NOTICES = {
    "awaiting_approval": _l(
        "The province has not yet approved this product's story, so it is not shown. "
        "The check of the code itself still works."
    ),
    "recalled": _l("This batch has been recalled. Do not eat or use it."),
    "expired": _l("This product is past its use-by date. Do not eat or use it."),
    "certificate_lapsed": _l("The product's OCOP certificate has lapsed."),
}

LINK_ERRORS = {
    "not_digital_link": _l("This is not a product code of ours."),
    "gtin_not_digits": _l("The product number (GTIN) must contain digits only."),
    "gtin_length": _l("The product number (GTIN) must have 8, 12, 13 or 14 digits."),
    "gtin_check_digit": _l("The product number (GTIN) has a wrong check digit."),
    "missing_value": _l("A part of the code is missing."),
    "unknown_qualifier": _l("The code contains a part a product code cannot have."),
    "qualifier_order": _l("The parts of the code are in the wrong order."),
    "duplicate_qualifier": _l("A part of the code appears twice."),
    "bad_characters": _l("The code contains characters that are not allowed."),
    "too_long": _l("A part of the code is too long."),
    "bad_encoding": _l("The code is garbled (bad percent-encoding)."),
    "bad_expiry": _l("The expiry date in the code is not a valid date."),
    "conflicting_expiry": _l("The code carries two different expiry dates."),
    "serial_required": _l(
        "This link names a product or a batch, not one item: scan the stamp itself."
    ),
    "unknown_ai": _l("The link carries a data field GS1 does not define."),
    "not_an_attribute": _l("The link carries a data field that cannot be added to it."),
    "qualifier_in_query": _l(
        "The lot, serial or variant must be in the link's path, not after the “?”."
    ),
    "duplicate_ai": _l("The link carries the same data field twice."),
    "bad_ai_value": _l("A data field of the link has a value in the wrong format."),
    "ai_association": _l(
        "A data field of the link lacks the field it needs, or clashes with another."
    ),
}


REPORT_PROBLEMS = {
    "code_not_recognised": _l("The code was not recognised"),
    "packaging_different": _l("The packaging looks different"),
    "quality_different": _l("The taste or quality is not right"),
    "price_too_low": _l("The price was suspiciously low"),
    "no_stamp": _l("There was no stamp, or it was damaged"),
    "other": _l("Something else"),
}

# The inspectors' workspace.
CASE_STATUSES = {
    "new": _l("New"),
    "investigating": _l("Investigating"),
    "confirmed_fake": _l("Confirmed fake"),
    "genuine": _l("Genuine"),
    "dismissed": _l("Dismissed"),
}
INSPECTION_RESULTS = {
    "genuine": _l("Genuine"),
    "suspected": _l("Suspected: samples taken for checking"),
    "counterfeit_seized": _l("Counterfeit: goods seized"),
}
VERDICTS = {
    "authentic": _l("Genuine"),
    "suspicious": _l("Suspicious"),
    "counterfeit": _l("Counterfeit"),
}
SCAN_ROLES = {
    ScanRole.SHOPPER.value: _l("Shopper"),
    ScanRole.INSPECTOR.value: _l("Inspector"),
    ScanRole.PRODUCER.value: _l("Producer"),
}
AUDIT_ACTIONS = {
    "case.status": _l("changed the status"),
    "case.assign": _l("took the case"),
    "case.province": _l("brought in the inspectors of a province"),
    "inspection.record": _l("recorded an inspection"),
    "stamp.pin_reset": _l("reset the PIN claim"),
    "report.withdrawn": _l("withdrew their report"),
    "report.expired": _l("deleted a report kept for the whole retention period"),
    "report.contact_read": _l("read a reporter's contact"),
    "report.contact_erased": _l(
        "erased a reporter's contact after the retention period"
    ),
}
STAFF_ROLES = {
    "inspector": _l("Market inspector"),
    "producer": _l("Producer"),
    "admin": _l("Administrator"),
}

# Why the producer portal refuses a change.
BATCH_ERRORS = {
    "lot_invalid": _l(
        "A lot code has 1 to 20 letters, digits, dots, dashes or slashes."
    ),
    "lot_taken": _l("This product already has a batch with this lot code."),
    "expiry_before_production": _l(
        "The expiry date must come after the production date."
    ),
    "quantity_invalid": _l("Enter a number between 1 and 10,000,000."),
    "provinces_required": _l(
        "Choose at least one province where the batch may be sold."
    ),
    "unknown_step": _l("Choose what happened from the list."),
    "event_in_future": _l("This time is in the future."),
    "event_before_production": _l("This is before the batch was produced."),
    "place_required": _l("Say where it happened."),
    "unknown_province": _l("Choose a province from the list."),
    "unknown_ward": _l("Choose a ward of the chosen province."),
    "gln_invalid": _l("A GLN has 13 digits and a correct check digit."),
    "location_required": _l(
        "Give the place's ward, or its GLN: every stage needs a location code."
    ),
    "already_located": _l("This stage already has its location code."),
    "locked_closed": _l("A recalled or void batch can no longer be changed."),
    "locked_lot_in_codes": _l(
        "The lot code is in the QR code of every issued stamp: it stays."
    ),
    "locked_date_shown": _l(
        "Shoppers already see this production date with the issued stamps: it stays."
    ),
    "locked_expiry_printed": _l(
        "The issued stamps print or show this expiry date: it stays."
    ),
    "quantity_below_issued": _l(
        "The quantity cannot be less than the stamps already issued."
    ),
    "provinces_removed": _l(
        "Items with issued stamps may already be on sale in these provinces: "
        "you can add provinces, not remove them."
    ),
    "events_before_production": _l(
        "The journey has dispatch or sale steps before this date."
    ),
    "batch_not_active": _l("Stamps can only be issued for a batch on sale."),
    "count_invalid": _l("Enter how many stamps to issue."),
    "more_than_quantity": _l(
        "That is more stamps than items in the batch: if more were made, raise "
        "the batch's quantity first (Edit the batch)."
    ),
    "label_too_long": _l(
        "The lot code does not fit on labels of this size: choose a larger size."
    ),
    "already_recalled": _l("This batch is already recalled."),
    "already_void": _l("This batch is already void."),
    "unknown_status": _l("Choose recall or void."),
}


ISSUANCE_PROBLEMS = {
    "not_logged": _l(
        "Not in the issuance log: this stamp was made outside the system."
    ),
    "other_batch": _l("The issuance log puts this serial in another batch."),
    "record_changed": _l("The issuance record was altered after the fact."),
    "stamps_differ": _l(
        "The batch has stamps its issuance record does not list (over-issuance)."
    ),
}

# Who issued stamps when no staff member did: the label stored (and sealed) in
# the issuance log; a staff member's e-mail address is shown as it is.
ISSUERS = {
    "demo data": _l("demo data loader"),
    "command line": _l("command line"),
    "system": _l("system"),
}


# The national portal outbox, as producers read it.
PORTAL_KINDS = {
    "organisation": _l("Organisation profile"),
    "product": _l("Product"),
    "production_order": _l("Production order"),
    "chain": _l("Trace chain"),
    "stage": _l("Journey stage"),
}
PORTAL_STATES = {
    "queued": _l("Waiting to be sent"),
    "sending": _l("Being sent"),
    "retrying": _l("The portal did not answer; we will try again"),
    "done": _l("On the portal"),
    "rejected": _l("Refused by the portal"),
}
# Why an issuance's print files could not be prepared.
PRINT_ERRORS = {
    "files_gone": _l(
        "The codes these files are made from are no longer kept. Issue new stamps "
        "for more."
    ),
    "label_too_long": _l(
        "The product's name no longer fits this label size. Issue new stamps in a "
        "larger size."
    ),
    "failed": _l("Preparing the print files failed. Try again."),
    "stalled": _l("Preparing the print files stopped before it finished. Try again."),
}
PORTAL_ERRORS = {
    "organisation_not_approved": _l(
        "Your organisation's profile is not approved on the national portal yet. "
        "Ask the portal to approve it, then send again."
    ),
    "organisation_unknown": _l(
        "The national portal has no profile for your tax code. Register there first."
    ),
    "invalid_gtin": _l("The GTIN's check digit is wrong: correct the product's GTIN."),
    "image_unreachable": _l(
        "The portal could not download the product picture. It must be a public "
        "JPG or PNG."
    ),
    "missing_image": _l("The product needs a picture before it can be sent."),
    "missing_net_weight": _l(
        "The product needs its net weight (e.g. 500 g) before it can be sent."
    ),
    "missing_field": _l("The portal says a required piece of information is missing."),
    "refused": _l("The portal refused this record."),
}


# What a small label leaves out when there is no room for it.
LABEL_ITEMS = {"hint": _l("the hint"), "stars": _l("the OCOP stars")}


PRODUCT_ERRORS = {
    "gtin_not_digits": _l("A GTIN has digits only."),
    "gtin_length": _l("A GTIN has 8, 12, 13 or 14 digits."),
    "gtin_check_digit": _l("This GTIN's last digit (the check digit) is wrong."),
    "gtin_taken": _l("Another product already has this GTIN."),
    "unknown_category": _l("Choose the OCOP product set from the list."),
    "stars_3_to_5": _l("OCOP products have 3, 4 or 5 stars."),
    "no_kind": _l("Tick at least one kind."),
    "unknown_sector": _l("Choose the sector from the list."),
    "certificate_required": _l("An OCOP product needs its certificate's number."),
    "certified_on_required": _l("An OCOP product needs its certificate's date."),
    "key_decision_required": _l(
        "A key product needs the number of the decision that lists it."
    ),
    "declaration_required": _l(
        "An essential good needs its declaration of conformity or registration number."
    ),
    "net_content_required": _l(
        "A pre-packaged good needs its net content (e.g. 5 kg)."
    ),
    "threshold_range": _l("Enter a number from 1 to 50, or leave it empty."),
    "shelf_life_range": _l("Enter a number of days from 1 to 3,650."),
    "gln_invalid": _l("A GLN has 13 digits and a correct check digit."),
}

# Before a product or batch goes public.
FINDINGS = {
    "product_name": _l("The product has no Vietnamese name."),
    "product_image": _l("The product has no picture."),
    "producer_name": _l("The producer has no name."),
    "producer_address": _l("The producer's address (ward) is missing."),
    "standards": _l("No standard applied is given (TCVN, QCVN, company standard…)."),
    "trademark_or_code": _l("Neither a trademark nor a product code is given."),
    "ocop_certificate": _l("The OCOP product has no certificate number."),
    "ocop_certificate_expired": _l(
        "The OCOP certificate has expired: renew it or untick the OCOP kind."
    ),
    "key_decision": _l("The key product has no decision number listing it."),
    "declaration": _l(
        "The essential good lacks its declaration number or its net content."
    ),
    "shelf_life": _l("The product has a shelf life but the batch has no expiry date."),
    "stages": _l("The batch has no journey stages yet."),
    "stage_location": _l("The stage at %(place)s has no location code (ward or GLN)."),
    "stage_in_future": _l("The stage at %(place)s is dated in the future."),
    "stage_before_production": _l(
        "The stage at %(place)s is dated before the batch was produced."
    ),
    "expiry_before_production": _l("The expiry date is not after the production date."),
    "faster_than_road": _l(
        "From %(from)s to %(to)s (%(km)s km) in less time than a lorry could drive it."
    ),
    "copied_text": _l(
        "The same text is used for %(other)s, an unrelated product: check it is "
        "really true of this one."
    ),
    "copied_note": _l(
        "The note at %(place)s is the same as one for %(other)s, an unrelated "
        "product: check it is really true of this batch."
    ),
    "photo_reused": _l("The same picture is used for %(other)s."),
}


def finding(item) -> str:
    """One finding of services.catalog.completeness as a sentence."""
    template = FINDINGS.get(item.code)
    if template is None:
        return item.code
    return str(template) % item.details if item.details else str(template)


def label(table: dict, code: str | None) -> str:
    """The translated label for code, or the code itself when unknown."""
    if code is None:
        return ""
    found = table.get(code)
    return str(found) if found is not None else code


ENTRY_PROBLEMS = {
    "not_ours": _l(
        "This QR code is not an OCOP Trace stamp, so we cannot say anything about it."
    ),
    "empty": _l("Type the code printed under the QR, or paste the whole link."),
    "not_a_code": _l(
        "That does not look like one of our codes: a serial has 16 letters and digits."
    ),
}


# The location choice on /settings; "ask" is stored as no choice at all.
LOCATION_CHOICES = {
    "ask": _l("Ask me at the next check"),
    "yes": _l("Always use my location"),
    "no": _l("Never use my location"),
}


def code_fact(problem: str | None) -> str | None:
    """The kind of code warning (errors/code.html) a typed code's problem is, if any.

    A never-issued or malformed code is a fact about the code, told the same way
    whether it was typed or opened as a link; other problems are about the typing.
    """
    if problem == "unknown_code":
        return problem
    return "malformed" if problem in LINK_ERRORS else None


def entry_problem(problem: str | None) -> str:
    """Why a typed or scanned code leads nowhere, in one sentence."""
    if problem == "unknown_code":
        return label(REASONS, "unknown_code")
    if problem in LINK_ERRORS:
        return label(LINK_ERRORS, problem)
    return label(ENTRY_PROBLEMS, problem or "empty")


PASSWORD_ERRORS = {
    "too_short": _l("Use at least %(count)s characters."),
    "too_long": _l("Use at most %(count)s characters."),
    "too_guessable": _l(
        "This password is too common or too easy to guess: "
        "try a few unrelated words together."
    ),
}

ACCOUNT_ERRORS = {
    **PASSWORD_ERRORS,
    "email_invalid": _l("Enter a valid e-mail address."),
    "email_taken": _l("%(email)s already has an account."),
    "unknown_role": _l("The role is one of: %(roles)s."),
    "organisation_required": _l("A producer's account belongs to an organisation."),
    "no_organisation": _l("There is no organisation %(reference)s."),
    "provinces_required": _l("An inspector covers at least one province."),
    "unknown_provinces": _l("These are not official province codes: %(codes)s."),
}

ISSUANCE_ERRORS = {
    "no_batch": _l("There is no batch %(reference)s."),
    "lot_ambiguous": _l(
        "Lot %(reference)s exists for several products: name the product's GTIN too."
    ),
    "count_invalid": _l("Issue from 1 to %(most)s stamps at a time."),
    "batch_not_active": _l(
        "Lot %(lot)s is not on sale (recalled or void): no stamps are issued for it."
    ),
    "more_than_quantity": BATCH_ERRORS["more_than_quantity"],
}

CASE_ERRORS = {
    "unknown_status": _l("Choose a status from the list."),
    "note_required": _l("Write a note before closing the case."),
    "unknown_province": _l("Choose a province from the list."),
}

INSPECTION_ERRORS = {
    "code_issued": _l(
        "This code was issued by OCOP Trace: record the inspection on its dossier."
    ),
    "unknown_result": _l("Choose a result from the list."),
    "place_required": _l("Say where the item was inspected."),
    "unknown_province": _l("Choose a province from the list."),
    "province_not_covered": _l(
        "You cannot record inspections in this province: it is not one you cover."
    ),
    "reason_required": _l("Say why the claim is reset."),
    "not_claimed": _l("This item's PIN has not been claimed."),
}

APPROVAL_ERRORS = {
    "gtin_taken": _l("Not approved: another product has this GTIN."),
}


def refusal(error, table: dict) -> str:
    """A refusal (services.common.errors.Refusal) in the reader's language.

    Numbers among its parameters are written the locale's way (10.000 in
    Vietnamese, 10,000 in English).
    """
    template = table.get(error.code)
    if template is None:
        return error.code
    params = _Parameters(
        (name, format_decimal(value) if isinstance(value, int) else value)
        for name, value in error.params.items()
    )
    return str(template) % params


class _Parameters(dict):
    """A refusal's parameters; one a sentence names but the refusal lacks reads
    as nothing rather than failing the answer."""

    def __missing__(self, name: str) -> str:
        return ""
