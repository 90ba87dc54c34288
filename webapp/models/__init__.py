"""The data model: import every model here so Alembic and mappers see them all."""

from webapp.models.accounts import (
    ROLES,
    AuditEntry,
    InspectorProvince,
    PasswordReset,
    User,
)
from webapp.models.cases import (
    CASE_STATUSES,
    INSPECTION_RESULTS,
    OPEN_STATUSES,
    VISIBLE_SOURCES,
    Alert,
    Case,
    CaseProvince,
    Inspection,
)
from webapp.models.catalog import (
    BATCH_STATUSES,
    ORGANISATION_KINDS,
    PRODUCT_KINDS,
    SECTORS,
    Batch,
    BatchRegion,
    Organisation,
    Product,
)
from webapp.models.events import ACTIONS, EVENT_TYPES, JourneyEvent
from webapp.models.issuance import IssuanceRecord
from webapp.models.portal import PORTAL_KINDS, PORTAL_STATES, PortalItem
from webapp.models.print_job import PRINT_JOB_STATES, PrintJob
from webapp.models.reports import REPORT_PROBLEMS, Report, ReportPhoto
from webapp.models.rollups import ScanRollup
from webapp.models.scans import (
    Scan,
    ScanIdempotency,
    SerialDevice,
    SerialNetwork,
    SerialStats,
)
from webapp.models.stamps import STAMP_STATUSES, Stamp
from webapp.models.training import TrainingAttendance, TrainingSession
from webapp.models.types import LocalizedText, UTCDateTime, utcnow

__all__ = [
    "CASE_STATUSES",
    "INSPECTION_RESULTS",
    "OPEN_STATUSES",
    "VISIBLE_SOURCES",
    "ROLES",
    "Alert",
    "AuditEntry",
    "Case",
    "CaseProvince",
    "Inspection",
    "InspectorProvince",
    "IssuanceRecord",
    "PORTAL_KINDS",
    "PasswordReset",
    "PORTAL_STATES",
    "PRINT_JOB_STATES",
    "PrintJob",
    "PortalItem",
    "ReportPhoto",
    "TrainingAttendance",
    "TrainingSession",
    "User",
    "ACTIONS",
    "BATCH_STATUSES",
    "EVENT_TYPES",
    "ORGANISATION_KINDS",
    "PRODUCT_KINDS",
    "SECTORS",
    "STAMP_STATUSES",
    "Batch",
    "BatchRegion",
    "JourneyEvent",
    "LocalizedText",
    "Organisation",
    "Product",
    "REPORT_PROBLEMS",
    "Report",
    "Scan",
    "ScanIdempotency",
    "ScanRollup",
    "SerialDevice",
    "SerialNetwork",
    "SerialStats",
    "Stamp",
    "UTCDateTime",
    "utcnow",
]
