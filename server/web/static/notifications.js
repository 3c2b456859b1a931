// My work's notifications: "Mark all read" through the API.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.getElementById('notes-read');
    if (b) b.addEventListener('click', function () {
      cairn.api('POST', '/api/v1/notifications/read', {}, null, 'Notifications')
        .then(function () { document.getElementById('notifications').remove(); cairn.flash('Marked all read.'); })
        .catch(function () {});
    });
  });
})();
