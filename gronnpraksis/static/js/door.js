/* The check-in page's enhancements: the camera scanner (jsQR, bundled from npm), the day's list kept in
 * the browser, and the queue of scans that waits in localStorage while the venue's network is gone.
 * Without this script the page still works: search, then press "Check in". */
(function () {
  "use strict";

  var root = document.querySelector("[data-door]");
  if (!root) return;

  var day = root.getAttribute("data-day");
  var listKey = "gp-door-list:" + location.pathname + ":" + day;
  var queueKey = "gp-door-queue:" + location.pathname;
  var deviceKey = "gp-door-device";
  var scanner = root.querySelector("[data-scanner]");
  var resultLine = root.querySelector("[data-scan-result]");
  var queueLine = root.querySelector("[data-queue]");
  var csrf = root.querySelector("[name=csrfmiddlewaretoken]");
  var people = [];
  var lastCode = "";
  var lastAt = 0;
  var sending = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function read(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }

  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
  }

  var device = localStorage.getItem(deviceKey);
  if (!device) {
    device = "phone-" + uuid().slice(0, 8);
    try { localStorage.setItem(deviceKey, device); } catch (e) { /* private mode */ }
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-device]"), function (input) {
    input.value = device;
  });

  function say(text) { resultLine.textContent = text; }

  function showQueue() {
    var waiting = read(queueKey, []).length;
    queueLine.textContent = waiting ? root.getAttribute("data-text-waiting").replace("%s", waiting) : "";
    root.setAttribute("data-queued", String(waiting));
  }

  function loadList() {
    people = read(listKey, {people: []}).people;
    fetch(root.getAttribute("data-list-url"), {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { people = data.people; write(listKey, data); root.setAttribute("data-list", "fresh"); })
      .catch(function () { root.setAttribute("data-list", people.length ? "kept" : "none"); });
  }

  function secretOf(text) {
    text = text.trim();
    var at = text.indexOf("?");
    if (at < 0) return text;
    return new URLSearchParams(text.slice(at + 1)).get("kode") || "";
  }

  function digest(text) {
    if (!(window.crypto && crypto.subtle)) return Promise.resolve("");
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buf) {
      return Array.prototype.map.call(new Uint8Array(buf), function (x) { return (x + 256).toString(16).slice(1); }).join("");
    });
  }

  function flush() {
    var queue = read(queueKey, []);
    if (sending || !queue.length) { showQueue(); return Promise.resolve(); }
    sending = true;
    return fetch(root.getAttribute("data-sync-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : ""},
      body: JSON.stringify({day: day, scans: queue})
    })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        var done = {};
        data.results.forEach(function (result) { done[result.scan_id] = true; });
        write(queueKey, read(queueKey, []).filter(function (scan) { return !done[scan.scan_id]; }));
        if (data.results.length) {
          var last = data.results[data.results.length - 1];
          say(last.message);
          root.setAttribute("data-last-result", last.result);
          loadList();  // the kept list learns who is in now
        }
      })
      .catch(function () { /* offline: the queue waits */ })
      .then(function () { sending = false; showQueue(); });
  }

  function handle(text) {
    var now = Date.now();
    if (text === lastCode && now - lastAt < 4000) return Promise.resolve();
    lastCode = text;
    lastAt = now;
    var secret = secretOf(text);
    var scan = {scan_id: uuid(), code: secret, scanned_at: new Date().toISOString(), device: device};
    var queue = read(queueKey, []);
    queue.push(scan);
    write(queueKey, queue);
    return digest(secret).then(function (key) {
      var person = people.filter(function (p) { return key && p.key === key; })[0];
      var known = person ? person.name + (person.organisation ? ", " + person.organisation : "") : "";
      say(root.getAttribute("data-text-scanned").replace("%s", known || "?"));
      showQueue();
      return flush();
    });
  }

  // A scan can also come from outside the camera (a handheld scanner's text, or a test).
  root.addEventListener("gp:scan", function (event) { handle(String(event.detail)); });

  var video = root.querySelector("[data-video]");
  var canvas = document.createElement("canvas");

  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA && window.jsQR) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d", {willReadFrequently: true});
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, {inversionAttempts: "dontInvert"});
      if (code && code.data) handle(code.data);
    }
    requestAnimationFrame(tick);
  }

  function loadReader() {
    if (window.jsQR) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.getAttribute("data-jsqr-url");
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  root.querySelector("[data-scan-start]").addEventListener("click", function (event) {
    var button = event.currentTarget;
    if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) {
      say(root.getAttribute("data-text-no-camera"));
      return;
    }
    loadReader()
      .then(function () { return navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}); })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        button.hidden = true;
        return video.play();
      })
      .then(function () { requestAnimationFrame(tick); })
      .catch(function () { say(root.getAttribute("data-text-no-camera")); });
  });

  scanner.hidden = false;
  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  loadList();
  flush();
}());
