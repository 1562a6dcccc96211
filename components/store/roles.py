"""Who may do what. Every write of the store checks the user's role here, on the server: a viewer's
session never reaches a write, whatever the page shows."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("viewer", "editor", "admin")  # each may do what the ones before it may


class Forbidden(PermissionError):
    """A user tried something their role does not allow."""


@dataclass(frozen=True)
class User:
    name: str  # shown in versions, notes and the audit log (an email with OIDC)
    role: str

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def require(user: User | None, role: str) -> User:
    if user is None or not user.can(role):
        who = f"{user.name} ({user.role})" if user else "nobody signed in"
        raise Forbidden(f"This needs the {role} role; {who} may not.")
    return user


# How long a signed-in session lasts (the store ends it then; the cookie expires with it). Here, not in
# sessions.py, so that the page's cookie code does not import the store (SQLAlchemy) on an open first view.
SESSION_HOURS = 12
