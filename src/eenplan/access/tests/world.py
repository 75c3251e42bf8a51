# SPDX-License-Identifier: EUPL-1.2
"""One small world for the access matrix, the audit completeness test and the
query counts: a household with a case, a plan, reports, a referral and consents
in every state, a routed request, and a user for every kind of actor.

`size` grows everything a page lists (members, reports, goals with actions,
the director's cases, requests), so a page's query count can be compared at
size 1 and size 20.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from eenplan.accounts.tests.factories import (
    DirectorFactory,
    FrontDeskFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
    UserFactory,
)
from eenplan.cases.models import Handover, Involvement
from eenplan.cases.tests.factories import CaseFactory, FollowUpFactory
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.consultations.models import (
    AgendaItem,
    AgreedAction,
    Consultation,
    Escalation,
    Forum,
    Participant,
)
from eenplan.consultations.models import Outcome as ConsultationOutcome
from eenplan.inbox.models import Notification
from eenplan.intake.models import Outcome, Request
from eenplan.intake.tests.factories import (
    RequestFactory,
    ScreeningFactory,
    TriageDecisionFactory,
)
from eenplan.organisations.tests.factories import (
    OrganisationFactory,
    TeamFactory,
    intake_for,
)
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.plans.models import Action, Assignment, AssignmentReport
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import DataCategory, LegalBasis
from eenplan.privacy.tests.factories import consent_for

# Who the actors are, relative to the household's case in the world below.
ACTORS = {
    "desk": "front desk of the case's team, no relation to the case",
    "colleague": "professional of the case's team, no relation to the case",
    "director": "director of the case",
    "involved": "professional of the case's team, involved in the case",
    "leader": "team leader of the case's team",
    "ext_none": "involved professional of a partner organisation, no consent",
    "ext_consent": "involved partner professional, everyone consented to all",
    "ext_withdrawn": "involved partner professional after every consent was withdrawn",
    "ext_basis": "involved partner professional, consent for basic data only",
    "ext_one_person": "involved partner professional, one adult consented to all",
    "ext_legal_basis": "involved partner, a legal basis for basic data and the plan",
    "receiver": "intake of the receiving organisation for the case's team",
    "receiver_elsewhere": "staff of the receiving organisation in another team",
    "stranger": "professional of another team and organisation, no relation",
    "management": "management (aggregates only)",
    "privacy_officer": "privacy officer (audit trail, not case content)",
    "functional_admin": "functional admin (configuration)",
}

# Invited to the team's consultation on the case (besides its chair, the
# director): being invited opens the consultation, not the file.
INVITED = {
    "colleague",
    "involved",
    "ext_none",
    "ext_consent",
    "ext_withdrawn",
    "ext_basis",
    "ext_one_person",
    "ext_legal_basis",
    "receiver",
    "stranger",
}
# Members of the escalation forum the case was escalated to.
FORUM_MEMBERS = {"leader", "stranger"}

PARTNERS = {
    "ext_none",
    "ext_consent",
    "ext_withdrawn",
    "ext_basis",
    "ext_one_person",
    "ext_legal_basis",
}


class World:
    def __init__(self, actor: str, size: int = 1):
        municipality = OrganisationFactory(name="Gemeente Voorbeeld")
        self.partner = OrganisationFactory(name="GGZ Voorbeeld", kind="mental_health")
        self.receiving = OrganisationFactory(
            name="Schuldhulp Voorbeeld", kind="debt_help"
        )
        self.team = TeamFactory()
        other_team = TeamFactory()
        make = {
            "desk": lambda: FrontDeskFactory(team=self.team),
            "colleague": lambda: ProfessionalFactory(team=self.team),
            "involved": lambda: ProfessionalFactory(team=self.team),
            "leader": lambda: TeamLeaderFactory(team=self.team),
            "receiver": lambda: ProfessionalFactory(
                team=other_team, organisation=self.receiving
            ),
            "receiver_elsewhere": lambda: ProfessionalFactory(
                team=other_team, organisation=self.receiving
            ),
            "stranger": lambda: ProfessionalFactory(
                team=other_team,
                organisation=OrganisationFactory(name="Elders", kind="welfare"),
            ),
            "management": lambda: UserFactory(function="management"),
            "privacy_officer": lambda: UserFactory(function="privacy_officer"),
            "functional_admin": lambda: UserFactory(function="functional_admin"),
        }
        for partner in PARTNERS:
            make[partner] = lambda: ProfessionalFactory(
                team=other_team, organisation=self.partner
            )
        self.director = DirectorFactory(team=self.team, organisation=municipality)
        household = HouseholdFactory(
            team=self.team, members__adults=1 + size, members__children=1
        )
        self.case = CaseFactory(household=household, director=self.director)
        # More cases for the director, so "my work" lists grow with `size`.
        more_cases = []
        for _ in range(size - 1):
            more_cases.append(
                PlanFactory(
                    case=CaseFactory(
                        household=HouseholdFactory(team=self.team),
                        director=self.director,
                    ),
                    agreed=True,
                ).case
            )
        self.user = self.director if actor == "director" else make[actor]()
        # A closed case of another household of the team, its follow-up due.
        self.follow_up = FollowUpFactory(
            case=CaseFactory(
                household=HouseholdFactory(team=self.team),
                director=self.director,
                closed=True,
            )
        )
        members = members_of(self.case.household)
        self.adult = members[0]
        self.plan = PlanFactory(case=self.case, agreed=True, goals=size)
        self.request = TriageDecisionFactory(
            request__household=HouseholdFactory(team=self.team),
            request__awaiting_director=True,
        ).request
        for _ in range(size):
            RequestFactory(household=self.case.household, registered_by=self.director)
        colleague = ProfessionalFactory(team=self.team)
        self.involvement = Involvement.objects.create(
            case=self.case, professional=colleague, role="buurtwerker"
        )
        if actor == "involved" or actor in PARTNERS:
            Involvement.objects.create(
                case=self.case, professional=self.user, role="behandelaar"
            )
        self._partner_consent(actor, members)
        # The receiving organisation's intake for the team: everyone consented.
        intake = (
            self.user
            if actor == "receiver"
            else ProfessionalFactory(team=other_team, organisation=self.receiving)
        )
        intake_for(intake, self.team)
        consents = [consent_for(p, self.receiving) for p in members]
        self.referral_consent = consents[0]
        self.referral = Referral.objects.create(
            case=self.case,
            sent_by=self.director,
            to_organisation=self.receiving,
            question="Kunnen jullie de schulden oppakken?",
            answer_by=timezone.localdate(),
        )
        self.routed = self._routed_request(self.receiving)
        # An action of the agreed plan to assign, and one assigned to the
        # receiving organisation's intake.
        goal = self.plan.goals.first()
        self.action, assigned = (
            Action(
                plan=self.plan,
                goal=goal,
                description=text,
                performer_kind=Action.PerformerKind.PROFESSIONAL,
                performer="Schuldhulp",
                due_on=timezone.localdate(),
            )
            for text in ("Budgetcoach zoeken", "Schuldhulptraject starten")
        )
        assigned.assignment = self.assignment = Assignment.objects.create(
            case=self.case,
            organisation=self.receiving,
            assigned_by=self.director,
            due_on=timezone.localdate(),
        )
        Action.objects.bulk_create([self.action, assigned])  # past the draft guard
        for n in range(size):
            AssignmentReport.objects.create(
                assignment=self.assignment,
                reported_by=self.director,
                text=f"Voortgang {n}",
                is_result=False,
            )
        # The case came to the director from a colleague (a hand-over).
        self.handover = Handover.objects.create(
            case=self.case,
            kind=Handover.Kind.DIRECTOR,
            from_user=colleague,
            to_user=self.director,
            note="Overgedragen wegens verlof.",
            household_told=Handover.Told.PHONE,
            handed_by=self.director,
        )
        # The director's notification, and the actor's own inbox growing with size.
        self.notification = Notification.objects.create(
            recipient=self.director, kind="handover", key="world:director", url="/"
        )
        for n in range(size):
            Notification.objects.create(
                recipient=self.user, kind="review_due", key=f"world:{n}", url="/"
            )
        self.legal_basis = self._legal_basis(municipality, "basis", "hulpvraag-plan")
        self._grants(size)
        self._consultation(actor, more_cases)
        for n in range(size):
            self.report = JournalEntry.objects.create(
                case=self.case,
                author=self.director,
                organisation=municipality,
                text=f"Huisbezoek {n + 1}.",
            )

    def _consultation(self, actor, more_cases):
        """The team's consultation (begun an hour ago) with the case and, as the
        world grows, more cases with an outcome; an escalation of the case."""
        self.consultation = Consultation.objects.create(
            team=self.team,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
            chair=self.director,
            planned_by=self.director,
        )
        self.agenda_item = AgendaItem.objects.create(
            consultation=self.consultation,
            case=self.case,
            question="Wie pakt de schulden op?",
        )
        Participant.objects.create(consultation=self.consultation, user=self.director)
        if actor in INVITED:
            Participant.objects.create(consultation=self.consultation, user=self.user)
        for n, case in enumerate(more_cases, start=1):
            item = AgendaItem.objects.create(
                consultation=self.consultation, case=case, position=n
            )
            outcome = ConsultationOutcome.objects.create(
                item=item,
                shared_picture="Het gaat beter.",
                decisions="Doorgaan zoals afgesproken.",
                director=case.director,
                recorded_by=self.director,
            )
            AgreedAction.objects.create(
                outcome=outcome,
                description="Samen de post openen",
                performer="Moeder",
                due_on=timezone.localdate(),
            )
        self.forum, _ = Forum.objects.get_or_create(
            name="Verbindend overleg teammanagers"
        )
        if actor in FORUM_MEMBERS:
            self.forum.members.add(self.user)
        self.escalation = Escalation.objects.create(
            case=self.case,
            forum=self.forum,
            raised_by=self.director,
            kind=Escalation.Kind.DISAGREEMENT,
            question="Wie neemt de regie?",
        )

    def _grants(self, size):
        """A service of the catalogue and an offer in the team's area; for the
        first adult a grant, granted within the director's mandate (with its
        letter) and then changed above it (waiting for the team leader). The
        catalogue and the case's grants grow with `size`."""
        from eenplan.services.tests.factories import (
            GrantFactory,
            OfferFactory,
            ServiceFactory,
            mandate,
        )

        mandate("professional", max_cost="10000")
        mandate("team_leader")
        self.service = ServiceFactory()
        for n in range(size):
            OfferFactory(name=f"Koffieochtend {n}", teams=[self.team])
            ServiceFactory()
        self.grant = GrantFactory(
            case=self.case,
            person=self.adult,
            service=self.service,
            requested_by=self.director,
            letter=True,
            pending_change=True,
        )
        for _ in range(size - 1):
            GrantFactory(
                case=self.case,
                person=self.adult,
                service=self.service,
                requested_by=self.director,
            )

    def _partner_consent(self, actor, members):
        if actor in ("ext_consent", "ext_withdrawn"):
            for person in members:
                consent_for(person, self.partner, withdrawn=actor == "ext_withdrawn")
        elif actor == "ext_basis":
            for person in members:
                consent_for(person, self.partner, "basis")
        elif actor == "ext_one_person":
            consent_for(members[0], self.partner)
        elif actor == "ext_legal_basis":
            self._legal_basis(self.partner, "basis", "hulpvraag-plan")

    def _legal_basis(self, organisation, *codes):
        basis = LegalBasis.objects.create(
            case=self.case,
            law=LegalBasis.Law.WMO,
            organisation=organisation,
            explanation="Wmo-onderzoek",
            recorded_by=self.director,
        )
        basis.categories.set(DataCategory.objects.filter(code__in=codes))
        return basis

    def _routed_request(self, organisation) -> Request:
        """A request of another household of the team, routed as one discipline
        to `organisation` with the persons' consent for the request only."""
        request = RequestFactory(
            household=HouseholdFactory(team=self.team),
            status=Request.Status.ROUTED,
        )
        ScreeningFactory(request=request)
        TriageDecisionFactory(
            request=request,
            suggested_outcome=Outcome.ONE_DISCIPLINE,
            target_organisation=organisation,
        )
        for person in request.persons.all():
            consent_for(person, organisation, "basis", "hulpvraag-plan")
        return request
