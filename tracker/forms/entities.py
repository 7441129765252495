"""Forms for communities, sub-communities, networks, organisations, people, memberships, merges.

Shape only: required fields, lengths, id alphabet, date order, no self-links. Whether an id is
free or a reference exists is the database's answer (constraints), turned into field errors by
the views.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from tracker.model import ID_REGEXP, ID_RULE, MAX_ID, MAX_NAME, MAX_TEXT, one_newline

ID_MESSAGE = f"Use {ID_RULE}."


def _strip(value: Any) -> Any:
    """Trim surrounding whitespace; everything inside is kept exactly as typed."""
    return value.strip() if isinstance(value, str) else value


def id_field(label: str = "Id") -> StringField:
    """The stable id: optional on create (a slug of the name is offered), fixed afterwards."""
    return StringField(label, filters=[_strip], validators=[
        Optional(), Length(max=MAX_ID), Regexp(ID_REGEXP, message=ID_MESSAGE)])


def name_field(label: str = "Name") -> StringField:
    """A required display name."""
    return StringField(label, filters=[_strip], validators=[DataRequired(), Length(max=MAX_NAME)])


def text_field(label: str, limit: int = MAX_TEXT) -> TextAreaField:
    """Optional free text."""
    return TextAreaField(label, filters=[one_newline],
                         validators=[Optional(), Length(max=limit)])


def ref_field(label: str, required: bool = False) -> StringField:
    """The id of another node, typed or chosen with the searchable picker."""
    first = DataRequired() if required else Optional()
    return StringField(label, filters=[_strip], validators=[
        first, Length(max=MAX_ID), Regexp(ID_REGEXP, message="Pick one from the list.")])


class EntityForm(FlaskForm):
    """Fields every entity has; `data_fields` lists what the repository stores."""

    data_fields: tuple[str, ...] = ("name",)

    id = id_field()
    name = name_field()
    # The version of the record an edit form was opened at (repositories/versions.py).
    version = HiddenField(validators=[Optional(), Length(max=64)])

    def values(self) -> dict[str, Any]:
        """The stored fields as plain data."""
        return {f: self[f].data for f in self.data_fields}


class CommunityForm(EntityForm):
    """A community."""

    data_fields = ("name", "description")
    description = text_field("Description")


class SubCommunityForm(EntityForm):
    """A sub-community, part of one community (choices are set by the view)."""

    data_fields = ("name", "description", "community")
    community = SelectField("Part of community", choices=[], validate_choice=True,
                            validators=[DataRequired(message="Choose a community.")])
    description = text_field("Description")

    def validate_community(self, field: Any) -> None:
        if field.data and self.id.data and field.data == self.id.data:
            raise ValidationError("A sub-community cannot be part of itself.")


class NetworkForm(EntityForm):
    """A partner network."""

    data_fields = ("name", "description", "website")
    website = StringField("Website", filters=[_strip], validators=[Optional(), Length(max=500)])
    description = text_field("Description")


class OrganisationForm(EntityForm):
    """An organisation; `create_anyway` confirms a new one despite similar register entries."""

    data_fields = ("name", "type", "nation", "region", "website")
    type = StringField("Type", filters=[_strip], validators=[Optional(), Length(max=100)],
                       description="e.g. Ministerial department, Local authority, NHS trust")
    nation = StringField("Nation", filters=[_strip], validators=[Optional(), Length(max=60)])
    region = StringField("Region", filters=[_strip], validators=[Optional(), Length(max=100)])
    website = StringField("Website", filters=[_strip], validators=[Optional(), Length(max=500)])
    create_anyway = BooleanField("None of these: create a new organisation")


class PersonForm(EntityForm):
    """A person, optionally working at an organisation."""

    data_fields = ("name", "job_title", "organisation")
    job_title = StringField("Job title", filters=[_strip],
                            validators=[Optional(), Length(max=MAX_NAME)])
    organisation = ref_field("Works at (organisation id)")


class DeleteForm(FlaskForm):
    """An empty form: only the CSRF token confirms a delete."""


class MembershipForm(FlaskForm):
    """An organisation's membership of a network, community or sub-community."""

    member = ref_field("Organisation", required=True)
    of = ref_field("Network, community or sub-community", required=True)
    since = DateField("Member since", validators=[Optional()])
    until = DateField("Member until", validators=[Optional()])
    back = HiddenField()

    def validate_until(self, field: Any) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError("The end date must not be before the start date.")

    def validate_of(self, field: Any) -> None:
        if field.data and field.data == self.member.data:
            raise ValidationError("An organisation cannot be a member of itself.")


class RemoveMembershipForm(FlaskForm):
    """Remove one membership (both ends as hidden fields)."""

    member = HiddenField(validators=[DataRequired(), Length(max=MAX_ID)])
    of = HiddenField(validators=[DataRequired(), Length(max=MAX_ID)])
    back = HiddenField()


class MergeForm(FlaskForm):
    """Merge organisation `drop` into `keep`."""

    keep = ref_field("Keep (survivor)", required=True)
    drop = ref_field("Merge in and remove", required=True)
    # Set only on the preview page: a merge is written after its preview was shown.
    confirm = HiddenField(validators=[Optional(), Length(max=3)])

    def validate_drop(self, field: Any) -> None:
        if field.data and field.data == self.keep.data:
            raise ValidationError("An organisation cannot be merged with itself.")
