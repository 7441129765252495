// Remove the GOV.UK parent/child links before they are written again from a fresh file.
// params: none
// returns: count
MATCH (:Organisation)-[r:CHILD_OF {source: 'govuk'}]->(:Organisation)
DELETE r
RETURN count(r) AS count
