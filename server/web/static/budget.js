// The Budget page: enter and delete expenses through the JSON API.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('expense-form');
    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var f = form.elements, body = {
          task: Number(f.task.value), date: f.date.value, amount: f.amount.value.trim(),
          description: f.description.value, supplier: f.supplier.value, reference: f.reference.value
        };
        cairn.api('POST', '/api/v1/projects/' + encodeURIComponent(form.dataset.key) + '/expenses', body, undefined, 'The expense')
          .then(function () { location.reload(); }, function () {});
      });
    }
    document.querySelectorAll('.expense-delete').forEach(function (b) {
      b.addEventListener('click', function () {
        cairn.api('DELETE', '/api/v1/projects/' + encodeURIComponent(b.dataset.key) + '/expenses/' + b.dataset.id, undefined,
          b.dataset.version, 'The expense').then(function () { location.reload(); }, function () {});
      });
    });
  });
})();
