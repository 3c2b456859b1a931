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
    if (!ip) return;
    var chosen = null;
    function contentType(name) {
      if (/\.xml$/i.test(name)) return 'application/xml';
      if (/\.csv$/i.test(name)) return 'text/csv';
      if (/\.xer$/i.test(name)) return 'application/octet-stream';
      return 'application/yaml';
    }
    function upload(file, dryRun) {
      var meta = document.querySelector('meta[name="csrf-token"]');
      var headers = { 'Content-Type': contentType(file.name), 'Accept': 'application/json' };
      if (meta) headers['X-CSRF-Token'] = meta.content;
      var url = '/api/v1/plans?filename=' + encodeURIComponent(file.name) + (dryRun ? '&dry_run=true' : '');
      return fetch(url, { method: 'POST', headers: headers, body: file, credentials: 'same-origin' })
        .then(function (res) { return res.json().then(function (d) { return { ok: res.ok, d: d }; }); });
    }
    // The preview: what the import would create, and what the file holds
    // that Cairn does not take, before anything is stored.
    function preview(file) {
      chosen = file;
      var out = document.getElementById('ip-preview');
      out.textContent = 'Reading ' + file.name + '…';
      upload(file, true).then(function (r) {
        out.textContent = '';
        if (!r.ok) {
          var p = document.createElement('p');
          p.className = 'bad';
          p.textContent = r.d.detail || 'This file cannot be imported.';
          out.appendChild(p);
          return;
        }
        var d = r.d, p = document.createElement('p');
        p.textContent = 'Would create ' + d.name + ' (' + d.key + '): ' + d.tasks + ' tasks (' + d.summaries + ' summaries, ' +
          d.milestones + ' milestones), ' + d.links + ' links, ' + d.resources + ' resources, ' + d.assignments +
          ' assignments; scheduled ' + d.start.slice(0, 10) + ' to ' + d.finish.slice(0, 10) + '.';
        out.appendChild(p);
        if (d.notes.length) {
          var h = document.createElement('p');
          h.textContent = 'Not carried over, or read differently:';
          out.appendChild(h);
          var ul = document.createElement('ul');
          d.notes.forEach(function (n) { var li = document.createElement('li'); li.textContent = n; ul.appendChild(li); });
          out.appendChild(ul);
        }
      });
    }
    ip.elements.file.addEventListener('change', function () {
      if (ip.elements.file.files[0]) preview(ip.elements.file.files[0]);
    });
    ip.addEventListener('dragover', function (e) { e.preventDefault(); ip.classList.add('dragging'); });
    ip.addEventListener('dragleave', function () { ip.classList.remove('dragging'); });
    ip.addEventListener('drop', function (e) {
      e.preventDefault();
      ip.classList.remove('dragging');
      if (e.dataTransfer && e.dataTransfer.files[0]) preview(e.dataTransfer.files[0]);
    });
    ip.addEventListener('submit', function (e) {
      e.preventDefault();
      var file = chosen || ip.elements.file.files[0];
      if (!file) { cairn.flash('Import: choose or drop a plan file first', 'error'); return; }
      upload(file, false).then(function (r) {
        if (!r.ok) { cairn.flash('Import: ' + (r.d.detail || 'failed'), 'error'); return; }
        location.href = '/projects/' + encodeURIComponent(r.d.key);
      });
    });
  });
})();
