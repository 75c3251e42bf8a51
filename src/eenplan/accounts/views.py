# SPDX-License-Identifier: EUPL-1.2
"""The two-step login: password (LoginView), then the code of an authenticator app.

After the password a staff member who needs the second factor is logged in
but not verified: `two_factor.pending` is true and every staff page sends them
here. With a confirmed app they type its code (`two_factor_verify`); without
one they set it up first (`two_factor_enrol`).
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from eenplan.core.redirects import safe_next

from . import services, signals, throttling, two_factor
from .errors import AlreadyEnrolled, TokenRefused, TokenThrottled
from .forms import LoginForm, TokenForm
from .qr import qr_svg, readable_secret


class LoginView(auth_views.LoginView):
    """The password step; sends the user on to the code when one is needed."""

    authentication_form = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if two_factor.pending(self.request):
            return redirect(two_factor.second_step_url(response.url))
        throttling.login_completed(self.request, form.get_user())
        return response


def _next_url(request) -> str:
    return safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)


def _not_at_this_step(request):
    """A redirect when the user does not belong on a second-step page, else None."""
    if not request.user.is_authenticated:
        return redirect_to_login(_next_url(request))
    if not two_factor.pending(request):
        return redirect(_next_url(request))
    if throttling.is_locked_out(request, request.user):
        logout(request)
        return lockout(request)
    return None


def _complete(request, device) -> None:
    """The code was right: this session is verified, under a new session key."""
    user = request.user
    otp_login(request, device)
    request.session.cycle_key()
    throttling.login_completed(request, user)


def _refused(request, form, error) -> None:
    """A wrong code, or one sent while django-otp asks to wait, counts as a failure."""
    form.add_error("token", error.message)
    if throttling.second_step_failed(request, request.user):
        # Locked out: start again at the password, which axes now refuses. The
        # axes middleware replaces this response with the lockout page.
        logout(request)


@never_cache
@sensitive_post_parameters("token")
def two_factor_verify(request):
    if (response := _not_at_this_step(request)) is not None:
        return response
    if services.totp_device_get(user=request.user) is None:
        return redirect(f"{reverse('two_factor_enrol')}?{urlencode(_next(request))}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_verify(
                user=request.user, token=form.cleaned_data["token"]
            )
        except (TokenRefused, TokenThrottled) as error:
            _refused(request, form, error)
        else:
            _complete(request, device)
            return redirect(_next_url(request))
    return render(
        request,
        "registration/two_factor.html",
        {"form": form, "next": _next_url(request)},
    )


@never_cache
@sensitive_post_parameters("token")
def two_factor_enrol(request):
    if (response := _not_at_this_step(request)) is not None:
        return response
    try:
        device = services.totp_enrolment_start(user=request.user)
    except AlreadyEnrolled:
        return redirect(f"{reverse('two_factor')}?{urlencode(_next(request))}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_enrolment_confirm(
                user=request.user, token=form.cleaned_data["token"]
            )
        except (TokenRefused, TokenThrottled) as error:
            _refused(request, form, error)
        except AlreadyEnrolled:
            return redirect(f"{reverse('two_factor')}?{urlencode(_next(request))}")
        else:
            signals.two_factor_set_up.send(
                sender=__name__, user=request.user, request=request
            )
            _complete(request, device)
            messages.success(
                request,
                _("Two-factor login is set up. From now on you log in with a code."),
            )
            return redirect(_next_url(request))
    return render(
        request,
        "registration/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_code": qr_svg(device.config_url),
            "secret": readable_secret(device),
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )


def _next(request) -> dict:
    return {"next": _next_url(request)}


def lockout(request, original_response=None, credentials=None):
    """The lockout page (AXES_LOCKOUT_CALLABLE): how long, and what to do; no names."""
    cool_off = settings.AXES_COOLOFF_TIME
    if isinstance(cool_off, datetime.timedelta):
        minutes = max(1, int(cool_off.total_seconds() // 60))
    else:
        minutes = None
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
