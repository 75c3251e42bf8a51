# SPDX-License-Identifier: EUPL-1.2
"""The one registry of actions: what the policy decides, the audit trail records
and the audit page (later the resident's "who looked at my data") names.

A permission (`case.view`, `plan.change`) is what `policy.can` is asked; an
event (`plan.goal_add`) is what `audit.record` writes, authorised by one of the
permissions. Both are members here, with their Dutch label, so no action is a
loose string anywhere else in the code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    # Staff pages and functions
    STAFF_USE = "staff.use", _("use the staff application")
    # Logging in (events of the audit trail; the policy is never asked them)
    LOGIN = "login.success", _("logged in with a password")
    LOGIN_FAILED = "login.failed", _("failed to log in")
    LOGIN_LOCKED_OUT = "login.locked_out", _("was locked out after failed logins")
    LOGIN_TWO_FACTOR_FAILED = "login.two_factor_failed", _("gave a wrong login code")
    LOGIN_TWO_FACTOR_SET_UP = "login.two_factor_set_up", _("set up two-factor login")
    WORK_VIEW = "work.view", _("viewed their work list")
    INBOX_VIEW = "inbox.view", _("read their notifications")
    AUDIT_VIEW = "audit.view", _("viewed the audit trail")
    AUDIT_EXPORT = "audit.export", _("exported the audit trail")
    AUDIT_PERSON_SEARCH = "audit.person_search", _("searched a person in the audit")
    PRIVACY_REVIEW = "privacy.review", _("review emergency accesses and retention")
    PRIVACY_PERSON_SEARCH = (
        "privacy.person_search",
        _("searched a person for a data export"),
    )
    PRIVACY_BREAK_GLASS_LIST = (
        "privacy.break_glass_list",
        _("viewed the emergency accesses"),
    )
    PRIVACY_BREAK_GLASS_REVIEW = (
        "privacy.break_glass_review",
        _("reviewed an emergency access"),
    )
    PERSON_EXPORT = "person.export", _("exported a person's data")
    EXPORT_REQUEST_LIST = (
        "export_request.list",
        _("viewed the register of requests for access"),
    )
    EXPORT_REQUEST_NEW = (
        "export_request.new",
        _("opened a request for access for a person"),
    )
    EXPORT_REQUEST_REGISTER = (
        "export_request.register",
        _("registered a request for access"),
    )
    EXPORT_REQUEST_HAND_OVER = (
        "export_request.hand_over",
        _("handed over a data export"),
    )
    INSIGHTS_VIEW = "insights.view", _("viewed steering information")
    CONFIG_CHANGE = "config.change", _("changed the configuration")
    RULES_VIEW = "rules.view", _("viewed the triage rules")
    RETENTION_RUN_START = "retention.run_start", _("started a retention run")
    RETENTION_RUN_APPROVE = "retention.run_approve", _("approved a retention run")
    RETENTION_RUN_EXECUTE = "retention.run_execute", _("executed a retention run")
    RETENTION_POLICY_CHANGE = "retention.policy_change", _("changed a retention period")
    # Households and persons
    HOUSEHOLD_SEARCH = "household.search", _("searched households")
    HOUSEHOLD_VIEW = "household.view", _("viewed a household")
    HOUSEHOLD_CREATE = "household.create", _("registered a household")
    HOUSEHOLD_MEMBER_ADD = "household.member_add", _("added a household member")
    # Requests, screening and triage
    REQUEST_CREATE = "request.create", _("register a request")
    REQUEST_REGISTER = "request.register", _("registered a request")
    REQUEST_VIEW = "request.view", _("viewed a request")
    REQUEST_TRIAGE = "request.triage", _("triaged a request")
    REQUEST_SCREEN = "request.screen", _("screened a request")
    REQUEST_ANSWER = "request.answer", _("answer a routed request")
    REQUEST_PICK_UP = "request.pick_up", _("picked up a routed request")
    REQUEST_RETURN = "request.return", _("sent a routed request back")
    # Cases
    CASE_OPEN = "case.open", _("opened a case")
    CASE_VIEW = "case.view", _("viewed a case")
    CASE_CHANGE_DIRECTOR = "case.change_director", _("changed the director")
    CASE_BREAK_GLASS = "case.break_glass", _("broke the glass")
    CASE_INTAKE = "case.intake", _("recorded the intake")
    CASE_INVOLVE = "case.involve", _("involved a professional")
    CASE_JOIN = "case.join", _("joined a case")
    CASE_INVOLVEMENT_END = "case.involvement_end", _("ended an involvement")
    CASE_CLOSE = "case.close", _("closed a case")
    CASE_INVOLVEMENT_HAND_OVER = (
        "case.involvement_hand_over",
        _("handed over a place at the kitchen table"),
    )
    ABSENCE_REGISTER = "absence.register", _("registered an absence and handed over")
    HANDOVER_PRINT = "handover.print", _("printed the letter about a new contact")
    TEAM_VIEW = "team.view", _("viewed the team overview")
    FOLLOW_UP_RECORD = "follow_up.record", _("recorded a follow-up check")
    TIME_RECORD = "time.record", _("recorded their hours of a week")
    # ZRM
    ASSESSMENT_VIEW = "assessment.view", _("viewed a ZRM")
    ASSESSMENT_CREATE = "assessment.create", _("recorded a ZRM")
    # Plans and reviews
    PLAN_VIEW = "plan.view", _("viewed a plan")
    PLAN_CHANGE = "plan.change", _("changed a plan")
    PLAN_START = "plan.start", _("started a plan")
    PLAN_GOAL_ADD = "plan.goal_add", _("added a goal")
    PLAN_GOAL_REMOVE = "plan.goal_remove", _("removed a goal")
    PLAN_ACTION_ADD = "plan.action_add", _("added an action")
    PLAN_ACTION_REMOVE = "plan.action_remove", _("removed an action")
    PLAN_AGREE = "plan.agree", _("agreed a plan")
    PLAN_PRINT = "plan.print", _("printed a plan")
    PLAN_DISCARD = "plan.discard", _("removed the draft of a closed case")
    REVIEW_CREATE = "review.create", _("reviewed a plan")
    # Plan actions assigned to partners
    ASSIGNMENT_CREATE = "assignment.create", _("assigned an action to a partner")
    ASSIGNMENT_VIEW = "assignment.view", _("viewed an assigned action")
    ASSIGNMENT_ANSWER = "assignment.answer", _("answer an assigned action")
    ASSIGNMENT_ACCEPT = "assignment.accept", _("accepted an assigned action")
    ASSIGNMENT_DECLINE = "assignment.decline", _("declined an assigned action")
    ASSIGNMENT_REPORT = "assignment.report", _("reported on an assigned action")
    ASSIGNMENT_HAND_OVER = (
        "assignment.hand_over",
        _("handed over an assigned action"),
    )
    # Services catalogue, social map, grants and mandates
    CATALOGUE_VIEW = "catalogue.view", _("searched the services and the social map")
    GRANT_VIEW = "grant.view", _("viewed a grant")
    GRANT_REQUEST = "grant.request", _("requested a grant")
    GRANT_GRANT = "grant.grant", _("granted a service within their mandate")
    GRANT_DECIDE = "grant.decide", _("decide on a grant above a mandate")
    GRANT_APPROVE = "grant.approve", _("approved a grant (four eyes)")
    GRANT_REFUSE = "grant.refuse", _("refused a grant")
    GRANT_APPROVALS = "grant.approvals", _("viewed the grants waiting for approval")
    GRANT_LETTER = "grant.letter", _("viewed a decision letter")
    # Consent, legal basis
    CONSENT_RECORD = "consent.record", _("recorded consent")
    CONSENT_VIEW = "consent.view", _("viewed a consent")
    CONSENT_WITHDRAW = "consent.withdraw", _("withdrew consent")
    LEGAL_BASIS_RECORD = "legal_basis.record", _("recorded a legal basis")
    LEGAL_BASIS_END = "legal_basis.end", _("ended a legal basis")
    # Journal and referrals
    JOURNAL_VIEW = "journal.view", _("read a report")
    JOURNAL_CREATE = "journal.create", _("wrote a report")
    JOURNAL_CORRECT = "journal.correct", _("corrected a report")
    REFERRAL_CREATE = "referral.create", _("sent a referral")
    REFERRAL_VIEW = "referral.view", _("viewed a referral")
    REFERRAL_ANSWER = "referral.answer", _("answer a referral")
    REFERRAL_ACCEPT = "referral.accept", _("accepted a referral")
    REFERRAL_DECLINE = "referral.decline", _("declined a referral")
    # Consultations (MDO) and escalation
    CONSULTATION_PLAN = "consultation.plan", _("planned a consultation")
    CONSULTATION_VIEW = "consultation.view", _("viewed a consultation")
    CONSULTATION_PLAN_FORM = (
        "consultation.plan_form",
        _("viewed the cases to plan a consultation on"),
    )
    CONSULTATION_LIST = "consultation.list", _("viewed their consultations")
    CONSULTATION_CANCEL = "consultation.cancel", _("cancelled a consultation")
    CONSULTATION_RECORD = (
        "consultation.record",
        _("recorded the outcome of a consultation"),
    )
    PLAN_NEXT_DRAFT = "plan.next_draft", _("opened the next version of a plan")
    ESCALATION_RAISE = "escalation.raise", _("escalated a case")
    ESCALATION_VIEW = "escalation.view", _("viewed an escalation")
    ESCALATION_WITHDRAW = "escalation.withdraw", _("withdrew an escalation")
    ESCALATION_DECIDE = "escalation.decide", _("decided an escalation")
    FORUM_MEETING_PLAN = (
        "forum.meeting_plan",
        _("planned a meeting of an escalation forum"),
    )


def label(code: str) -> str:
    """The Dutch label of an action code as stored in the audit trail."""
    try:
        return str(Action(code).label)
    except ValueError:
        return code
