// What templates used to say inline, now allowed by the Content-Security-Policy (no inline
// script or style): attributes declare the behaviour, this file carries it out.
//   <form data-confirm="Supprimer ?">   asks before submitting
//   <button data-print>                 prints the page
//   <span data-percent="40">            a progress bar's filled width
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  // Setting a property through the CSSOM is not an inline style for the policy.
  function fillBars(root) {
    var bars = (root || document).querySelectorAll("[data-percent]");
    for (var i = 0; i < bars.length; i++) {
      var value = Math.max(0, Math.min(100, parseFloat(bars[i].dataset.percent) || 0));
      bars[i].style.width = value + "%";
    }
  }

  fillBars(document);
  // Fragments swapped in by htmx (the import's progress, polled) carry their own bars.
  document.addEventListener("htmx:load", function (event) { fillBars(event.target); });
})();
