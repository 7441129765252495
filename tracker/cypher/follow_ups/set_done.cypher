// Mark a follow-up done (keeping the first who and when) or not done; no row when it is missing.
// params: $id, $mark_done, $user
// returns: id, done_at, done_by
MATCH (f:FollowUp {id: $id})
SET f.done_at = CASE WHEN $mark_done THEN coalesce(f.done_at, datetime()) ELSE null END,
    f.done_by = CASE WHEN $mark_done THEN coalesce(f.done_by, $user) ELSE null END
RETURN f.id AS id, f.done_at AS done_at, f.done_by AS done_by
