// Type-ahead for the person and organisation fields of the workshop entry: a search box above each select asks the
// server for records matching any of their names and offers them as buttons; choosing one sets the select. When
// nobody matches, "New …" creates the record from the name typed (the server first offers look-alikes), adds it to
// every select of its kind on the page and chooses it, so nothing typed on the page is lost. Other forms (an
// agreement's parties and signatories) opt in with a data-record-search attribute and the same data attributes.
(function () {
  "use strict";
  var form = document.getElementById("workshop-entry") || document.querySelector("form[data-record-search]");
  if (!form) {
    return;
  }
  var data = form.dataset;
  var kinds = [
    {
      name: "person",
      selector: "select[name$='-person'], select[name$='-speaker'], select[name$='-owner'], select[name$='-signatory']",
      matchUrl: data.personMatchUrl,
      addUrl: data.personAddUrl,
      findLabel: data.findPersonLabel,
      newLabel: data.newPersonLabel
    },
    {
      name: "organisation",
      selector: "select[name$='-organisation'], select[name$='-owner_organisation']",
      matchUrl: data.organisationMatchUrl,
      addUrl: data.organisationAddUrl,
      findLabel: data.findOrganisationLabel,
      newLabel: data.newOrganisationLabel
    }
  ];

  function csrfToken() {
    var input = form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function fill(template, text) {
    return template.replace("%s", text);
  }

  function button(text, className, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "btn btn-sm " + className;
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  // A new record becomes an option of every select of its kind, the rows to be added included.
  function addOption(kind, id, name) {
    var selects = Array.prototype.slice.call(form.querySelectorAll(kind.selector));
    form.querySelectorAll("template").forEach(function (template) {
      selects = selects.concat(Array.prototype.slice.call(template.content.querySelectorAll(kind.selector)));
    });
    selects.forEach(function (select) {
      if (!select.querySelector("option[value='" + id + "']")) {
        var option = document.createElement("option");
        option.value = String(id);
        option.textContent = name;
        select.appendChild(option);
      }
    });
  }

  function enhance(kind, select) {
    if (select.dataset.searchReady || select.name.indexOf("__prefix__") !== -1) {
      return;
    }
    select.dataset.searchReady = "1";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1 workshop-" + kind.name + "-search";
    input.id = select.id + "-search";
    input.setAttribute("aria-label", kind.findLabel);
    input.placeholder = kind.findLabel;
    input.autocomplete = "off";
    var results = document.createElement("div");
    results.className = "d-flex flex-wrap gap-1 mb-1 workshop-" + kind.name + "-results";
    results.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(results, select);

    function choose(id) {
      select.value = String(id);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      results.replaceChildren();
      input.value = "";
      select.focus();
    }

    function offer(matches) {
      matches.forEach(function (match) {
        var text = match.matched_on === match.name ? match.name : match.name + " (" + match.matched_on + ")";
        results.appendChild(button(text, "btn-outline-primary", function () { choose(match.id); }));
      });
    }

    // One key per name typed: the same add sent twice (a double click) makes one record.
    var keys = {};
    function keyFor(text) {
      if (!keys[text]) {
        keys[text] = window.crypto && crypto.randomUUID
          ? crypto.randomUUID().replace(/-/g, "")
          : Date.now().toString(16) + Math.random().toString(16).slice(2);
      }
      return keys[text];
    }

    function create(text, anyway) {
      var body = new URLSearchParams({ name: text, key: keyFor(text) });
      if (anyway) {
        body.set("anyway", "on");
      }
      fetch(kind.addUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        body: body
      })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          results.replaceChildren();
          if (answer.created) {
            addOption(kind, answer.id, answer.name);
            choose(answer.id);
            var done = document.createElement("span");
            done.className = "small text-success";
            done.textContent = fill(data.createdLabel, answer.name);
            results.appendChild(done);
          } else if (answer.matches) {
            var note = document.createElement("span");
            note.className = "small text-body-secondary w-100";
            note.textContent = data.maybeLabel;
            results.appendChild(note);
            offer(answer.matches);
            results.appendChild(button(fill(data.anywayLabel, text), "btn-outline-secondary", function () {
              create(text, true);
            }));
          } else if (answer.errors) {
            var error = document.createElement("span");
            error.className = "small text-danger";
            error.textContent = Object.values(answer.errors).flat().join(" ");
            results.appendChild(error);
          }
        });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        results.replaceChildren();
        if (text.length < 2) {
          return;
        }
        fetch(kind.matchUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (answer) {
            results.replaceChildren();
            offer(answer.results);
            if (kind.addUrl) {
              results.appendChild(button(fill(kind.newLabel, text), "btn-outline-success workshop-new-record", function () {
                create(text, false);
              }));
            }
          });
      }, 250);
    });
  }

  function enhanceAll() {
    kinds.forEach(function (kind) {
      form.querySelectorAll(kind.selector).forEach(function (select) { enhance(kind, select); });
    });
  }
  enhanceAll();
  new MutationObserver(enhanceAll).observe(form, { childList: true, subtree: true });
})();
