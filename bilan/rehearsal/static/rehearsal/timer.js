// The rehearsal timer: counts up over the timed outline, highlights the part being spoken,
// announces each new part, and hands the time taken to the note form when the intern stops.
(function () {
  "use strict";

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var rest = s % 60;
    return Math.floor(s / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function setup() {
    var box = document.getElementById("rehearsal-timer");
    var outline = document.getElementById("rehearsal-outline");
    if (!box || !outline) return;
    var items = Array.prototype.slice.call(outline.children);
    var total = parseInt(box.dataset.total, 10) || 0;
    var elapsedOut = document.getElementById("rehearsal-elapsed");
    var leftOut = document.getElementById("rehearsal-section-left");
    var status = document.getElementById("rehearsal-status");
    var toggle = document.getElementById("rehearsal-toggle");
    var next = document.getElementById("rehearsal-next");
    var reset = document.getElementById("rehearsal-reset");
    var noteForm = document.getElementById("rehearsal-note-form");
    var elapsedField = noteForm && noteForm.querySelector("input[name=elapsed_seconds]");

    var startedAt = null; // performance.now() when running
    var banked = 0; // seconds counted before the last pause
    var offset = 0; // seconds skipped forward with "next part"
    var tick = null;
    var current = -1;
    var announcedOver = false;

    function elapsed() {
      var running = startedAt === null ? 0 : (performance.now() - startedAt) / 1000;
      return banked + running + offset;
    }

    function sectionAt(seconds) {
      for (var i = 0; i < items.length; i++) {
        var start = parseInt(items[i].dataset.start, 10);
        var length = parseInt(items[i].dataset.seconds, 10);
        if (seconds < start + length) return i;
      }
      return items.length - 1;
    }

    function render() {
      var now = elapsed();
      elapsedOut.textContent = clock(now);
      var index = sectionAt(now);
      items.forEach(function (item, i) {
        item.classList.toggle("current", i === index);
        item.classList.toggle("past", i < index);
        if (i === index) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
      });
      var item = items[index];
      var end = parseInt(item.dataset.start, 10) + parseInt(item.dataset.seconds, 10);
      leftOut.textContent = clock(end - now);
      if (index !== current) {
        current = index;
        if (startedAt !== null) status.textContent = box.dataset.labelSection + " " + item.dataset.heading;
      }
      var over = now > total;
      box.classList.toggle("rehearsal-over", over);
      if (over && !announcedOver) {
        announcedOver = true;
        status.textContent = box.dataset.labelDone;
      }
      if (over) leftOut.textContent = box.dataset.labelOver + " " + clock(now - total);
      if (elapsedField && now > 0) elapsedField.value = Math.round(now);
    }

    function start() {
      startedAt = performance.now();
      toggle.textContent = box.dataset.labelPause;
      tick = window.setInterval(render, 250);
      render();
    }

    function pause() {
      banked += (performance.now() - startedAt) / 1000;
      startedAt = null;
      window.clearInterval(tick);
      toggle.textContent = box.dataset.labelResume;
      render();
    }

    toggle.addEventListener("click", function () {
      if (startedAt === null) start();
      else pause();
    });
    next.addEventListener("click", function () {
      var index = sectionAt(elapsed());
      if (index + 1 < items.length) {
        offset += parseInt(items[index + 1].dataset.start, 10) - elapsed();
        render();
      }
    });
    reset.addEventListener("click", function () {
      if (startedAt !== null) pause();
      banked = 0;
      offset = 0;
      current = -1;
      announcedOver = false;
      toggle.textContent = box.dataset.labelStart;
      status.textContent = "";
      if (elapsedField) elapsedField.value = "";
      render();
    });

    box.hidden = false;
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
