"""A reproducible market simulation that measures counterfeit detection."""
