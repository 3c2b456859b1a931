// The Reports tab: draft this week's report, edit a draft's summary,
// decisions and RAG overrides (each with a justification), and publish
// it, all through the API with the report's version as If-Match.
(function () {
  'use strict';
  function base(key) { return '/api/v1/projects/' + encodeURIComponent(key) + '/reports'; }

  // showError puts a message beside the form, where the eye already is.
  function showError(msg) {
    var el = document.getElementById('report-form-error');
    if (!el) return;
    el.textContent = msg;
    el.hidden = !msg;
  }

  // edit reads the draft's form as a PATCH body, or returns null after
  // saying what is missing: an override needs its justification.
  function edit(form) {
    var body = {
      summary: form.elements.summary.value,
      decisions: form.elements.decisions.value.split('\n').map(function (s) { return s.trim(); })
        .filter(function (s) { return s; }),
      overrides: []
    };
    var rows = form.querySelectorAll('tr[data-area]');
    for (var i = 0; i < rows.length; i++) {
      var area = rows[i].dataset.area;
      var level = form.elements['level-' + area].value, why = form.elements['why-' + area];
      if (!level) continue;
      if (!why.value.trim()) {
        showError('Say why ' + area + ' is ' + level + ': overriding a computed level needs a justification.');
        why.focus();
        return null;
      }
      body.overrides.push({ area: area, level: level, justification: why.value.trim() });
    }
    return body;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var df = document.getElementById('draft-form');
    if (df) df.addEventListener('submit', function (e) {
      e.preventDefault();
      var body = { period_end: df.elements.period_end.value, period_days: Number(df.elements.period_days.value) || 7 };
      cairn.api('POST', base(df.dataset.key), body, null, 'The report')
        .then(function (r) { location.href = '/projects/' + encodeURIComponent(df.dataset.key) + '/reports/' + r.id; })
        .catch(function () {});
    });

    var form = document.getElementById('report-form');
    if (!form) return;
    var url = base(form.dataset.key) + '/' + form.dataset.id;
    var save = function () {
      showError('');
      var body = edit(form);
      if (!body) return Promise.reject(new Error('invalid'));
      return cairn.api('PATCH', url, body, form.dataset.version, 'This report').then(function (r) {
        form.dataset.version = r.version;
        return r;
      }, function (err) {
        if (err && err.status !== 412 && err.message) showError(err.message);
        throw err;
      });
    };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      save().then(function () { location.reload(); }).catch(function () {});
    });
    document.getElementById('publish').addEventListener('click', function () {
      // Publishing saves what is in the form first, so nothing typed is lost.
      save().then(function (r) {
        return cairn.api('POST', url + '/publish', undefined, r.version, 'This report');
      }).then(function () { location.reload(); }).catch(function () {});
    });
  });
})();
