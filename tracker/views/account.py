"""My account: password, two-step login (TOTP with recovery codes), API tokens, logout everywhere."""

from __future__ import annotations

import secrets
from typing import Any

import pyotp
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, logout_user

from tracker.extensions import get_db
from tracker.forms.auth import PasswordConfirmForm, TokenForm, TotpEnableForm
from tracker.repositories import users
from tracker.security import tokens, totp
from tracker.views.auth import login_entry, recovery_hash

bp = Blueprint("account", __name__, url_prefix="/account")

RECOVERY_CODES = 10


@bp.route("")
def index():  # type: ignore[no-untyped-def]
    return render_template("account/index.html")


@bp.route("/sessions/end", methods=["POST"])
def end_sessions():  # type: ignore[no-untyped-def]
    users.end_sessions(get_db(), current_user.id,
                       audit=[login_entry(current_user.username, "logout_everywhere")])
    logout_user()
    session.clear()
    flash("You have been logged out everywhere.", "success")
    return redirect(url_for("auth.login"))


def _new_codes() -> list[str]:
    """Ten recovery codes of 80 random bits each, as xxxx-xxxx-xxxx-xxxx-xxxx."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(10)
        codes.append("-".join(raw[i:i + 4] for i in range(0, 20, 4)))
    return codes


@bp.route("/2fa", methods=["GET", "POST"])
def two_factor():  # type: ignore[no-untyped-def]
    form, off_form = TotpEnableForm(), PasswordConfirmForm(formdata=None)
    if current_user.totp_enabled:
        return render_template("account/two_factor.html", off_form=off_form)
    secret = session.get("_totp_pending")
    if not secret or request.method == "GET":
        secret = pyotp.random_base32()
        session["_totp_pending"] = secret
    if form.validate_on_submit():
        step = totp.matching_step(secret, form.code.data or "")
        if step is not None:
            codes = _new_codes()
            users.set_totp(get_db(), current_user.id, secret, [recovery_hash(c) for c in codes],
                           last_step=step)
            session.pop("_totp_pending", None)
            flash("Two-step login is on.", "success")
            return render_template("account/two_factor.html", codes=codes)
        form.code.errors.append("That code does not match: check the app's clock and the key.")
    uri = pyotp.TOTP(secret).provisioning_uri(name=current_user.username,
                                              issuer_name="Partner Tracker")
    return render_template("account/two_factor.html", form=form, secret=secret, uri=uri), \
        (400 if form.errors else 200)


@bp.route("/2fa/off", methods=["POST"])
def two_factor_off():  # type: ignore[no-untyped-def]
    form = PasswordConfirmForm()
    db = get_db()
    if form.validate_on_submit() and users.check_password(db, current_user.id,
                                                          form.password.data or ""):
        users.set_totp(db, current_user.id, None, None)
        flash("Two-step login is off.", "success")
        return redirect(url_for("account.index"))
    form.password.errors = ["That is not your current password."]
    return render_template("account/two_factor.html", off_form=form), 400


def token_page(everyone: bool, form: TokenForm | None, created: dict[str, Any] | None = None,
               status: int = 200) -> ResponseReturnValue:
    """The tokens table (mine, or everyone's for admins) with the form to add one."""
    rows = tokens.list_tokens(get_db(), None if everyone else current_user.id)
    return render_template("account/tokens.html", rows=rows, form=form, created=created,
                           everyone=everyone,
                           revoke_endpoint="admin.token_revoke" if everyone
                           else "account.token_revoke"), status


@bp.route("/tokens", methods=["GET", "POST"], endpoint="tokens")
def tokens_page():  # type: ignore[no-untyped-def]
    form = TokenForm()
    if form.validate_on_submit():
        me = {"id": current_user.id, "username": current_user.username, "role": current_user.role}
        try:
            text, record = tokens.create(get_db(), me, form.name.data or "", form.role.data or "",
                                         int(form.days.data or 0), current_user.role)
        except tokens.TokenProblem as exc:
            form.name.errors = [str(exc)]
        else:
            return token_page(False, TokenForm(formdata=None),
                              created={"name": record["name"], "text": text})
    return token_page(False, form, status=400 if form.errors else 200)


@bp.route("/tokens/<token_id>/revoke", methods=["POST"])
def token_revoke(token_id: str):  # type: ignore[no-untyped-def]
    if tokens.revoke(get_db(), token_id[:40], current_user.id) is None:
        flash("There is no such active token of yours.", "error")
    else:
        flash("Token revoked.", "success")
    return redirect(url_for("account.tokens"))
