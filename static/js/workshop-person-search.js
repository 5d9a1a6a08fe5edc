// Type-ahead for the person fields of the workshop entry: a search box above each person select asks the server
// for people matching any of their names and offers them as buttons; choosing one sets the select.
(function () {
  "use strict";
  var form = document.getElementById("workshop-entry");
  if (!form) {
    return;
  }
  var url = form.dataset.personMatchUrl;
  var selector = "select[name$='-person'], select[name$='-speaker']";

  function enhance(select) {
    if (select.dataset.searchReady || select.name.indexOf("__prefix__") !== -1) {
      return;
    }
    select.dataset.searchReady = "1";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1 workshop-person-search";
    input.id = select.id + "-search";
    input.setAttribute("aria-label", form.dataset.findLabel);
    input.placeholder = form.dataset.findLabel;
    input.autocomplete = "off";
    var results = document.createElement("div");
    results.className = "d-flex flex-wrap gap-1 mb-1 workshop-person-results";
    results.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(results, select);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        results.replaceChildren();
        if (text.length < 2) {
          return;
        }
        fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            results.replaceChildren();
            data.results.forEach(function (person) {
              var button = document.createElement("button");
              button.type = "button";
              button.className = "btn btn-sm btn-outline-primary";
              button.textContent = person.matched_on === person.name ? person.name : person.name + " (" + person.matched_on + ")";
              button.addEventListener("click", function () {
                select.value = String(person.id);
                select.dispatchEvent(new Event("change", { bubbles: true }));
                results.replaceChildren();
                input.value = "";
                select.focus();
              });
              results.appendChild(button);
            });
          });
      }, 250);
    });
  }

  form.querySelectorAll(selector).forEach(enhance);
  new MutationObserver(function () {
    form.querySelectorAll(selector).forEach(enhance);
  }).observe(form, { childList: true, subtree: true });
})();
