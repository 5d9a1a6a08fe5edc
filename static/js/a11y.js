// Tables that scroll sideways (a wide table on a narrow screen) become labelled regions the keyboard can reach and
// scroll: tabindex 0, role region, named by the table's caption or the nearest heading before it. Checked again
// whenever the window changes size, so a table that fits takes no place in the tab order.
(function () {
  "use strict";

  function labelFor(box) {
    const caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    const table = box.querySelector("table");
    if (table && table.getAttribute("aria-label")) return table.getAttribute("aria-label");
    let node = box;
    while (node && node !== document.body) {
      let sibling = node.previousElementSibling;
      while (sibling) {
        const inside = sibling.querySelectorAll("h1, h2, h3, h4, h5, h6");
        const heading = sibling.matches("h1, h2, h3, h4, h5, h6") ? sibling : inside[inside.length - 1];
        if (heading && heading.textContent.trim()) return heading.textContent.trim();
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.title.split(" · ")[0];
  }

  function update() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", labelFor(box));
      } else if (!scrolls && box.getAttribute("tabindex") === "0" && box.dataset.alwaysFocusable === undefined) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  update();
  window.addEventListener("resize", update);
  window.addEventListener("load", update);
})();
