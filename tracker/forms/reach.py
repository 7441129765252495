"""The reach page's and API's query parameters (shape only; no database)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional

from tracker.model import REACH_GROUPINGS as GROUPINGS
from tracker.model import REACH_QUESTIONS as QUESTIONS

LISTS = [q for q in QUESTIONS if q != "coverage"]
LIST_LABELS = {
    "not-reached": "Not reached yet",
    "lapsed": "Lapsed",
    "reachable-through-partners": "Reachable through partners",
    "follow-ups": "Follow-ups due",
}


class ReachForm(FlaskForm):
    """Which question, as of when, and the nation / region / type filters (GET parameters)."""

    class Meta:
        csrf = False  # read-only GET parameters

    question = SelectField("Question", choices=list(QUESTIONS),
                           default="not-reached")
    by = SelectField("Coverage by", choices=list(GROUPINGS),
                     default="nation")
    months = IntegerField("Lapsed: months", default=12,
                          validators=[Optional(), NumberRange(min=1, max=1200)])
    as_of = DateField("As of", validators=[Optional()],
                      render_kw={"placeholder": "YYYY-MM-DD"})
    nation = StringField("Nation", validators=[Optional(), Length(max=200)])
    region = StringField("Region", validators=[Optional(), Length(max=200)])
    type = StringField("Type", validators=[Optional(), Length(max=200)])

    def problems(self) -> list[str]:
        """Every field error as 'field: message'."""
        return [f"{name}: {message}" for name, messages in self.errors.items()
                for message in messages]

    def filters(self) -> dict[str, Any]:
        """as_of (None = today), nation, region and type as the repository takes them."""
        return {"as_of": self.as_of.data, "nation": self.nation.data or None,
                "region": self.region.data or None, "type": self.type.data or None}
