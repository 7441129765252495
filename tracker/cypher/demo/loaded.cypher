// Whether the built-in demo is loaded: its events carry demo = true (tools/build_showcase.py),
// so the pages that show it as a story can say what in it is invented.
// params: none
// returns: loaded
RETURN EXISTS { MATCH (e:Event) WHERE e.demo = true } AS loaded
