# SPDX-License-Identifier: EUPL-1.2
"""Who may do what: the actor, the registry of actions and data categories, the door.

Every page, service and task asks this package, and nothing else, whether an
actor may do an action (`policy.can`, `policy.require`), which objects of a
set it may see (`policy.restrict`) and which categories of a case's data flow
to it (`policy.sharing`). The rules themselves live with the app that owns the
objects (`<app>/rules.py`) and are registered here when the apps load.
"""
