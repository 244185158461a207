// Nothing typed is lost silently: on a page with several forms, submitting one (a full page
// load) while another holds unsaved text asks first, and so does leaving the page.
// Forms that htmx sends (hx-post) do not reload the page, so they never ask.
(function () {
  "use strict";
  var leaving = false;

  function isField(el) {
    if (!el || !el.form) return false;
    var type = (el.type || "").toLowerCase();
    return ["hidden", "submit", "button", "reset", "file"].indexOf(type) < 0;
  }

  function changed(form) {
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!isField(el)) continue;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked !== el.defaultChecked) return true;
      } else if (el.tagName === "SELECT") {
        for (var j = 0; j < el.options.length; j++) {
          if (el.options[j].selected !== el.options[j].defaultSelected) return true;
        }
      } else if (el.value !== el.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function dirtyForms(except) {
    var forms = document.querySelectorAll("form[method=post], form[method=POST]");
    return Array.prototype.filter.call(forms, function (form) {
      return form !== except && form.dataset.touched === "1" && changed(form);
    });
  }

  document.addEventListener("input", function (event) {
    if (isField(event.target)) event.target.form.dataset.touched = "1";
  }, true);
  document.addEventListener("change", function (event) {
    if (isField(event.target)) event.target.form.dataset.touched = "1";
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented) return;
    if (form.hasAttribute("hx-post") || form.hasAttribute("data-hx-post")) return;
    var others = dirtyForms(form);
    if (others.length && !window.confirm(document.body.dataset.unsavedMessage)) {
      event.preventDefault();
      others[0].scrollIntoView({ block: "center" });
      return;
    }
    leaving = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !dirtyForms(null).length) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // A page restored from the back/forward cache starts a new visit.
  window.addEventListener("pageshow", function () { leaving = false; });
})();
