// The weekly timesheet grid: each cell saves through the JSON API when it
// changes (POST a new entry, PATCH one with its version, DELETE an
// emptied one), the week is submitted for approval, and managers approve
// or reject the weeks waiting for them.
(function () {
  'use strict';

  function base(form) { return '/api/v1/projects/' + encodeURIComponent(form.dataset.key) + '/timesheets'; }

  function hours(input) {
    var v = parseFloat(input.value);
    return isNaN(v) ? 0 : v;
  }

  // totals recomputes each row's total and each day's.
  function totals(table) {
    var days = [];
    table.querySelectorAll('#ts-rows tr').forEach(function (tr) {
      var sum = 0;
      tr.querySelectorAll('.ts-cell').forEach(function (c, i) {
        var h = hours(c);
        sum += h;
        days[i] = (days[i] || 0) + h;
      });
      tr.lastElementChild.textContent = String(Math.round(sum * 100) / 100);
    });
    var foot = table.querySelectorAll('tfoot td.num');
    foot.forEach(function (td, i) { td.textContent = String(Math.round((days[i] || 0) * 100) / 100); });
  }

  function save(form, input) {
    var url = base(form), h = hours(input), id = input.dataset.id, what = 'Hours on ' + input.dataset.date;
    var done;
    if (id && h === 0) {
      done = cairn.api('DELETE', url + '/' + id, undefined, input.dataset.version, what).then(function () {
        delete input.dataset.id;
        delete input.dataset.version;
        input.value = '';
      });
    } else if (id) {
      done = cairn.api('PATCH', url + '/' + id, { hours: h }, input.dataset.version, what).then(function (e) {
        input.dataset.version = e.version;
      });
    } else if (h > 0) {
      done = cairn.api('POST', url, { task: Number(input.dataset.task), date: input.dataset.date, hours: h }, undefined, what).then(function (e) {
        input.dataset.id = e.id;
        input.dataset.version = e.version;
      });
    } else {
      return;
    }
    done.then(function () { cairn.flash('Saved'); }, function () { input.focus(); });
  }

  function lockFuture(form, scope) {
    scope.querySelectorAll('.ts-cell').forEach(function (c) {
      if (c.dataset.date > form.dataset.today) {
        c.disabled = true;
        c.title = 'after today';
      }
    });
  }

  // addRow adds an empty row for a task, with a cell for each day.
  function addRow(form, table, option) {
    if (table.querySelector('#ts-rows tr[data-task="' + option.value + '"]')) return;
    var tr = document.createElement('tr');
    tr.dataset.task = option.value;
    var th = document.createElement('th');
    th.scope = 'row';
    th.textContent = option.dataset.label;
    tr.appendChild(th);
    table.querySelectorAll('thead time').forEach(function (t) {
      var td = document.createElement('td');
      var input = document.createElement('input');
      input.className = 'ts-cell';
      input.type = 'number';
      input.min = '0';
      input.max = '24';
      input.step = '0.25';
      input.inputMode = 'decimal';
      input.dataset.task = option.value;
      input.dataset.date = t.getAttribute('datetime');
      input.setAttribute('aria-label', option.dataset.label + ', ' + input.dataset.date + ', hours');
      td.appendChild(input);
      tr.appendChild(td);
    });
    var total = document.createElement('td');
    total.className = 'num';
    tr.appendChild(total);
    table.querySelector('#ts-rows').appendChild(tr);
    lockFuture(form, tr);
    totals(table);
    var first = tr.querySelector('.ts-cell:not([disabled])');
    if (first) first.focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('timesheet');
    if (!form) return;
    var table = form.querySelector('table');
    lockFuture(form, form);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('change', function (e) {
      var t = e.target;
      if (t.classList.contains('ts-cell')) {
        totals(table);
        save(form, t);
      } else if (t.id === 'ts-add' && t.value) {
        addRow(form, table, t.options[t.selectedIndex]);
        t.value = '';
      }
    });
    document.getElementById('ts-submit').addEventListener('click', function () {
      cairn.api('POST', base(form) + '/submit', { week: form.dataset.week }, undefined, 'Week ' + form.dataset.week).then(function () {
        location.reload();
      }, function () {});
    });
    document.querySelectorAll('.ts-review').forEach(function (tr) {
      function review(decision) {
        var body = { user: tr.dataset.user, week: tr.dataset.week, comment: tr.querySelector('.ts-comment').value };
        cairn.api('POST', base(form) + '/' + decision, body, undefined, tr.dataset.user + ', ' + tr.dataset.week).then(function () {
          location.reload();
        }, function () {});
      }
      tr.querySelector('.ts-approve').addEventListener('click', function () { review('approve'); });
      tr.querySelector('.ts-reject').addEventListener('click', function () { review('reject'); });
    });
  });
})();
