// Comments under a task, risk or report: post one (its @mentions notify
// members) and delete one's own, through the API; the page then reloads
// to show the list as the server has it.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('comments');
    if (!box) return;
    var form = document.getElementById('comment-form');
    if (form) form.addEventListener('submit', function (e) {
      e.preventDefault();
      cairn.api('POST', box.dataset.url, { body: form.elements.body.value }, null, 'The comment')
        .then(function () { location.reload(); }).catch(function () {});
    });
    box.addEventListener('click', function (e) {
      var b = e.target.closest('.comment-delete');
      if (!b) return;
      cairn.api('DELETE', '/api/v1/projects/' + encodeURIComponent(box.dataset.key) + '/comments/' + b.dataset.id, undefined, null, 'The comment')
        .then(function () { location.reload(); }).catch(function () {});
    });
  });
})();
