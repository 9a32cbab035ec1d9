/* The programme planner's drag and drop (SortableJS, bundled from npm), loaded only on the planner.
 *
 * An item of the grid or an unplaced contribution can be dragged into a cell (a day, a start time, a
 * room) or, for an item, into the list of unplaced contributions. The drop posts the same form the
 * "Move" panel and the page without JavaScript post (`program_backoffice:item_move` or
 * `contribution_place`); the answer is the planner drawn again with its warnings, which htmx swaps in.
 * A refused drop comes back with the item in its old place and the reason beside the grid.
 *
 * After every redraw the message is copied into a live region outside the planner (a region that is
 * itself replaced is not read out), and the focus goes to the moved item or to the reason. */
(function () {
  "use strict";

  if (!window.Sortable || !window.htmx) return;

  function announce(text) {
    var region = document.getElementById("planner-announce");
    if (!region) return;
    region.textContent = "";
    // A short pause, so the same message twice in a row is read out again.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function planner() {
    return document.getElementById("planner");
  }

  function drop(event) {
    var root = planner();
    var url = event.item.getAttribute("data-move-url");
    if (!root || !url) return;
    var values = { dag: root.getAttribute("data-day") };
    if (event.to.hasAttribute("data-unplace")) {
      values.unplace = "1";
    } else {
      values.day = root.getAttribute("data-day");
      values.room = event.to.getAttribute("data-room") || "";
      values.starts = event.to.getAttribute("data-starts");
    }
    root.setAttribute("aria-busy", "true");
    htmx.ajax("POST", url, {
      target: "#planner",
      swap: "outerHTML",
      values: values,
      headers: { "X-CSRFToken": root.getAttribute("data-csrf") }
    });
  }

  function setUp(element) {
    var lists = [];
    if (element.matches && element.matches("[data-drop]")) lists.push(element);
    if (element.querySelectorAll) {
      Array.prototype.push.apply(lists, element.querySelectorAll("[data-drop]"));
    }
    lists.forEach(function (list) {
      if (list.getAttribute("data-sortable") === "on") return;
      list.setAttribute("data-sortable", "on");
      Sortable.create(list, {
        group: "planner",
        draggable: "[data-move-url]",
        sort: false,
        forceFallback: true,
        fallbackTolerance: 4,
        ghostClass: "gp-slot--ghost",
        chosenClass: "gp-slot--chosen",
        onAdd: drop
      });
    });
  }

  htmx.onLoad(setUp);

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var root = planner();
    var target = event.detail.target;
    if (!root || !target || (target.id !== "planner" && target.id !== "editor")) return;
    redrawing = false;
    var reason = root.querySelector("#editor #error-summary, #editor #move-refusal");
    var moved = root.querySelector("[data-moved] a");
    var status = root.querySelector("#editor [role=status]");
    if (reason) {
      announce(reason.textContent.replace(/\s+/g, " ").trim());
      reason.focus();
    } else if (moved) {
      if (status) announce(status.textContent.trim());
      moved.focus();
    } else if (target.id === "editor") {
      // The "Move" panel opened beside the grid: start there.
      var heading = root.querySelector("#move-heading, #item-heading");
      if (heading && heading.id === "move-heading") heading.focus();
    } else if (status) {
      announce(status.textContent.trim());
    }
  });

  // A move that failed on the way (the network, the server) leaves the dragged item where it was
  // dropped: draw the planner again as it is.
  var redrawing = false;
  function redraw() {
    var root = planner();
    if (!root || redrawing) return;
    redrawing = true;
    announce(root.getAttribute("data-text-failed") || "");
    htmx.ajax("GET", window.location.href, { target: "#planner", select: "#planner", swap: "outerHTML" });
  }
  document.body.addEventListener("htmx:responseError", redraw);
  document.body.addEventListener("htmx:sendError", redraw);
})();
