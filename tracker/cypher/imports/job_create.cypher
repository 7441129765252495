// Record a new import job (a web upload imported in the background).
// params: $id, $file, $user
// returns: id
CREATE (j:ImportJob {id: $id, file: $file, user: $user, state: 'queued', step: 'queued',
                     done: 0, total: 0, problems: [], created_at: datetime(),
                     updated_at: datetime()})
RETURN j.id AS id
