// Type-ahead for a filter <select> over a large table (common/filters.py, LargeTableSelect): the select lists only
// the chosen record; a search box before it asks data-match-url for the records matching what is typed and lists
// them in the select, the best first and chosen, so "Filter" applies it. Without JavaScript the select still
// submits the chosen record, and any record can be set from a link.
(function () {
  "use strict";
  document.querySelectorAll("select[data-match-url]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1";
    input.id = select.id + "-find";
    input.setAttribute("aria-label", select.dataset.findLabel);
    input.placeholder = select.dataset.findLabel;
    input.autocomplete = "off";
    select.parentNode.insertBefore(input, select);
    var timer = null;
    var asked = 0;

    function show(results) {
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (option.value && !option.selected) {
          option.remove();
        }
      });
      results.forEach(function (result) {
        var id = String(result.id);
        var option = Array.prototype.find.call(select.options, function (o) { return o.value === id; });
        if (!option) {
          option = document.createElement("option");
          option.value = id;
          option.textContent = result.name;
          select.appendChild(option);
        }
      });
      if (results.length) {
        select.value = String(results[0].id);
      }
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) {
        return;
      }
      timer = window.setTimeout(function () {
        var ticket = ++asked;
        fetch(select.dataset.matchUrl + "?q=" + encodeURIComponent(text), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            if (ticket === asked) {  // an older answer arriving late is dropped
              show(data.results || []);
            }
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
