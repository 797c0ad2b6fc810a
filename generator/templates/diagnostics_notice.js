// digest serve only: while entries have errors, a notice on every page links to the
// diagnostics page. It asks status.json (written by every rebuild) instead of being part
// of each page, so an error coming or going rewrites no page but the diagnostics one.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var folder = new URL(".", script.src);
  fetch(new URL("status.json", folder), { cache: "no-store" })
    .then(function (response) { return response.json(); })
    .then(function (status) {
      var errors = Number(status.errors) || 0;
      if (errors < 1) return;
      var notice = document.createElement("aside");
      notice.className = "digest-diagnostics-notice";
      notice.setAttribute("role", "status");
      var link = document.createElement("a");
      link.href = folder.href;
      link.textContent = errors + " entry error" + (errors === 1 ? "" : "s") +
        ": broken entries are left out; see the diagnostics";
      notice.appendChild(link);
      document.body.appendChild(notice);
    })
    .catch(function () { /* the server is restarting: the next reload asks again */ });
})();
