/* Register matching for any name box: <input data-register-match ...>.

   As the user types, the organisations the matcher finds for the text (register entries and
   organisations already logged: abbreviations, Welsh and former names too) are listed under the
   box (from GET /api/v1/match). Choosing one fires a "register-match" event on the
   input with the entry in event.detail, and, when the input has
   data-register-target="<id of another input>", puts the entry's id into that input.
   The organisation form uses it to offer the register entry before a duplicate is created.
   Names are inserted as text, never as HTML. */
(function () {
  "use strict";
  var API = "/api/v1/match";
  var LISTED = 5;

  function attach(input) {
    var list = document.createElement("ul");
    list.className = "register-matches";
    list.setAttribute("aria-live", "polite");
    list.id = (input.id || "name") + "-register-matches";
    input.setAttribute("aria-describedby", list.id);
    input.insertAdjacentElement("afterend", list);
    var timer = null;
    var asked = "";

    function choose(match) {
      var targetId = input.dataset.registerTarget;
      if (targetId && document.getElementById(targetId)) {
        document.getElementById(targetId).value = match.id;
      }
      input.dispatchEvent(new CustomEvent("register-match", { detail: match, bubbles: true }));
      list.textContent = "";
      var done = document.createElement("li");
      done.textContent = "Chosen: " + match.name + " (" + match.id + ")";
      list.appendChild(done);
    }

    function show(matches) {
      list.textContent = "";
      if (!matches.length) { return; }
      var head = document.createElement("li");
      head.className = "muted";
      head.textContent = "Already known?";
      list.appendChild(head);
      matches.forEach(function (match) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "secondary";
        button.textContent = "Use " + match.name;
        button.addEventListener("click", function () { choose(match); });
        var note = document.createElement("span");
        note.className = "muted";
        note.textContent = " " + match.id + " · " + match.why + " · score " + match.score;
        item.appendChild(button);
        item.appendChild(note);
        list.appendChild(item);
      });
    }

    function ask() {
      var name = input.value.trim();
      if (name === asked) { return; }
      asked = name;
      if (name.length < 3 || name.length > 200) { show([]); return; }
      fetch(API + "?name=" + encodeURIComponent(name),
            { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { matches: [] }; })
        .then(function (answer) {
          if (input.value.trim() === name) { show(answer.matches.slice(0, LISTED)); }
        })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });
  }

  document.querySelectorAll("input[data-register-match]").forEach(attach);
}());
