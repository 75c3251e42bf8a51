# SPDX-License-Identifier: EUPL-1.2
"""The staff login form in NL Design System markup."""

from django.contrib.auth.forms import AuthenticationForm

from eenplan.core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass
