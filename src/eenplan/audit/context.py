# SPDX-License-Identifier: EUPL-1.2
"""Where an audit entry comes from: the HTTP request, a command, or a test.

`AuditContextMiddleware` activates an `Origin` for each request; `record()`
reads it from a context variable, so services and selectors need no request
parameter. Without a request the origin is "system" (commands, workers), or
"test" when the test suite set that default.
"""

from __future__ import annotations

import contextvars
import ipaddress
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field

REQUEST = "request"
SYSTEM = "system"
TEST = "test"

_default_kind = SYSTEM
_current: contextvars.ContextVar[Origin | None] = contextvars.ContextVar(
    "eenplan_audit_origin", default=None
)

# W3C Trace Context: version-traceid-parentid-flags, lower-case hex.
TRACEPARENT_RE = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

USER_AGENT_MAX = 300
PATH_MAX = 300


def new_trace_id() -> str:
    return secrets.token_hex(16)


def new_span_id() -> str:
    return secrets.token_hex(8)


def clean_text(value: str, limit: int) -> str:
    """Printable text only (PostgreSQL refuses NUL), cut to the column's length."""
    return _CONTROL.sub("", value or "")[:limit]


def valid_traceparent(value: str) -> str:
    """The incoming `traceparent` header if well-formed, else ""."""
    value = (value or "").strip().lower()
    match = TRACEPARENT_RE.match(value)
    if not match or set(match.group(1)) == {"0"} or set(match.group(2)) == {"0"}:
        return ""
    return value


@dataclass
class Origin:
    """Request origin of the entries written while it is active."""

    kind: str
    trace_id: str = field(default_factory=new_trace_id)
    client_ip: str = ""
    user_agent: str = ""
    method: str = ""
    path: str = ""
    foreign_traceparent: str = ""

    @classmethod
    def from_request(cls, request) -> Origin:
        from django.conf import settings

        meta = request.META
        return cls(
            kind=REQUEST,
            client_ip=client_ip(meta, getattr(settings, "EENPLAN_PROXY_COUNT", 0)),
            user_agent=clean_text(meta.get("HTTP_USER_AGENT", ""), USER_AGENT_MAX),
            method=clean_text(request.method or "", 8),
            # The path only: query strings could carry search terms. Eenplan's
            # paths hold UUIDs, never names or BSNs.
            path=clean_text(request.path, PATH_MAX),
            foreign_traceparent=valid_traceparent(meta.get("HTTP_TRACEPARENT", "")),
        )


def client_ip(meta, proxy_count: int = 0) -> str:
    """REMOTE_ADDR, or the address `proxy_count` trusted proxies saw.

    X-Forwarded-For is only believed for the hops our own proxies added
    (counted from the right); anything further left is client-supplied.
    """
    candidate = meta.get("REMOTE_ADDR", "")
    if proxy_count:
        hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxy_count:
            candidate = hops[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return ""


def current() -> Origin | None:
    return _current.get()


def default_kind() -> str:
    return _default_kind


def set_default_kind(kind: str) -> None:
    """What entries written outside a request say their origin is ("system", "test")."""
    global _default_kind
    _default_kind = kind


def activate(origin: Origin) -> contextvars.Token:
    return _current.set(origin)


def deactivate(token: contextvars.Token) -> None:
    _current.reset(token)


@contextmanager
def origin(kind: str = SYSTEM, **values):
    """Run a block (a command, a background task) as one trace with one origin."""
    token = activate(Origin(kind=kind, **values))
    try:
        yield current()
    finally:
        deactivate(token)
