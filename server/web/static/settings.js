// The Settings page: project details, WIP limits and members, through
// the API with each entity's version.
(function () {
  'use strict';
  function key() { return document.getElementById('project-form').dataset.key; }
  function base() { return '/api/v1/projects/' + encodeURIComponent(key()); }

  document.addEventListener('DOMContentLoaded', function () {
    var pf = document.getElementById('project-form');
    if (pf) pf.addEventListener('submit', function (e) {
      e.preventDefault();
      var f = pf.elements, body = {};
      ['name', 'description', 'sponsor', 'manager', 'client', 'start', 'status_date', 'phase'].forEach(function (n) { body[n] = f[n].value; });
      cairn.api('PATCH', base(), body, pf.dataset.version, 'The project')
        .then(function (p) { pf.dataset.version = p.version; cairn.flash('Saved the project details.'); })
        .catch(function () {});
    });
    var wf = document.getElementById('wip-form');
    if (wf) wf.addEventListener('submit', function (e) {
      e.preventDefault();
      var limits = {};
      Array.prototype.forEach.call(wf.querySelectorAll('input[type=number]'), function (i) {
        if (i.value && Number(i.value) > 0) limits[i.name] = Number(i.value);
      });
      cairn.api('PATCH', base(), { wip_limits: limits }, pf.dataset.version, 'The project')
        .then(function (p) { pf.dataset.version = p.version; cairn.flash('Saved the WIP limits.'); })
        .catch(function () {});
    });
    var ma = document.getElementById('member-add');
    if (ma) ma.addEventListener('submit', function (e) {
      e.preventDefault();
      cairn.api('POST', base() + '/members', { email: ma.elements.email.value.trim(), role: ma.elements.role.value }, 0, 'New member')
        .then(function () { location.reload(); }).catch(function () {});
    });
    var members = document.getElementById('members');
    if (members) {
      members.addEventListener('change', function (e) {
        if (!e.target.classList.contains('member-role')) return;
        var tr = e.target.closest('tr');
        cairn.api('PATCH', base() + '/members/' + encodeURIComponent(tr.dataset.email), { role: e.target.value }, tr.dataset.version, tr.dataset.email)
          .then(function (m) { tr.dataset.version = m.version; cairn.flash(tr.dataset.email + ' is now ' + m.role); })
          .catch(function () {});
      });
      members.addEventListener('click', function (e) {
        if (!e.target.classList.contains('member-remove')) return;
        var tr = e.target.closest('tr');
        if (!confirm('Remove ' + tr.dataset.email + ' from the project?')) return;
        cairn.api('DELETE', base() + '/members/' + encodeURIComponent(tr.dataset.email), undefined, tr.dataset.version, tr.dataset.email)
          .then(function () { tr.remove(); cairn.flash('Removed ' + tr.dataset.email); }).catch(function () {});
      });
    }
  });
})();
