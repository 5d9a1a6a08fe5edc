// Adds a row to a formset of the one-page workshop entry without a reload: the <template> holds the empty form
// with __prefix__, which becomes the next index; TOTAL_FORMS is raised so the server reads the new row.
(function () {
  "use strict";
  document.querySelectorAll(".workshop-add-row").forEach(function (button) {
    button.addEventListener("click", function () {
      var fieldset = button.closest(".workshop-formset");
      var prefix = fieldset.dataset.prefix;
      var total = fieldset.querySelector("#id_" + prefix + "-TOTAL_FORMS");
      var index = parseInt(total.value, 10);
      var html = fieldset.querySelector("template.workshop-empty-row").innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      fieldset.querySelector(".workshop-rows").appendChild(row);
      total.value = String(index + 1);
      // After the type-aheads are put in (they wait for the row to be in the page): the first box is then the
      // search of the row's first person or organisation.
      Promise.resolve().then(function () {
        var first = row.querySelector("input:not([type=hidden]), select, textarea");
        if (first) {
          first.focus();
        }
      });
    });
  });
})();
