// Forms on public pages that nginx shares between visitors carry an empty CSRF field (core/http.py,
// `public_page`). When such a form is used, this fetches the visitor's token from the site and sends
// the form with it. Without this file the form still works: the post gets a page to confirm it with a
// token (core.views.csrf_failure).
(function () {
  "use strict";

  var script = document.currentScript;
  var url = script && script.getAttribute("data-csrf-url");
  if (!url) return;
  var pending = null;

  function token() {
    if (!pending) {
      pending = fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("csrf token: " + response.status);
          return response.json();
        })
        .then(function (data) { return data.token; });
      pending.catch(function () { pending = null; });
    }
    return pending;
  }

  function emptyFields(form) {
    if (!form || (form.getAttribute("method") || "").toLowerCase() !== "post") return [];
    return Array.prototype.filter.call(
      form.querySelectorAll('input[name="csrfmiddlewaretoken"]'),
      function (input) { return input.value === ""; }
    );
  }

  // Fetched as soon as the visitor starts on a form, so sending it seldom waits.
  function early(event) {
    var form = event.target.closest && event.target.closest("form");
    if (emptyFields(form).length) token().catch(function () {});
  }
  document.addEventListener("focusin", early);
  document.addEventListener("pointerdown", early);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var fields = emptyFields(form);
    if (!fields.length) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    var submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
    // Sent again from a new task: when the token is already at hand, a promise callback would run while
    // the browser is still inside this submission, and the browser ignores a submission started then.
    function send() {
      if (form.requestSubmit) form.requestSubmit(submitter || undefined);
      else form.submit();
    }
    token().then(
      function (value) {
        fields.forEach(function (input) { input.value = value; });
        window.setTimeout(send, 0);
      },
      function () { window.setTimeout(function () { form.submit(); }, 0); } // the confirmation page takes over
    );
  }, true);
})();
