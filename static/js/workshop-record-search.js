// Type-ahead for the person and organisation fields of the workshop entry, as a WAI-ARIA combobox: a text box above
// each select (role=combobox) asks the server for records matching any of their names and lists them (role=listbox);
// the arrow keys move through them, Enter chooses, Escape closes, and a live region says how many there are.
//
// When nobody matches, "New …" opens a dialog that asks what the record needs, prefilled from the name typed (and,
// for a person, the row's title and organisation). The record is not written then: it joins the page's hidden
// `new_records` field and every select of its kind as "new:<key>", and is created with the workshop when it is saved.
// Other forms (an agreement's parties and signatories) opt in with a data-record-search attribute and a
// data-*-add-url: there "New …" creates the record at once (quick add), as before.
//
// The workshop's time zone box is a combobox too, over the list of zones the page carries (#timezone-choices).
(function () {
  "use strict";
  var form = document.getElementById("workshop-entry") || document.querySelector("form[data-record-search]");
  if (!form) {
    return;
  }
  var data = form.dataset;
  var newRecordsInput = form.querySelector("input[name='new_records']");
  var kinds = [
    {
      name: "person",
      selector: "select[name$='-person'], select[name$='-speaker'], select[name$='-owner'], select[name$='-signatory']",
      matchUrl: data.personMatchUrl,
      addUrl: data.personAddUrl,
      dialog: newRecordsInput && data.personDialog ? document.getElementById(data.personDialog) : null,
      findLabel: data.findPersonLabel,
      newLabel: data.newPersonLabel
    },
    {
      name: "organisation",
      selector: "select[name$='-organisation'], select[name$='-owner_organisation']",
      matchUrl: data.organisationMatchUrl,
      addUrl: data.organisationAddUrl,
      dialog: newRecordsInput && data.organisationDialog ? document.getElementById(data.organisationDialog) : null,
      findLabel: data.findOrganisationLabel,
      newLabel: data.newOrganisationLabel
    },
    // The workshop's topics, programme and initiative: their selects hold what is chosen, their type-ahead asks the
    // URL the select names (data-match-url); nothing is added from here.
    { name: "topic", selector: "select[name='topics'][data-match-url]", findLabel: data.findTopicLabel },
    {
      name: "programme",
      selector: "select[name='programme'][data-match-url], select[name='initiative'][data-match-url]",
      findLabel: data.findProgrammeLabel
    }
  ];

  function fill(template, text) {
    return (template || "%s").replace("%s", text);
  }

  function csrfToken() {
    var input = form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  // --- The combobox -------------------------------------------------------------------------------------------

  var comboboxCount = 0;

  // input: the text box; source(text, show): calls show([{label, pick: function}]) with what matches.
  function combobox(input, source, announceTo) {
    comboboxCount += 1;
    var listId = (input.id || "combobox-" + comboboxCount) + "-list";
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "combobox-list list-group shadow";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("aria-label") || (input.labels && input.labels[0] ? input.labels[0].textContent.trim() : ""));
    list.hidden = true;
    wrapper.appendChild(list);
    var status = announceTo;
    if (!status) {
      status = document.createElement("div");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      wrapper.appendChild(status);
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.autocomplete = "off";
    var items = [];
    var active = -1;
    var asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function move(index) {
      var options = list.querySelectorAll("[role='option']");
      if (!options.length) {
        return;
      }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.classList.toggle("active", i === active);
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function pick(index) {
      var item = items[index];
      close();
      if (item) {
        item.pick();
      }
    }

    function show(found) {
      // A list refreshed under the arrow keys (an answer for the last letters typed arriving late) keeps the option
      // the user moved to, where it is still offered.
      var kept = active >= 0 && items[active] ? items[active].label : null;
      items = found;
      list.replaceChildren();
      active = -1;
      input.removeAttribute("aria-activedescendant");
      found.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "list-group-item list-group-item-action py-1" + (item.className ? " " + item.className : "");
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { pick(i); });
        list.appendChild(option);
      });
      var count = found.filter(function (item) { return !item.isNew; }).length;
      status.textContent = count === 0 ? data.resultsNone || "" : count === 1 ? data.resultsOne || "" : fill(data.resultsMany, count);
      if (found.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        var again = kept === null ? -1 : found.map(function (item) { return item.label; }).indexOf(kept);
        if (again >= 0) {
          move(again);
        }
      } else {
        close();
      }
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var ask = function () {
        var text = input.value.trim();
        var asking = ++asked;
        source(text, function (found) {
          if (asking === asked && document.activeElement === input) {
            show(found);
          }
        });
      };
      if (source.delay === 0) {
        ask(); // a list the page holds (time zones) is shown at once, before the next key is read
      } else {
        timer = setTimeout(ask, source.delay === undefined ? 250 : source.delay);
      }
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open && items.length) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        move(active + (event.key === "ArrowDown" ? 1 : active === -1 ? 0 : -1));
      } else if (event.key === "Enter") {
        if (open || input.getAttribute("role") === "combobox") {
          event.preventDefault(); // a type-ahead never submits the page
        }
        if (open && active >= 0) {
          pick(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    return { close: close, status: status };
  }

  // --- New records (the entry page) ---------------------------------------------------------------------------

  function readRecords() {
    try {
      var list = JSON.parse(newRecordsInput.value || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function nextKey(records) {
    var keys = records.map(function (record) { return record.key; });
    var number = 1;
    while (keys.indexOf("n" + number) !== -1) {
      number += 1;
    }
    return "n" + number;
  }

  function selectsOf(kind) {
    var selects = Array.prototype.slice.call(form.querySelectorAll(kind.selector));
    form.querySelectorAll("template").forEach(function (template) {
      selects = selects.concat(Array.prototype.slice.call(template.content.querySelectorAll(kind.selector)));
    });
    return selects;
  }

  // A record becomes an option of every select of its kind, the rows still to be added included.
  function addOption(kind, value, name) {
    selectsOf(kind).forEach(function (select) {
      if (!Array.prototype.some.call(select.options, function (option) { return option.value === String(value); })) {
        var option = document.createElement("option");
        option.value = String(value);
        option.textContent = name;
        select.appendChild(option);
      }
    });
  }

  // What a page-added record is called: a person's name in its order, an organisation's name with its short name.
  function recordName(record) {
    if (record.type === "person") {
      return personName(record);
    }
    return record.short_name ? record.name + " (" + record.short_name + ")" : record.name;
  }

  // The records added on this page (in any row) of a kind whose names hold every word typed.
  function pageRecords(kind, text) {
    if (!newRecordsInput) {
      return [];
    }
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return readRecords().filter(function (record) {
      if (record.type !== kind.name) {
        return false;
      }
      var names = [recordName(record), record.name_local, record.short_name, record.family_name, record.given_name]
        .filter(Boolean).join(" ").toLowerCase();
      return words.length && words.every(function (word) { return names.indexOf(word) !== -1; });
    });
  }

  // The organisation box of a person's row: an attendance row's organisation, an action's owner's organisation.
  function organisationBoxOf(select) {
    var name = select.name.match(/-person$/) ? select.name.replace(/-person$/, "-organisation")
      : select.name.match(/-owner$/) ? select.name.replace(/-owner$/, "-owner_organisation") : "";
    return name ? form.querySelector("select[name='" + name + "']") : null;
  }

  function personName(record) {
    var parts = [record.given_name, record.family_name];
    if (record.name_order === "family_first") {
      parts.reverse();
    }
    return parts.filter(Boolean).join(" ") || record.name_local;
  }

  function optionText(select) {
    var option = select && select.options[select.selectedIndex];
    return option && option.value ? option.textContent.trim() : "";
  }

  var dialogState = null;

  function field(dialog, name) {
    return dialog.querySelector("[name='" + name + "']");
  }

  function showError(dialog, message) {
    var box = dialog.querySelector(".dialog-error");
    box.textContent = message || "";
    box.classList.toggle("d-none", !message);
  }

  function updatePreview(dialog) {
    var preview = dialog.querySelector(".name-preview");
    if (!preview) {
      return;
    }
    var labels = preview.dataset;
    var record = {
      family_name: field(dialog, "family_name").value.trim(),
      given_name: field(dialog, "given_name").value.trim(),
      name_order: (dialog.querySelector("[name='name_order']:checked") || {}).value,
      name_local: field(dialog, "name_local").value.trim()
    };
    var written = [field(dialog, "honorific").value.trim(), personName(record)].filter(Boolean).join(" ");
    preview.textContent = labels.familyLabel + ": " + (record.family_name || labels.none) + " · " +
      labels.givenLabel + ": " + (record.given_name || labels.none) + " · " + labels.writtenLabel + ": " + (written || labels.none);
  }

  function guessOrganisation(dialog, text) {
    var short = text.match(/\(([^)]{2,50})\)\s*$/);
    var name = short ? text.slice(0, short.index).trim() : text;
    field(dialog, "name").value = name;
    field(dialog, "short_name").value = short ? short[1].trim() : (/^[A-Z0-9&.-]{2,12}$/.test(text) ? text : "");
    field(dialog, "name_local").value = "";
    var kind = "tvet";
    if (/ministry|department|bureau|government|agency|authority|council|commission|municipal|province|部|局|厅/i.test(text)) {
      kind = "government";
    } else if (/co\.,? ?ltd|company|corporation|group|enterprise|zone|industr|bank|公司|集团/i.test(text)) {
      kind = "enterprise";
    } else if (/international|united nations|\bILO\b|\bUN[A-Z]*\b|world|asian development|organi[sz]ation\b/i.test(text)) {
      kind = "international";
    } else if (/federation|chamber|union|association|employers/i.test(text)) {
      kind = "social_partner";
    } else if (!/college|institute|school|university|polytechnic|academy|centre|center|training|学院|学校|大学/i.test(text)) {
      kind = "other";
    }
    field(dialog, "kind").value = kind;
    var country = field(dialog, "country");
    var lower = text.toLowerCase();
    var named = Array.prototype.find.call(country.options, function (option) {
      return option.value && lower.indexOf(option.textContent.trim().toLowerCase()) !== -1;
    });
    // Only a country the name gives: the hosts' country is often not the new organisation's (an ILO office, a
    // partner abroad), and a wrong country prefilled is saved unnoticed.
    country.value = named ? named.value : "";
  }

  // A name whose order the name rule only guessed ("Shi Lei"): both readings, the one picked pressed; a click fills
  // the name fields with the other.
  function showReadings(dialog, readings) {
    var box = dialog.querySelector(".name-readings");
    if (!box) {
      return;
    }
    box.replaceChildren();
    box.classList.toggle("d-none", readings.length < 2);
    if (readings.length < 2) {
      return;
    }
    var note = document.createElement("span");
    note.className = "small w-100";
    note.textContent = box.dataset.label;
    box.appendChild(note);
    readings.forEach(function (reading, i) {
      var choice = button(fill(box.dataset.readingLabel, reading.family_name), i === 0 ? "btn-primary" : "btn-outline-primary", function () {
        field(dialog, "family_name").value = reading.family_name;
        field(dialog, "given_name").value = reading.given_name;
        var order = dialog.querySelector("[name='name_order'][value='" + reading.name_order + "']");
        if (order) {
          order.checked = true;
        }
        box.querySelectorAll("button").forEach(function (other) {
          other.classList.toggle("btn-primary", other === choice);
          other.classList.toggle("btn-outline-primary", other !== choice);
          other.setAttribute("aria-pressed", other === choice ? "true" : "false");
        });
        updatePreview(dialog);
      });
      choice.setAttribute("aria-pressed", i === 0 ? "true" : "false");
      box.appendChild(choice);
    });
  }

  function openDialog(kind, text, select, input, announce) {
    var dialog = kind.dialog;
    dialogState = { kind: kind, select: select, input: input, announce: announce };
    dialog.querySelector("form").reset();
    showError(dialog, "");
    if (kind.name === "person") {
      // Only an attendance row's title is the person's job title (an action's title is the action).
      var title = select.name.match(/-person$/) ? form.querySelector("input[name='" + select.name.replace(/-person$/, "-title") + "']") : null;
      var organisation = organisationBoxOf(select);
      dialogState.organisation = organisation && organisation.value ? organisation.value : "";
      field(dialog, "title").value = title ? title.value : "";
      var note = dialog.querySelector(".person-organisation");
      note.textContent = dialogState.organisation ? fill(note.dataset.label, optionText(organisation)) : "";
      field(dialog, "family_name").value = "";
      field(dialog, "given_name").value = text;
      showReadings(dialog, []);
      updatePreview(dialog);
      // Until the name rule has split the name, "Add" would save it whole as a given name: it waits.
      var add = dialog.querySelector("button[value='add']");
      var ready = function () { add.disabled = false; dialog.removeAttribute("aria-busy"); };
      add.disabled = true;
      dialog.setAttribute("aria-busy", "true");
      fetch(data.personPartsUrl + "?name=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (parts) {
          ready();
          ["honorific", "family_name", "given_name", "name_local"].forEach(function (name) {
            field(dialog, name).value = parts[name] || "";
          });
          var order = dialog.querySelector("[name='name_order'][value='" + parts.name_order + "']");
          if (order) {
            order.checked = true;
          }
          showReadings(dialog, parts.alternatives || []);
          updatePreview(dialog);
        })
        .catch(function () { ready(); updatePreview(dialog); });
    } else {
      guessOrganisation(dialog, text);
    }
    dialog.showModal();
  }

  function closeDialog(dialog) {
    dialog.close();
  }

  function addFromDialog(dialog) {
    var state = dialogState;
    var records = readRecords();
    var record = { key: nextKey(records), type: state.kind.name };
    var name;
    if (state.kind.name === "person") {
      ["honorific", "family_name", "given_name", "name_local", "email", "title"].forEach(function (key) {
        record[key] = field(dialog, key).value.trim();
      });
      record.name_order = (dialog.querySelector("[name='name_order']:checked") || {}).value || "given_first";
      record.organisation = state.organisation || "";
      name = recordName(record);
      if (!name) {
        showError(dialog, dialog.dataset.needsName);
        field(dialog, "family_name").focus();
        return false;
      }
    } else {
      ["name", "short_name", "name_local", "kind", "country"].forEach(function (key) {
        record[key] = field(dialog, key).value.trim();
      });
      name = recordName(record);
      if (!record.name) {
        showError(dialog, dialog.dataset.needsName);
        field(dialog, "name").focus();
        return false;
      }
    }
    records.push(record);
    newRecordsInput.value = JSON.stringify(records);
    var value = "new:" + record.key;
    addOption(state.kind, value, fill(data.newSuffix, name));
    state.select.value = value;
    state.select.dispatchEvent(new Event("change", { bubbles: true }));
    if (state.kind.name === "person" && state.select.name.match(/-person$/)) {
      var title = form.querySelector("input[name='" + state.select.name.replace(/-person$/, "-title") + "']");
      if (title && !title.value && record.title) {
        title.value = record.title;
      }
    }
    state.input.value = "";
    state.announce.textContent = fill(data.addedLabel, name);
    return true;
  }

  kinds.forEach(function (kind) {
    var dialog = kind.dialog;
    if (!dialog) {
      return;
    }
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      if (addFromDialog(dialog)) {
        closeDialog(dialog);
      }
    });
    dialog.querySelector(".dialog-cancel").addEventListener("click", function () { closeDialog(dialog); });
    // Focus goes back to the search box the dialog was opened from, however it closes (Escape included).
    dialog.addEventListener("close", function () {
      if (dialogState && dialogState.input) {
        dialogState.input.focus();
      }
    });
    // The page behind a modal dialog is inert; Tab also goes round inside it rather than out to the browser.
    dialog.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") {
        return;
      }
      var focusable = Array.prototype.filter.call(
        dialog.querySelectorAll("input, select, textarea, button"),
        function (element) { return !element.disabled && element.offsetParent !== null; }
      );
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
    dialog.addEventListener("input", function () { updatePreview(dialog); });
    dialog.addEventListener("change", function () { updatePreview(dialog); });
  });

  // --- Quick add (other pages) --------------------------------------------------------------------------------

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

  function quickAdd(kind, text, anyway, choose, results, nameOrder) {
    var body = new URLSearchParams({ name: text, key: keyFor(text) });
    if (anyway) {
      body.set("anyway", "on");
    }
    if (nameOrder) {
      body.set("name_order", nameOrder);
    }
    fetch(kind.addUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      body: body
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        results.replaceChildren();
        var note = document.createElement("span");
        if (answer.created) {
          addOption(kind, answer.id, answer.name);
          choose(answer.id, answer.name);
          note.className = "small text-success";
          note.textContent = fill(data.createdLabel, answer.name);
          results.appendChild(note);
        } else if (answer.matches) {
          note.className = "small text-body-secondary w-100";
          note.textContent = data.maybeLabel;
          results.appendChild(note);
          answer.matches.forEach(function (match) {
            results.appendChild(button(match.name, "btn-outline-primary", function () { choose(match.id, match.name); }));
          });
          results.appendChild(button(fill(data.anywayLabel, text), "btn-outline-secondary", function () {
            quickAdd(kind, text, true, choose, results);
          }));
        } else if (answer.choices) {
          // The name's order is a guess ("Shi Lei"): the user says which word is the family name.
          note.className = "small text-body-secondary w-100";
          note.textContent = data.readingsLabel;
          results.appendChild(note);
          answer.choices.forEach(function (choice) {
            results.appendChild(button(choice.label, "btn-outline-primary", function () {
              quickAdd(kind, text, true, choose, results, choice.name_order);
            }));
          });
        } else if (answer.errors) {
          note.className = "small text-danger";
          note.textContent = Object.values(answer.errors).flat().join(" ");
          results.appendChild(note);
        }
      });
  }

  function button(text, className, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "btn btn-sm " + className;
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  // --- Each select ---------------------------------------------------------------------------------------------

  // The select's option for a record, added if the select does not hold it yet.
  function optionOf(select, id, name) {
    var value = String(id);
    var option = Array.prototype.find.call(select.options, function (each) { return each.value === value; });
    if (!option) {
      option = document.createElement("option");
      option.value = value;
      option.textContent = name;
      select.appendChild(option);
    }
    return option;
  }

  function enhance(kind, select) {
    if (select.dataset.searchReady || select.name.indexOf("__prefix__") !== -1) {
      return;
    }
    select.dataset.searchReady = "1";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "form-control form-control-sm mb-1 workshop-" + kind.name + "-search";
    input.id = select.id + "-search";
    input.setAttribute("aria-label", kind.findLabel);
    input.placeholder = kind.findLabel;
    var results = document.createElement("div");
    results.className = "d-flex flex-wrap gap-1 mb-1 workshop-" + kind.name + "-results";
    results.setAttribute("role", "status");
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(results, select);

    // The select holds only the records chosen (the page does not list every person): the one picked joins it.
    function choose(id, name, organisation) {
      var option = optionOf(select, id, name);
      if (select.multiple) {
        option.selected = true;
      } else {
        select.value = option.value;
      }
      select.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = "";
      results.textContent = fill(data.chosenLabel, name);
      // A person picked brings their current organisation into the row's organisation box, if it is empty.
      var box = organisation ? organisationBoxOf(select) : null;
      if (box && !box.value) {
        box.value = optionOf(box, organisation.id, organisation.name).value;
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function source(text, show) {
      // The records added on this page come first, as they are offered in the selects: "Shi Lei (new)".
      var added = pageRecords(kind, text).map(function (record) {
        var label = fill(data.newSuffix, recordName(record));
        return { label: label, className: "workshop-page-record", pick: function () { choose("new:" + record.key, label); } };
      });
      if (text.length < 2) {
        show(added);
        return;
      }
      fetch((select.dataset.matchUrl || kind.matchUrl) + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          // A long text is searched by its first words only (the server says so): the box says it too.
          if (answer.cut) {
            results.textContent = data.searchCut;
          } else if (results.textContent === data.searchCut) {
            results.textContent = "";
          }
          var found = added.concat(answer.results.map(function (match) {
            var label = match.label || match.name;
            return { label: label, pick: function () { choose(match.id, match.name, match.organisation); } };
          }));
          if (kind.dialog) {
            found.push({
              label: fill(kind.newLabel, text),
              isNew: true,
              className: "workshop-new-record text-success-emphasis",
              pick: function () { openDialog(kind, text, select, input, results); }
            });
          } else if (kind.addUrl) {
            found.push({
              label: fill(kind.newLabel, text),
              isNew: true,
              className: "workshop-new-record text-success-emphasis",
              pick: function () { quickAdd(kind, text, false, choose, results); }
            });
          }
          show(found);
        });
    }
    combobox(input, source, null);
  }

  function enhanceAll() {
    kinds.forEach(function (kind) {
      form.querySelectorAll(kind.selector).forEach(function (select) { enhance(kind, select); });
    });
  }

  // --- The time zone ------------------------------------------------------------------------------------------

  var zoneInput = form.querySelector("input.timezone-input");
  var zoneData = document.getElementById("timezone-choices");
  if (zoneInput && zoneData) {
    var zones = JSON.parse(zoneData.textContent);
    var zoneSource = function (text, show) {
      var words = text.toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean);
      var found = zones.filter(function (zone) {
        var label = zone.label.toLowerCase().replace(/_/g, " ");
        return words.every(function (word) { return label.indexOf(word) !== -1; });
      }).slice(0, 30);
      show(words.length ? found.map(function (zone) {
        return { label: zone.label, pick: function () { zoneInput.value = zone.value; } };
      }) : []);
    };
    zoneSource.delay = 0;
    combobox(zoneInput, zoneSource, null);
  }

  enhanceAll();
  new MutationObserver(enhanceAll).observe(form, { childList: true, subtree: true });

  // --- A refused save: the summary takes the focus; its links take it to their field -----------------------------

  var summary = document.getElementById("error-summary");
  var duplicates = document.getElementById("duplicate-warning");
  if (!summary && duplicates && form.id === "workshop-entry") {
    duplicates.focus();
  }
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
      if (target) {
        event.preventDefault();
        var search = document.getElementById(target.id + "-search");
        (search || target).focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  }
})();
