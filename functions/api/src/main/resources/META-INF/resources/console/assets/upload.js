// Drop zones ([data-upload]): a file dropped on one, or chosen with its file input, is uploaded in two steps.
// 1. POST its name (and the fields of the form named by data-upload-form) to data-upload, with the page's CSRF
//    token: the answer is {uploadUrl, next}, the pre-signed URL the API gives.
// 2. PUT the file to uploadUrl (the bucket, straight from the browser), then let htmx load `next` into
//    data-upload-target. The words shown come from the zone's data attributes, in the page's language.
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"];
    } catch (e) {
      return "";
    }
  }

  // The API takes letters, digits, '.', '_' and '-' in a file name: accents are dropped, anything else becomes '-'.
  function safeName(name) {
    return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9._-]+/g, "-").slice(-104);
  }

  function problemText(response) {
    return response.text().then(function (text) {
      try {
        var problem = JSON.parse(text);
        var errors = (problem.errors || []).map(function (e) { return e.field + ": " + e.message; });
        return errors.length ? errors.join("; ") : (problem.detail || problem.title || response.status);
      } catch (e) {
        return String(response.status);
      }
    });
  }

  function upload(zone, file) {
    var status = zone.querySelector("[data-upload-status]");
    var say = function (text) { status.textContent = text; };
    var fail = function (reason) { say(zone.dataset.uploadFailed + " " + reason); zone.classList.remove("busy"); };
    var body = new URLSearchParams();
    var form = zone.dataset.uploadForm ? document.querySelector(zone.dataset.uploadForm) : null;
    if (form) {
      new FormData(form).forEach(function (value, name) { body.append(name, value); });
    }
    body.set("fileName", safeName(file.name));
    zone.classList.add("busy");
    say(zone.dataset.uploadSending);
    fetch(zone.dataset.upload, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrfToken(), "Accept": "application/json" },
      body: body
    }).then(function (response) {
      if (!response.ok) {
        return problemText(response).then(function (reason) { throw new Error(reason); });
      }
      return response.json();
    }).then(function (step) {
      return fetch(step.uploadUrl, { method: "PUT", body: file, credentials: "omit" }).then(function (put) {
        if (!put.ok) {
          throw new Error("HTTP " + put.status);
        }
        return step;
      });
    }).then(function (step) {
      say(zone.dataset.uploadSent);
      zone.classList.remove("busy");
      htmx.ajax("GET", step.next, { target: zone.dataset.uploadTarget, swap: "innerHTML" });
    }).catch(function (e) { fail(e.message); });
  }

  function init(zone) {
    var input = zone.querySelector("input[type=file]");
    var form = zone.dataset.uploadForm ? document.querySelector(zone.dataset.uploadForm) : null;
    if (form) {
      // its fields go with the file: Enter in one of them does not leave the page
      form.addEventListener("submit", function (e) { e.preventDefault(); });
    }
    input.addEventListener("change", function () {
      if (input.files.length) {
        upload(zone, input.files[0]);
      }
    });
    zone.addEventListener("dragover", function (e) {
      e.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) {
        upload(zone, e.dataTransfer.files[0]);
      }
    });
  }

  // A 400 page fragment names the fields staff must change: shown where the answer goes, as a success would be.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var type = e.detail.xhr.getResponseHeader("Content-Type") || "";
    if (e.detail.xhr.status === 400 && type.indexOf("text/html") === 0) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-upload]").forEach(init);
  });
})();
