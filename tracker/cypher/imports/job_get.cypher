// One import job as the progress page shows it.
// params: $id
// returns: job
MATCH (j:ImportJob {id: $id})
RETURN properties(j) AS job
