"""Consent and legal basis arrive with the privacy issue; see policy.py."""
