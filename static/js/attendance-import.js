// Organisation fields of the attendance import's preview: typing asks /institutes/match/ for organisations matching
// any of their names and offers them in the fields' list; choosing one records its id beside the text, so the
// server takes that very record. Without this script the name typed is matched on the server.
(function () {
  "use strict";
  var form = document.getElementById("attendance-import");
  var list = document.getElementById("import-organisations");
  if (!form || !list) {
    return;
  }
  var known = {};
  list.querySelectorAll("option").forEach(function (option) {
    known[option.value] = option.dataset.id;
  });

  function remember(match) {
    if (known[match.name]) {
      return;
    }
    known[match.name] = String(match.id);
    var option = document.createElement("option");
    option.value = match.name;
    option.dataset.id = match.id;
    if (match.matched_on && match.matched_on !== match.name) {
      option.label = match.matched_on;
    }
    list.appendChild(option);
  }

  // A row that is no person needs an organisation only once the user includes it as a person.
  form.querySelectorAll("tr.import-not-person").forEach(function (row) {
    var choice = row.querySelector("select");
    var organisation = row.querySelector("input.import-organisation");
    if (!choice || !organisation) {
      return;
    }
    function show() {
      organisation.hidden = choice.value !== "new" && !organisation.value;
    }
    choice.addEventListener("change", show);
    show();
  });

  form.querySelectorAll("input.import-organisation").forEach(function (input) {
    var hidden = document.getElementById(input.id + "-id");
    var timer = null;
    input.addEventListener("input", function () {
      hidden.value = known[input.value] || "";
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || known[input.value]) {
        return;
      }
      timer = setTimeout(function () {
        fetch(form.dataset.organisationMatchUrl + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.json(); })
          .then(function (answer) {
            answer.results.forEach(remember);
            hidden.value = known[input.value] || "";
          });
      }, 250);
    });
  });
})();
