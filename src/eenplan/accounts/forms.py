# SPDX-License-Identifier: EUPL-1.2
"""The staff login forms in NL Design System markup: password, then the code."""

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core import validators
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Django's login form, with its username length enforced.

    AuthenticationForm only sets `max_length` on the field after building it,
    so no validator checks it: an over-long username reached authenticate()
    and django-axes' insert of the failure (a 500 on PostgreSQL, a 100,000
    character row on SQLite). Here it is refused before anything is stored.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(validators.MaxLengthValidator(field.max_length))

    def clean(self):
        if "username" in self.errors:
            # Not a username this site can have: no login attempt to count.
            return self.cleaned_data
        return super().clean()


class TokenForm(StyledFormMixin, forms.Form):
    """The 6-digit code of the authenticator app; spaces are ignored."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6 digits your authenticator app shows for Eenplan."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_token(self) -> str:
        token = re.sub(r"\s", "", self.cleaned_data["token"])
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError(_("Enter the 6 digits of the code."))
        return token
