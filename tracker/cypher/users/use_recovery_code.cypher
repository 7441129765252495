// Spend one recovery code: it is removed from the user's list; used is false when it was not there.
// params: $id, $hash
// returns: used, left
MATCH (u:User {id: $id})
WITH u, $hash IN coalesce(u.recovery_hashes, []) AS used
SET u.recovery_hashes = [h IN coalesce(u.recovery_hashes, []) WHERE h <> $hash]
RETURN used, size(u.recovery_hashes) AS left
