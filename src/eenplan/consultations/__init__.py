# SPDX-License-Identifier: EUPL-1.2
"""Consultations (multidisciplinair overleg, casusoverleg) and escalation (opschalen).

DESIGN.md places consultations under collaboration; they live in an app of their
own so its files stay small and work on the journal and referrals can go on in
parallel. It sits above collaboration in the layers: it may import
collaboration, cases and plans; workspace imports it.
"""
