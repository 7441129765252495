// Update an import job's state and progress (its own small transaction, outside the import's).
// params: $id, $state, $step, $done, $total
// returns: id
MATCH (j:ImportJob {id: $id})
SET j.state = $state, j.step = $step, j.done = $done, j.total = $total, j.updated_at = datetime()
RETURN j.id AS id
