"""About: what the product is, where the register comes from (with licences), the demo."""

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

bp = Blueprint("about", __name__)

# The register's sources and licences (as in data/register/SOURCES.md). Links are for reading
# elsewhere; the page itself loads nothing from outside the app.
SOURCES = [
    {"what": "UK local authorities (397 current), with nation, region and type",
     "source": "mySociety, uk_local_authority_names_and_codes",
     "url": "https://github.com/mysociety/uk_local_authority_names_and_codes",
     "detail": "commit 67ef8b1, 2025-07-10", "licence": "CC BY 4.0",
     "licence_url": "https://creativecommons.org/licenses/by/4.0/",
     "attribution": "attribution to mySociety"},
    {"what": "GOV.UK organisations: departments, agencies, public bodies, devolved governments",
     "source": "GOV.UK organisations API, as kept in govuk-digital-backbone/ukps-domains",
     "detail": "data of 2025-11-20", "licence": "Crown copyright, Open Government Licence v3.0",
     "licence_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
    {"what": "NHS trusts in England (202) and integrated care boards (36)",
     "source": "Davewest84/nhs-trust-icb-data",
     "detail": "trust_urls.csv, icb_urls.csv; organisational columns only", "licence": "CC0 1.0"},
    {"what": "NHS bodies of Scotland, Wales and Northern Ireland (42)",
     "source": "Compiled by hand from public knowledge, 2026", "licence": "Facts; no licence needed"},
]


@bp.route("/about")
def about() -> ResponseReturnValue:
    return render_template("about.html", sources=SOURCES)
