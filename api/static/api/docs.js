// Starts Swagger UI on /api/v1/docs/ from our own copy (drf-spectacular-sidecar). An external
// file, not an inline script, so the page keeps the site's Content-Security-Policy.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    supportedSubmitMethods: ["get", "head"],
  });
});
