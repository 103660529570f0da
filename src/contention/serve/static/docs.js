// A small self-hosted reader of /openapi.json: each path, its method, summary and query parameters.
(function () {
  var root = document.getElementById("api");
  fetch("/openapi.json").then(function (r) { return r.json(); }).then(function (spec) {
    root.textContent = "";
    Object.keys(spec.paths).forEach(function (path) {
      var ops = spec.paths[path];
      Object.keys(ops).forEach(function (method) {
        var op = ops[method], sec = document.createElement("section");
        var h = document.createElement("h2");
        h.textContent = method.toUpperCase() + " " + path;
        sec.appendChild(h);
        var p = document.createElement("p");
        p.textContent = op.summary || "";
        sec.appendChild(p);
        var params = op.parameters || [];
        if (params.length) {
          var table = document.createElement("table"), head = table.insertRow();
          ["parameter", "in", "type", "description"].forEach(function (t) {
            var th = document.createElement("th"); th.textContent = t; head.appendChild(th);
          });
          params.forEach(function (prm) {
            var row = table.insertRow(), schema = prm.schema || {};
            var type = schema.type || (schema.anyOf || []).map(function (s) { return s.type; }).join(" | ");
            [prm.name, prm["in"], type, prm.description || (schema.description || "")].forEach(function (t) {
              row.insertCell().textContent = t;
            });
          });
          sec.appendChild(table);
        }
        root.appendChild(sec);
      });
    });
  }).catch(function (e) { root.textContent = "could not read /openapi.json: " + e; });
})();
