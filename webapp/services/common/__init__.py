"""Shared by every feature: errors, dates, hashing, sorting, spreadsheets."""
