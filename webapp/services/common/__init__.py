"""Shared by every feature: settings, errors, the audit log, uploaded photos,
dates, hashing, sorting, spreadsheets, and whether the stores answer."""
