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

  // Focus the error summary so keyboard and screen-reader users land on what to fix.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
