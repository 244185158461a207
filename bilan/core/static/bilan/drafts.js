// No lost work: every text area of a form sent by POST keeps a draft in this browser while the
// intern types, and gets it back after a closed tab, an expired session or a failed request.
//
// - Keys: "bilan:draft:<user id>:<path of the form's action>#<field name>". The action's path
//   names the dossier and the object (/dossiers/3/skills/examples/12/), so each form and field
//   of each object has its own draft. Only signed-in pages carry data-draft-user on <body>:
//   the public pages (rater, tutor) load no script and keep nothing in the browser.
// - A draft is cleared once the server confirms the save: the page after the submit shows a
//   success message (or, for htmx, the answer is a 2xx without form errors), or the form comes
//   back from the server with exactly the draft's text. Logging out clears every draft of
//   the user (the logout form has data-drafts-clear).
// - A restored draft carries the version its form was loaded from (edit_version): when the
//   text was saved elsewhere since, saving the draft gets the conflict page, never overwrites.
// - unsaved.js keeps warning before leaving; a restored draft counts as typed text there.
(function () {
  "use strict";
  var body = document.body;
  var user = body && body.dataset.draftUser;
  var store = null;
  try {
    store = window.localStorage;
    store.getItem("bilan:probe");
  } catch (error) {
    store = null;
  }
  if (!user || !store) return;
  var prefix = "bilan:draft:" + user + ":";
  var PENDING = "bilan:drafts-pending";
  var timers = {};

  function formPath(form) {
    try {
      return new URL(form.getAttribute("action") || "", window.location.href).pathname;
    } catch (error) {
      return window.location.pathname;
    }
  }

  function isDraftField(el) {
    if (!el || el.tagName !== "TEXTAREA" || !el.name || !el.form) return false;
    if (el.disabled || el.readOnly || el.hasAttribute("data-no-draft")) return false;
    return (el.form.getAttribute("method") || "").toLowerCase() === "post";
  }

  function keyOf(field) { return prefix + formPath(field.form) + "#" + field.name; }

  function versionOf(form) {
    var input = form.elements.namedItem("edit_version");
    return input && input.value !== undefined ? input.value : null;
  }

  function read(key) {
    try { return JSON.parse(store.getItem(key) || "null"); } catch (error) { return null; }
  }

  function remove(key) {
    try { store.removeItem(key); } catch (error) { /* storage refused: nothing kept */ }
  }

  function write(field) {
    var key = keyOf(field);
    delete timers[key];
    if (field.value === field.defaultValue && !field.dataset.draftRestored) {
      remove(key);
      return;
    }
    var draft = { text: field.value, version: versionOf(field.form), at: Date.now() };
    try { store.setItem(key, JSON.stringify(draft)); } catch (error) { /* full or refused */ }
  }

  function flush(form) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (isDraftField(el)) write(el);
    });
  }

  function flushAll() {
    Object.keys(timers).forEach(function (key) {
      window.clearTimeout(timers[key].timer);
      write(timers[key].field);
    });
  }

  // The server sent the form back because of a problem (errors, the conflict page): what it
  // shows is what was typed, not what is stored, so the draft must stay.
  function sentBack(form) {
    return form.hasAttribute("data-conflict") || !!form.querySelector(".errorlist");
  }

  function notice(field, form, loadedVersion) {
    var box = document.createElement("div");
    box.className = "draft-notice";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = body.dataset.draftRestored || "Brouillon restauré";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "secondary small";
    discard.textContent = body.dataset.draftDiscard || "Supprimer le brouillon";
    discard.addEventListener("click", function () {
      remove(keyOf(field));
      field.value = field.defaultValue;
      delete field.dataset.draftRestored;
      var input = form.elements.namedItem("edit_version");
      if (input && loadedVersion !== null) input.value = loadedVersion;
      box.remove();
      field.focus();
    });
    box.appendChild(text);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(discard);
    field.parentNode.insertBefore(box, field);
  }

  function restore(field) {
    if (field.dataset.draftReady) return;
    field.dataset.draftReady = "1";
    var key = keyOf(field);
    var draft = read(key);
    if (!draft || typeof draft.text !== "string") return;
    var form = field.form;
    // Sent back with what was just typed (errors, conflict): newer than the draft, keep both.
    if (sentBack(form)) return;
    if (draft.text === field.value) {
      remove(key);  // the server has it: saved
      return;
    }
    var loadedVersion = versionOf(form);
    field.value = draft.text;
    field.dataset.draftRestored = "1";
    form.dataset.touched = "1";  // unsaved.js: this text is not saved
    // Saved elsewhere since the draft was typed: the save must be refused, not overwrite.
    var input = form.elements.namedItem("edit_version");
    if (input && typeof draft.version === "string" && loadedVersion !== null) {
      input.value = draft.version;
    }
    notice(field, form, loadedVersion);
  }

  function init(root) {
    if (!root || !root.querySelectorAll) return;
    var areas = root.tagName === "TEXTAREA" ? [root] : root.querySelectorAll("textarea");
    Array.prototype.forEach.call(areas, function (el) {
      if (isDraftField(el)) restore(el);
    });
  }

  function keysOf(form) {
    var keys = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (isDraftField(el)) keys.push(keyOf(el));
    });
    return keys;
  }

  // The page after a full-page submit: a success message is the server's confirmation.
  function settlePending() {
    var pending = null;
    try {
      pending = JSON.parse(window.sessionStorage.getItem(PENDING) || "null");
      window.sessionStorage.removeItem(PENDING);
    } catch (error) {
      pending = null;
    }
    if (!pending || !pending.keys) return;
    var saved = document.querySelector(".messages .success");
    var problem = document.querySelector("form .errorlist, form[data-conflict]");
    if (saved && !problem) pending.keys.forEach(remove);
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!isDraftField(field)) return;
    var key = keyOf(field);
    if (timers[key]) window.clearTimeout(timers[key].timer);
    timers[key] = { field: field, timer: window.setTimeout(function () { write(field); }, 400) };
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-drafts-clear")) {
      // Logging out: nothing private stays in this browser.
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key && key.indexOf(prefix) === 0) remove(key);
      }
      return;
    }
    if (event.defaultPrevented || form.hasAttribute("hx-post")) return;
    var keys = keysOf(form);
    if (!keys.length) return;
    flush(form);
    try {
      window.sessionStorage.setItem(PENDING, JSON.stringify({ keys: keys, at: Date.now() }));
    } catch (error) { /* the draft stays until the form shows the saved text */ }
  });

  // htmx forms: the answer itself says whether the save went through.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail && event.detail.elt;
    if (!form || form.tagName !== "FORM") return;
    flush(form);
    form.draftKeys = keysOf(form);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var detail = event.detail || {};
    var form = detail.elt;
    var xhr = detail.xhr;
    if (!form || !form.draftKeys || !xhr || !detail.successful) return;
    if (xhr.getResponseHeader("X-Bilan-Conflict")) return;
    if ((xhr.responseText || "").indexOf("errorlist") >= 0) return;
    form.draftKeys.forEach(remove);
  });
  document.addEventListener("htmx:load", function (event) { init(event.target); });

  // The conflict page: take the saved text into the editable field, without a round trip.
  document.addEventListener("click", function (event) {
    var take = event.target.closest && event.target.closest("[data-take]");
    if (take) {
      var target = document.getElementById(take.dataset.take);
      var source = document.getElementById(take.dataset.takeFrom);
      if (!target || !source) return;
      event.preventDefault();
      target.value = source.value;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
      return;
    }
    var discard = event.target.closest && event.target.closest("[data-drafts-discard]");
    if (discard) {
      var form = document.querySelector("form[data-conflict]");
      if (form) keysOf(form).forEach(remove);
    }
  });

  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushAll();
  });

  settlePending();
  init(document);
})();
