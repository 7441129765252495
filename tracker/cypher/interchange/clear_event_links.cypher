// Remove the contributors, attendance, speakers, attendees and feedback of the given events
// (before writing their new lists when an event is edited).
// params: $ids
// returns: count
UNWIND $ids AS i
MATCH (e:Event {id: i})
OPTIONAL MATCH (e)<-[r:CONTRIBUTED|ATTENDED|SPOKE_AT|GAVE_FEEDBACK]-()
DELETE r
RETURN count(r) AS count
