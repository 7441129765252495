// Every attendance import (one file's counts for one event) has a unique id.
// params: none
// returns: nothing
CREATE CONSTRAINT attendance_import_id IF NOT EXISTS FOR (n:AttendanceImport) REQUIRE n.id IS UNIQUE
