# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's work: the audit page, data exports, reviews, retention."""
