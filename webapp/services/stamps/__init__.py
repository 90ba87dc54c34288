"""Stamps: serials, issuance and its sealed log, signatures, labels and print files."""
