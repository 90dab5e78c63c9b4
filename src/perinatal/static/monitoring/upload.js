/* The submissions page: a progress bar while the files upload (decision 0012).
 *
 * Without this script the form posts as usual. With it, the form is sent by XMLHttpRequest
 * so that the upload's progress can be shown; the server answers as it does without the
 * script (a redirect to the page of the import it started, or the page again with the form's
 * errors), and the browser then shows that answer. No inline script (CSP). */
(function () {
  "use strict";

  function showAnswer(form, xhr, postedTo) {
    if (xhr.responseURL && xhr.responseURL !== postedTo) {
      window.location.assign(xhr.responseURL); // the import's page
      return;
    }
    var answer = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var main = answer.getElementById("main");
    if (!main) {
      form.submit(); // not a page of ours: let the browser post and show it
      return;
    }
    document.getElementById("main").replaceWith(document.adoptNode(main));
    document.title = answer.title;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload-progress]")) {
      return;
    }
    if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) {
      return;
    }
    event.preventDefault();
    var bar = form.querySelector("progress");
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    var postedTo = form.action || window.location.href;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", postedTo);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) {
        return;
      }
      var percent = Math.floor((100 * progress.loaded) / progress.total);
      bar.value = percent;
      status.textContent = form.dataset.labelUploading.replace("__PERCENT__", percent);
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value"); // indeterminate while the server checks and stores
      status.textContent = form.dataset.labelProcessing;
    });
    xhr.addEventListener("load", function () {
      showAnswer(form, xhr, postedTo);
    });
    xhr.addEventListener("error", function () {
      bar.hidden = true;
      button.disabled = false;
      status.textContent = form.dataset.labelFailed;
    });
    bar.value = 0;
    bar.hidden = false;
    button.disabled = true;
    status.textContent = form.dataset.labelUploading.replace("__PERCENT__", "0");
    xhr.send(new FormData(form));
  });
})();
