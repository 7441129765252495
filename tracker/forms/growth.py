"""The compare-two-dates form (shape only: two ISO dates, the first not after the second)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import InputRequired, ValidationError


class IsoDateField(DateField):
    """A date field whose parse error says which format to use."""

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Not a valid date: use YYYY-MM-DD, for example 2023-11-01.") from None


class CompareForm(FlaskForm):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD, read from the query string."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    date_from = IsoDateField("From", name="from", format="%Y-%m-%d", validators=[
        InputRequired(message="Give a start date as YYYY-MM-DD.")])
    date_to = IsoDateField("To", name="to", format="%Y-%m-%d", validators=[
        InputRequired(message="Give an end date as YYYY-MM-DD.")])

    def validate_date_to(self, field: DateField) -> None:
        if self.date_from.data and field.data and field.data < self.date_from.data:
            raise ValidationError("The end date must not be before the start date.")
