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
    var cf = document.getElementById('calendar-form');
    if (cf) {
      var rows = cf.querySelector('#holidays tbody');
      var n = rows.children.length;
      var addRow = function () {
        n++;
        var tr = document.createElement('tr');
        [['name', 'text', 'Name of exception '], ['from', 'date', 'First day of exception '], ['to', 'date', 'Last day of exception '],
          ['working', 'text', 'Working hours of exception ']].forEach(function (f) {
          var td = document.createElement('td'), input = document.createElement('input');
          input.name = f[0]; input.type = f[1];
          input.setAttribute('aria-label', f[2] + n + (f[0] === 'working' ? ' (empty: a holiday)' : ''));
          if (f[0] === 'from') input.required = true;
          td.appendChild(input); tr.appendChild(td);
        });
        var td = document.createElement('td'), b = document.createElement('button');
        b.type = 'button'; b.className = 'quiet remove-row'; b.textContent = 'Remove';
        td.appendChild(b); tr.appendChild(td);
        rows.appendChild(tr);
        tr.querySelector('input').focus();
      };
      var add = document.getElementById('add-holiday');
      if (add) add.addEventListener('click', addRow);
      rows.addEventListener('click', function (e) {
        if (e.target.classList.contains('remove-row')) e.target.closest('tr').remove();
      });
      cf.addEventListener('submit', function (e) {
        e.preventDefault();
        var week = {};
        cf.querySelectorAll('.week-grid input').forEach(function (i) { week[i.name] = i.value.trim(); });
        var exceptions = [];
        rows.querySelectorAll('tr').forEach(function (tr) {
          var v = function (n) { return tr.querySelector('[name=' + n + ']').value.trim(); };
          if (!v('from')) return;
          var ex = { name: v('name'), from: v('from') };
          if (v('to') && v('to') !== v('from')) ex.to = v('to');
          if (v('working')) ex.working = v('working');
          exceptions.push(ex);
        });
        cairn.api('PATCH', base() + '/calendar', { week: week, exceptions: exceptions }, cf.dataset.version, 'The calendar')
          .then(function (c) { cf.dataset.version = c.version; cairn.flash('Saved the calendar; the plan is rescheduled.'); })
          .catch(function () {});
      });
    }
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
