// Which of two organisation ids exist (for the merge form's checks).
// params: $ids
// returns: id, name
MATCH (n:Organisation) WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name
