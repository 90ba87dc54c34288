"""Realistic demo data for Hưng Yên (fictional producers, real specialties)."""
