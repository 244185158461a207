// Starts Swagger UI on the API's docs page; a static file, so the page needs no inline script.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    // Never send the schema to the public validator (swagger.io): nothing leaves the site.
    validatorUrl: null,
  });
})();
