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

// Notification preferences: each checkbox saves at once.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var f = document.getElementById('prefs-form');
    if (f) f.addEventListener('change', function (e) {
      var body = {};
      body[e.target.name] = e.target.checked;
      cairn.api('PUT', '/api/v1/me/preferences', body, null, 'Your preferences')
        .then(function () { cairn.flash('Saved your preferences.'); })
        .catch(function () { e.target.checked = !e.target.checked; });
    });
  });
})();
