// The Portfolio page: start a project, or import a plan file, through the
// API; then open it.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var np = document.getElementById('new-project');
    if (np) np.addEventListener('submit', function (e) {
      e.preventDefault();
      var f = np.elements;
      cairn.api('POST', '/api/v1/projects', { name: f.name.value.trim(), key: f.key.value.trim().toUpperCase(), start: f.start.value }, 0, 'New project')
        .then(function (p) { location.href = '/projects/' + encodeURIComponent(p.key) + '/plan'; })
        .catch(function () {});
    });
    var ip = document.getElementById('import-plan');
    if (ip) ip.addEventListener('submit', function (e) {
      e.preventDefault();
      var file = ip.elements.file.files[0];
      if (!file) return;
      var meta = document.querySelector('meta[name="csrf-token"]');
      var headers = { 'Content-Type': /\.xml$/i.test(file.name) ? 'application/xml' : 'application/yaml', 'Accept': 'application/json' };
      if (meta) headers['X-CSRF-Token'] = meta.content;
      fetch('/api/v1/plans?filename=' + encodeURIComponent(file.name), { method: 'POST', headers: headers, body: file, credentials: 'same-origin' })
        .then(function (res) { return res.json().then(function (d) { return { ok: res.ok, d: d }; }); })
        .then(function (r) {
          if (!r.ok) { cairn.flash('Import: ' + (r.d.detail || 'failed'), 'error'); return; }
          location.href = '/projects/' + encodeURIComponent(r.d.key);
        });
    });
  });
})();
