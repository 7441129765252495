// The state node's tail (meta/note_tail): the data version since which every change to the
// timeline was an appended collaboration, and those collaborations with the version of the
// write that appended each, in the timeline's order.
// params: none
// returns: since, ids, versions
OPTIONAL MATCH (m:Meta {id: 'state'})
RETURN m.tail_since AS since, coalesce(m.tail_ids, []) AS ids,
       coalesce(m.tail_versions, []) AS versions
