// The job's page follows its job: every few seconds it asks the page again and puts the new
// state in place (no reload: focus and reading position stay), until the job is done. A
// button pauses and resumes it (WCAG 2.2.1: the person controls what changes by itself).
// Without JavaScript the page has a "Refresh" link.
(function () {
  "use strict";
  var region = document.querySelector("[data-job]");
  if (!region || region.getAttribute("data-finished") === "true") return;
  var seconds = parseInt(region.getAttribute("data-refresh") || "2", 10) * 1000;
  var button = document.querySelector("[data-job-pause]");
  var paused = false;
  var timer = null;

  function schedule() {
    if (!paused) timer = window.setTimeout(update, seconds);
  }

  function update() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-job]");
        if (!fresh) return schedule();
        region.innerHTML = fresh.innerHTML;
        if (fresh.getAttribute("data-finished") === "true") {
          region.setAttribute("data-finished", "true");
          if (button) button.hidden = true;
          return;
        }
        schedule();
      })
      .catch(function () { schedule(); });
  }

  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      paused = !paused;
      button.textContent = paused ? button.getAttribute("data-resume") : button.getAttribute("data-pause");
      button.setAttribute("aria-pressed", paused ? "true" : "false");
      if (paused) window.clearTimeout(timer); else update();
    });
  }
  schedule();
})();
