# SPDX-License-Identifier: EUPL-1.2
"""Print the demo accounts made by `seed_demo`: username, role, team, password."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand

from eenplan.demo.accounts import DEMO_PASSWORD, require_demo_mode

ROLE_ORDER = {"front_desk": 0, "team_leader": 1, "professional": 2}


def describe(user) -> tuple[int, str, str]:
    """(sort key, role, team) of one account, from its memberships."""
    memberships = sorted(
        user.memberships.all(), key=lambda m: (ROLE_ORDER.get(m.role, 9), m.team.name)
    )
    if not memberships:
        if user.is_superuser:
            return 8, "Functional admin (superuser, Django admin only)", "—"
        if user.function:
            return 7, f"{user.get_function_display()} (no case access)", "—"
        return 9, "Staff member without a team", "—"
    by_role: dict[str, list[str]] = {}
    for m in memberships:
        role = m.get_role_display()
        if m.role == m.Role.PROFESSIONAL and m.can_direct:
            role += ", can direct (regisseur)"
        by_role.setdefault(role, []).append(m.team.name)
    role = " / ".join(by_role)
    team = " / ".join(", ".join(teams) for teams in by_role.values())
    return ROLE_ORDER.get(memberships[0].role, 9), role, team


class Command(BaseCommand):
    help = (
        "Print the demo accounts (active, with the demo password) and their "
        "role and team. Demo mode (EENPLAN_DEMO) only."
    )

    def handle(self, *args, **options):
        require_demo_mode()
        users = (
            get_user_model()
            .objects.filter(is_active=True)
            .prefetch_related("memberships__team")
            .order_by("username")
        )
        # Only accounts whose password really is the demo password; the demo
        # accounts share one hash, so it is checked once.
        checked: dict[str, bool] = {}
        rows = []
        for user in users:
            if not user.has_usable_password():
                continue
            if user.password not in checked:
                checked[user.password] = check_password(DEMO_PASSWORD, user.password)
            if not checked[user.password]:
                continue
            order, role, team = describe(user)
            rows.append((order, user.username, role, team))
        if not rows:
            self.stdout.write(
                "No demo accounts found: run `manage.py seed_demo` first."
            )
            return
        rows.sort()
        header = ("Username", "Role", "Team", "Password")
        table = [header] + [(u, r, t, DEMO_PASSWORD) for _o, u, r, t in rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]

        def line(row) -> str:
            return "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True))

        self.stdout.write(
            "Demo accounts, for trying Eenplan with demo data only: never use "
            "them on a real system."
        )
        self.stdout.write("")
        self.stdout.write(line(header).rstrip())
        self.stdout.write(line(tuple("-" * w for w in widths)))
        for row in table[1:]:
            self.stdout.write(line(row).rstrip())
        self.stdout.write("")
        if not settings.EENPLAN_REQUIRE_2FA:
            self.stdout.write("Two-factor login is off (EENPLAN_REQUIRE_2FA=0).")
        elif settings.EENPLAN_DEMO_ACCOUNTS_SKIP_2FA:
            self.stdout.write(
                "In this demo these accounts log in without the second step "
                "(two-factor login); the page header says so. Other accounts set "
                "up an authenticator app at their first login."
            )
        else:
            self.stdout.write(
                "These accounts, too, set up an authenticator app at their first "
                "login (two-factor login)."
            )
