# SPDX-License-Identifier: EUPL-1.2
"""The case worker's pages that gather from several apps: my work, the household
with its timeline, and the case page."""
