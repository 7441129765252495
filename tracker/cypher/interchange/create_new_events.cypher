// Create the events a save says are new, before anything else in its transaction: the
// uniqueness constraint on Event.id (not a check beforehand) refuses an id that exists or that
// another transaction is creating at this moment.
// params: $ids
// returns: count
UNWIND $ids AS id
CREATE (e:Event {id: id})
RETURN count(e) AS count
