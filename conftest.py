# SPDX-License-Identifier: EUPL-1.2
"""Root pytest configuration: shared fixtures, and the audit trail's test allowances."""

pytest_plugins = ["eenplan.core.tests.fixtures", "eenplan.audit.tests.flush"]
