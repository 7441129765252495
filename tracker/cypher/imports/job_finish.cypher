// Finish an import job: done with its counts (JSON text), or failed with every problem.
// params: $id, $state, $problems, $counts
// returns: id
MATCH (j:ImportJob {id: $id})
SET j.state = $state, j.step = $state, j.problems = $problems, j.counts = $counts,
    j.updated_at = datetime(), j.finished_at = datetime()
RETURN j.id AS id
