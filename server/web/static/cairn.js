// Cairn's shared page script: calls to the JSON API with the session's
// CSRF token and the entity's version (If-Match), a polite message area,
// and the dialog that explains an edit conflict instead of overwriting.
(function () {
  'use strict';

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : '';
  }

  var flashTimer = 0;
  // flash shows a short message in the live region; errors stay until
  // the next message.
  function flash(msg, kind) {
    var el = document.getElementById('flash');
    if (!el) return;
    el.textContent = msg;
    el.className = 'flash ' + (kind || 'ok');
    el.hidden = false;
    clearTimeout(flashTimer);
    if (kind !== 'error') flashTimer = setTimeout(function () { el.hidden = true; }, 4000);
  }

  // conflict explains that someone else saved first and offers a reload.
  // Nothing is retried behind the user's back.
  function conflict(what) {
    var box = document.getElementById('conflict');
    document.getElementById('conflict-text').textContent =
      (what || 'This item') + ' was changed by someone else after you opened this page, so your edit was not saved. ' +
      'Reload to see their change, then make yours again.';
    box.hidden = false;
    document.getElementById('conflict-reload').focus();
  }

  var lastWrite = 0; // when this tab last changed something

  function ApiError(status, problem) {
    this.status = status;
    this.problem = problem || {};
    this.message = (problem && problem.detail) || ('the server answered ' + status);
  }

  // api sends a JSON request to the API. version, when given, goes as
  // If-Match so that a stale edit is refused (412) rather than applied.
  // what names the thing being edited, for the conflict dialog.
  function api(method, url, body, version, what) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var t = csrf();
    if (t) headers['X-CSRF-Token'] = t;
    if (version) headers['If-Match'] = '"' + version + '"';
    // The change stream can announce this write before its answer
    // arrives: note it now, so the echo is not taken for someone else's.
    if (method !== 'GET') lastWrite = Date.now();
    return fetch(url, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (res.status === 412) {
          conflict(what);
          throw new ApiError(412, data);
        }
        if (!res.ok) {
          var err = new ApiError(res.status, data);
          flash((what ? what + ': ' : '') + err.message, 'error');
          throw err;
        }
        if (method !== 'GET') lastWrite = Date.now();
        return data;
      });
    });
  }

  // fragment fetches a server-rendered fragment of the current page, as
  // htmx would.
  function fragment(url) {
    return fetch(url, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new ApiError(res.status, null);
      return res.text();
    }).then(function (html) {
      return new DOMParser().parseFromString(html, 'text/html');
    });
  }

  // live listens to the project's change stream. A change made elsewhere
  // (another person, or this person in another tab) goes to the page's
  // handler (window.cairnLive), which redraws what it can without losing
  // anything being typed; otherwise a notice offers a refresh.
  function live() {
    var el = document.getElementById('live');
    if (!el || !window.EventSource) return;
    var me = (document.querySelector('meta[name="cairn-user"]') || {}).content || '';
    var src = new EventSource(el.dataset.events);
    src.addEventListener('open', function () { document.documentElement.dataset.live = 'open'; });
    src.addEventListener('error', function () { document.documentElement.dataset.live = 'retrying'; });
    src.addEventListener('change', function (ev) {
      var c;
      try { c = JSON.parse(ev.data); } catch (e) { return; }
      if (c.actor === me && Date.now() - lastWrite < 5000) return; // this tab's own edit
      var who = c.actor === me ? 'You (in another tab or window)' : c.actor;
      var text = who + ' ' + c.action + 'd ' + (c.entity === 'dependency' ? 'a link' : 'a ' + c.entity) + '.';
      if (window.cairnLive && window.cairnLive(c, text)) return;
      notice(text);
    });
    window.addEventListener('pagehide', function () { src.close(); });
  }

  // notice says the page is out of date and offers to refresh it.
  function notice(text) {
    var box = document.getElementById('live-notice');
    if (!box) return;
    document.getElementById('live-text').textContent = text + ' This page may be out of date.';
    box.hidden = false;
  }

  document.addEventListener('DOMContentLoaded', function () {
    live();
    var lr = document.getElementById('live-refresh');
    if (lr) lr.addEventListener('click', function () {
      document.getElementById('live-notice').hidden = true;
      if (window.cairnRefresh) window.cairnRefresh(); else location.reload();
    });
    var reload = document.getElementById('conflict-reload');
    if (reload) reload.addEventListener('click', function () { location.reload(); });
    var close = document.getElementById('conflict-close');
    if (close) close.addEventListener('click', function () { document.getElementById('conflict').hidden = true; });
    document.body.addEventListener('htmx:configRequest', function (e) {
      var t = csrf();
      if (t) e.detail.headers['X-CSRF-Token'] = t;
    });
  });

  window.cairn = { api: api, flash: flash, conflict: conflict, fragment: fragment, notice: notice, ApiError: ApiError };
})();
