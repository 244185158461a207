// Phones: the header menu stays closed and the dossier's step bar shows the current step.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 40.01rem)");

  function placeMenu() {
    var menu = document.querySelector("header.site details.site-menu");
    if (!menu) return;
    menu.classList.toggle("wide", wide.matches);
    menu.open = wide.matches;
  }

  function showCurrentStep() {
    var bar = document.querySelector("ol.subnav.steps");
    var current = bar && bar.querySelector("[aria-current=page]");
    if (!bar || bar.scrollWidth <= bar.clientWidth) return;
    if (current) {
      var item = current.parentElement;
      // Centre the current step, horizontally only: the page itself does not move.
      bar.scrollLeft = item.offsetLeft - bar.offsetLeft - (bar.clientWidth - item.offsetWidth) / 2;
    }
    markEdges(bar);
    bar.addEventListener("scroll", function () { markEdges(bar); }, { passive: true });
  }

  // Fades on the sides that hide more steps: the bar says it scrolls.
  function markEdges(bar) {
    bar.classList.toggle("more-before", bar.scrollLeft > 4);
    bar.classList.toggle("more-after", bar.scrollLeft + bar.clientWidth < bar.scrollWidth - 4);
  }

  placeMenu();
  if (wide.addEventListener) wide.addEventListener("change", placeMenu);
  showCurrentStep();
})();
