# SPDX-License-Identifier: EUPL-1.2
"""Root pytest configuration: the shared fixtures of `eenplan.core.tests.fixtures`."""

pytest_plugins = ["eenplan.core.tests.fixtures"]
