# SPDX-License-Identifier: EUPL-1.2
"""The pinned query count of every page, per actor (see test_query_counts.py).

Measured with the world of `world.py`; the same at size 1 and size 20. A change
that moves a number is a change to read: say why in its commit.
"""

PINNED = {
    "audit:export": {
        "privacy_officer": 7,
    },
    "audit:list": {
        "privacy_officer": 11,
    },
    "cases:absence_new": {
        "leader": 15,
    },
    "cases:assessment_new": {
        "director": 13,
        "leader": 13,
    },
    "cases:close": {
        "director": 14,
        "leader": 14,
    },
    "cases:director": {
        "leader": 13,
    },
    "cases:handover_letter": {
        "director": 11,
        "leader": 11,
    },
    "cases:intake": {
        "director": 12,
        "leader": 12,
    },
    "cases:involvement_add": {
        "director": 12,
        "leader": 12,
    },
    "cases:legal_basis_new": {
        "director": 13,
        "leader": 13,
    },
    "cases:open": {
        "leader": 16,
    },
    "collaboration:referral": {
        "director": 12,
        "ext_consent": 15,
        "ext_legal_basis": 15,
        "involved": 12,
        "leader": 12,
        "receiver": 16,
    },
    "collaboration:referral_new": {
        "director": 12,
        "leader": 12,
    },
    "inbox:list": {
        "colleague": 7,
        "desk": 7,
        "director": 7,
        "ext_basis": 7,
        "ext_consent": 7,
        "ext_legal_basis": 7,
        "ext_none": 7,
        "ext_one_person": 7,
        "ext_withdrawn": 7,
        "functional_admin": 7,
        "involved": 7,
        "leader": 7,
        "management": 7,
        "privacy_officer": 7,
        "receiver": 7,
        "receiver_elsewhere": 7,
        "stranger": 7,
    },
    "inbox:open": {
        "director": 7,
    },
    "intake:request": {
        "colleague": 16,
        "desk": 16,
        "director": 16,
        "involved": 16,
        "leader": 16,
    },
    "intake:request#routed": {
        "colleague": 18,
        "desk": 18,
        "director": 18,
        "involved": 18,
        "leader": 18,
        "receiver": 22,
    },
    "intake:request_new": {
        "desk": 12,
        "leader": 12,
    },
    "intake:rules": {
        "colleague": 7,
        "desk": 7,
        "director": 7,
        "ext_basis": 7,
        "ext_consent": 7,
        "ext_legal_basis": 7,
        "ext_none": 7,
        "ext_one_person": 7,
        "ext_withdrawn": 7,
        "functional_admin": 7,
        "involved": 7,
        "leader": 7,
        "management": 7,
        "privacy_officer": 7,
        "receiver": 7,
        "receiver_elsewhere": 7,
        "stranger": 7,
    },
    "officer:break_glass_review": {
        "privacy_officer": 8,
    },
    "officer:export_request": {
        "privacy_officer": 30,
    },
    "officer:export_request_new": {
        "privacy_officer": 9,
    },
    "officer:export_requests": {
        "privacy_officer": 9,
    },
    "officer:person_find": {
        "privacy_officer": 6,
    },
    "officer:retention": {
        "privacy_officer": 8,
    },
    "officer:retention_policy": {
        "privacy_officer": 13,
    },
    "officer:retention_run": {
        "privacy_officer": 9,
    },
    "people:household_new": {
        "desk": 8,
        "leader": 8,
    },
    "people:member_new": {
        "desk": 11,
        "leader": 11,
    },
    "plans:action_assign": {
        "director": 13,
        "leader": 13,
    },
    "plans:assignment": {
        "director": 15,
        "ext_consent": 18,
        "ext_legal_basis": 18,
        "involved": 15,
        "leader": 15,
        "receiver": 18,
    },
    "plans:plan": {
        "director": 15,
        "ext_consent": 18,
        "ext_legal_basis": 18,
        "involved": 15,
        "leader": 15,
    },
    "plans:print": {
        "director": 14,
        "leader": 14,
    },
    "plans:review": {
        "director": 15,
        "leader": 15,
    },
    "privacy:consent_new": {
        "desk": 14,
        "director": 15,
        "leader": 14,
    },
    "privacy:consent_withdraw": {
        "desk": 14,
        "director": 15,
        "leader": 14,
    },
    "workspace:case": {
        "director": 27,
        "ext_basis": 24,
        "ext_consent": 30,
        "ext_legal_basis": 28,
        "ext_one_person": 25,
        "involved": 27,
        "leader": 26,
    },
    "workspace:household": {
        "colleague": 21,
        "desk": 20,
        "director": 24,
        "ext_basis": 28,
        "ext_consent": 31,
        "ext_legal_basis": 31,
        "ext_one_person": 29,
        "involved": 24,
        "leader": 23,
    },
    "workspace:my_work": {
        "colleague": 15,
        "desk": 18,
        "director": 17,
        "ext_basis": 26,
        "ext_consent": 26,
        "ext_legal_basis": 26,
        "ext_none": 24,
        "ext_one_person": 26,
        "ext_withdrawn": 24,
        "functional_admin": 6,
        "involved": 19,
        "leader": 19,
        "management": 6,
        "privacy_officer": 6,
        "receiver": 27,
        "receiver_elsewhere": 15,
        "stranger": 15,
    },
    "workspace:search": {
        "colleague": 6,
        "desk": 6,
        "director": 6,
        "ext_basis": 6,
        "ext_consent": 6,
        "ext_legal_basis": 6,
        "ext_none": 6,
        "ext_one_person": 6,
        "ext_withdrawn": 6,
        "involved": 6,
        "leader": 6,
        "receiver": 6,
        "receiver_elsewhere": 6,
        "stranger": 6,
    },
    "workspace:team": {
        "leader": 15,
    },
    "workspace:teams": {
        "leader": 7,
    },
}
