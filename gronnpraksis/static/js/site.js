// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // The film is loaded from the video host only after the visitor asks for it (privacy).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-film-src]");
    if (!button) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = button.getAttribute("data-film-src");
    frame.title = button.getAttribute("data-film-title") || "";
    frame.className = "gp-film";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.setAttribute("allowfullscreen", "");
    var placeholder = button.closest(".gp-film-placeholder");
    placeholder.replaceWith(frame);
    frame.focus();
  });

  // After starring, the server sends the visitor back to "#item-<id>", the item in the programme's list.
  // On wide screens the list is hidden behind the timetable grid: go to the item's star button there.
  // (On "load": the browser's own scroll to the fragment comes first and would undo the focus.)
  window.addEventListener("load", function () {
    var starred = /^#item-(\d+)$/.exec(window.location.hash);
    if (!starred) return;
    var inList = document.getElementById("item-" + starred[1]);
    var inGrid = document.getElementById("tt-item-" + starred[1]);
    if (inList && inGrid && !inList.getClientRects().length && inGrid.getClientRects().length) {
      var button = inGrid.querySelector("button") || inGrid.querySelector("a");
      inGrid.scrollIntoView({ block: "center" });
      if (button) button.focus({ preventScroll: true });
    }
  });

  // Focus the error summary so keyboard and screen-reader users land on what to fix.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
