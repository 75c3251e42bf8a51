# SPDX-License-Identifier: EUPL-1.2
"""The demo municipality of `make run`: seeding and demo logins, demo mode only."""
