// The Plan page: inline editing of the task table, keyboard moves and
// indenting, links typed as "3FS+2d", and dragging Gantt bars to move,
// resize or link them. Every change goes to the JSON API with the task's
// version; the server reschedules, and the page then fetches its body
// again and swaps in only the rows that changed, and the chart.
(function () {
  'use strict';

  function body() { return document.getElementById('plan-body'); }
  function key() { return body().dataset.key; }
  function editable() { var b = body(); return b && b.dataset.editable === 'true'; }
  function apiBase() { return '/api/v1/projects/' + encodeURIComponent(key()); }
  function rowByID(id) { return document.getElementById('row-' + id); }
  function taskName(tr) { return key() + '-' + tr.dataset.uid; }

  // refresh fetches the page's body again and swaps in what changed:
  // rows whose fingerprint differs, rows added or gone, and the chart.
  // The focused cell keeps its focus.
  function refresh() {
    var active = document.activeElement;
    var focusRow = active && active.closest ? active.closest('tr[data-id]') : null;
    var focusField = active && active.dataset ? active.dataset.field : null;
    var focusID = focusRow ? focusRow.id : null;
    return cairn.fragment(location.pathname + location.search).then(function (doc) {
      var fresh = doc.getElementById('plan-body');
      var cur = body();
      if (!fresh || !cur) return;
      var tbody = cur.querySelector('#plan-table tbody');
      var old = {};
      tbody.querySelectorAll('tr[data-id]').forEach(function (tr) { old[tr.id] = tr; });
      var prev = null;
      fresh.querySelectorAll('#plan-table tbody tr[data-id]').forEach(function (nr) {
        var or = old[nr.id];
        var use = or;
        if (!or || or.dataset.sig !== nr.dataset.sig) {
          use = document.importNode(nr, true);
          use.classList.add('changed');
          if (or) or.replaceWith(use);
        }
        delete old[nr.id];
        var want = prev ? prev.nextElementSibling : tbody.firstElementChild;
        if (want !== use) tbody.insertBefore(use, want);
        prev = use;
      });
      Object.keys(old).forEach(function (id) { old[id].remove(); });
      var table = cur.querySelector('#plan-table');
      table.className = fresh.querySelector('#plan-table').className;
      cur.querySelector('.gantt-pane').replaceWith(document.importNode(fresh.querySelector('.gantt-pane'), true));
      var pager = cur.querySelector('.pager'), npager = fresh.querySelector('.pager');
      if (pager && npager) pager.replaceWith(document.importNode(npager, true));
      cur.dataset.uids = fresh.dataset.uids;
      if (focusID && focusField && document.activeElement !== active) {
        var tr = document.getElementById(focusID);
        var input = tr && tr.querySelector('[data-field="' + focusField + '"]');
        if (input) input.focus();
      }
      addLinkHandles();
      if (window.htmx) htmx.process(cur);
      document.dispatchEvent(new CustomEvent('cairn:plan-updated'));
    });
  }

  function patchTask(tr, fields) {
    return cairn.api('PATCH', apiBase() + '/tasks/' + tr.dataset.id, fields, tr.dataset.version, taskName(tr))
      .then(function (t) { tr.dataset.version = t.version; return t; });
  }

  // fieldsFor turns an edited cell into the PATCH that records it. Typing
  // a date into an automatically scheduled task does what MS Project
  // does: it sets a "no earlier than" constraint on that date.
  function fieldsFor(input) {
    var v = input.value.trim();
    switch (input.dataset.field) {
      case 'name': return { name: v };
      case 'duration': return { duration: v || '0d' };
      case 'percent_complete': return { percent_complete: Math.max(0, Math.min(100, parseInt(v || '0', 10) || 0)) };
      case 'start': return v ? { constraint: 'SNET', constraint_date: v } : { constraint: 'ASAP' };
      case 'finish': return v ? { constraint: 'FNET', constraint_date: v } : { constraint: 'ASAP' };
    }
    return null;
  }

  var saving = new WeakMap();

  // save records one cell, once: a cell whose value is the one the page
  // was given is left alone.
  function save(input) {
    if (input.value === input.defaultValue) return Promise.resolve();
    if (saving.get(input) === input.value) return Promise.resolve();
    var tr = input.closest('tr[data-id]');
    if (input.dataset.field === 'name' && !input.value.trim()) {
      cairn.flash(taskName(tr) + ': a task needs a name', 'error');
      input.value = input.defaultValue;
      return Promise.resolve();
    }
    saving.set(input, input.value);
    var done;
    if (input.dataset.field === 'predecessors') done = savePredecessors(tr, input.value);
    else if (input.dataset.field === 'assignees') done = saveAssignees(tr, input.value);
    else done = patchTask(tr, fieldsFor(input));
    return done.then(function () {
      input.defaultValue = input.value;
      cairn.flash('Saved ' + taskName(tr) + '; the schedule is updated.');
      return refresh();
    }).catch(function () { /* the message or the conflict dialog is showing */ })
      .finally(function () { saving.delete(input); });
  }

  // parsePredecessors reads "3FS+2d, 5, 7SS-1d" into links by task number.
  function parsePredecessors(text) {
    var out = [];
    var parts = text.split(/[,;]/);
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i].trim();
      if (!p) continue;
      var m = /^(\d+)\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(\d+(?:\.\d+)?\s*(?:e?[mhdw]|emo|mo|%)?))?$/i.exec(p);
      if (!m) throw new Error('"' + p + '" is not a predecessor: write a task number, then optionally a type and a lag, like 3FS+2d');
      var lag = m[4] ? m[4].replace(/\s+/g, '') : '';
      if (lag && /^\d+(\.\d+)?$/.test(lag)) lag += 'd';
      if (lag && m[3] === '-') lag = '-' + lag;
      out.push({ pred: parseInt(m[1], 10), type: (m[2] || 'FS').toUpperCase(), lag: lag });
    }
    return out;
  }

  function sameLag(a, b) {
    var z = function (s) { return (!s || /^-?0+(\.0+)?[a-z%]*$/.test(s)) ? '' : s; };
    return z(a) === z(b);
  }

  // savePredecessors makes the task's incoming links what was typed:
  // new ones are created, changed ones updated, missing ones deleted.
  function savePredecessors(tr, text) {
    var wanted;
    try { wanted = parsePredecessors(text); } catch (e) {
      cairn.flash(taskName(tr) + ': ' + e.message, 'error');
      return Promise.reject(e);
    }
    var uids = JSON.parse(body().dataset.uids || '{}');
    var have = JSON.parse(tr.dataset.preds || '[]');
    var calls = [];
    wanted.forEach(function (w) {
      var pred = uids[w.pred];
      if (!pred) {
        calls.push(function () {
          cairn.flash(taskName(tr) + ': there is no task ' + key() + '-' + w.pred, 'error');
          return Promise.reject(new Error('no such task'));
        });
        return;
      }
      var cur = have.find(function (h) { return h.pred === w.pred; });
      if (!cur) {
        calls.push(function () {
          return cairn.api('POST', apiBase() + '/dependencies', { predecessor: pred, successor: Number(tr.dataset.id), type: w.type, lag: w.lag || '0d' }, 0, taskName(tr));
        });
      } else if (cur.type !== w.type || !sameLag(cur.lag, w.lag)) {
        calls.push(function () {
          return cairn.api('PATCH', apiBase() + '/dependencies/' + cur.id, { type: w.type, lag: w.lag || '0d' }, cur.version, 'The link ' + w.pred + '→' + tr.dataset.uid);
        });
      }
    });
    have.forEach(function (h) {
      if (!wanted.some(function (w) { return w.pred === h.pred; })) {
        calls.push(function () { return cairn.api('DELETE', apiBase() + '/dependencies/' + h.id, undefined, h.version, 'The link ' + h.pred + '→' + tr.dataset.uid); });
      }
    });
    return calls.reduce(function (p, call) { return p.then(call); }, Promise.resolve());
  }

  // saveAssignees sets who works on the task from "Sam Patel, Priya Nair
  // [50%]": names (or emails), each with its units in brackets when not 100%.
  function saveAssignees(tr, text) {
    var list = [];
    text.split(',').forEach(function (part) {
      var p = part.trim();
      if (!p) return;
      var m = /^(.*?)\s*\[\s*(\d+(?:\.\d+)?)\s*%?\s*\]$/.exec(p);
      list.push(m ? { resource: m[1], units: Number(m[2]) / 100 } : { resource: p });
    });
    return cairn.api('PUT', apiBase() + '/tasks/' + tr.dataset.id + '/assignees', { assignees: list }, tr.dataset.version, taskName(tr))
      .then(function (r) { tr.dataset.version = r.task_version; });
  }

  // move puts the task under a new parent (0: top level).
  function move(tr, parent) {
    return patchTask(tr, { parent: parent ? Number(parent) : null }).then(function () {
      cairn.flash((parent ? 'Indented ' : 'Moved ') + taskName(tr));
      return refresh();
    }).catch(function () {});
  }

  // indent makes the task a subtask of the sibling above it.
  function indent(tr) {
    for (var p = tr.previousElementSibling; p; p = p.previousElementSibling) {
      if (p.dataset.id === tr.dataset.parent) break;
      if (p.dataset.parent === tr.dataset.parent) return move(tr, p.dataset.id);
    }
    cairn.flash(taskName(tr) + ' has no task above it at its level to go under', 'error');
  }

  // outdent moves the task up a level, beside its parent.
  function outdent(tr) {
    if (tr.dataset.parent === '0') {
      cairn.flash(taskName(tr) + ' is already at the top level', 'error');
      return;
    }
    var parent = rowByID(tr.dataset.parent);
    return move(tr, parent ? parent.dataset.parent : 0);
  }

  function onKey(e) {
    var input = e.target;
    if (!input.dataset || !input.dataset.field || !input.closest('#plan-table')) return;
    var tr = input.closest('tr[data-id]');
    if (e.key === 'Enter') {
      e.preventDefault();
      var field = input.dataset.field;
      save(input).then(function () {
        var cur = rowByID(tr.dataset.id) || tr;
        for (var next = cur.nextElementSibling; next; next = next.nextElementSibling) {
          var target = next.querySelector('[data-field="' + field + '"]');
          if (target) { target.focus(); if (target.select) target.select(); return; }
        }
        var nt = document.getElementById('new-task-name');
        if (nt) nt.focus();
      });
    } else if (e.key === 'Escape') {
      input.value = input.defaultValue;
    } else if (e.altKey && e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault();
      if (e.key === 'ArrowRight') indent(tr); else outdent(tr);
    }
  }

  function addTask(e) {
    e.preventDefault();
    var form = e.target;
    var name = form.elements.name.value.trim();
    if (!name) return;
    cairn.api('POST', apiBase() + '/tasks', { name: name, duration: form.elements.duration.value.trim() || '1d' }, 0, 'New task')
      .then(function (t) {
        cairn.flash('Added ' + t.key + ' ' + t.name);
        form.elements.name.value = '';
        return refresh();
      }).then(function () { form.elements.name.focus(); }).catch(function () {});
  }

  // ---- Gantt: drag to move, resize or link ----

  var SVGNS = 'http://www.w3.org/2000/svg';

  function chart() { return document.querySelector('#plan-body .gantt-pane svg'); }

  // addLinkHandles puts a round handle at the end of each bar, to drag
  // a link from.
  function addLinkHandles() {
    if (!editable()) return;
    var svg = chart();
    if (!svg) return;
    svg.querySelectorAll('g[data-task].task, g[data-task].milestone').forEach(function (g) {
      var box = g.querySelector('rect.bar, path.ms');
      if (!box) return;
      var b = box.getBBox();
      var c = document.createElementNS(SVGNS, 'circle');
      c.setAttribute('class', 'link-handle');
      c.setAttribute('cx', b.x + b.width + 6);
      c.setAttribute('cy', b.y + b.height / 2);
      c.setAttribute('r', 4);
      g.appendChild(c);
    });
  }

  function svgX(svg, clientX, clientY) {
    var pt = svg.createSVGPoint();
    pt.x = clientX; pt.y = clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }

  function dateOnly(s) { return s ? s.slice(0, 10) : ''; }

  function addDays(iso, n) {
    var d = new Date(iso.slice(0, 10) + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  // weekdays counts Monday-to-Friday days from date a (exclusive) to b
  // (inclusive), negative when b is before a: the working days a bar's
  // end was dragged by, on a standard week.
  function weekdays(a, b) {
    var sign = b >= a ? 1 : -1, n = 0;
    var d = new Date(a + 'T00:00:00Z'), end = new Date(b + 'T00:00:00Z');
    while ((sign > 0 && d < end) || (sign < 0 && d > end)) {
      d.setUTCDate(d.getUTCDate() + sign);
      var wd = d.getUTCDay();
      if (wd !== 0 && wd !== 6) n += sign;
    }
    return n;
  }

  var drag = null;

  function onPointerDown(e) {
    if (!editable() || e.button !== 0) return;
    var svg = chart();
    if (!svg || !svg.contains(e.target)) return;
    var g = e.target.closest('g[data-task]');
    if (!g || g.classList.contains('summary')) return;
    var tr = rowByID(g.dataset.task);
    if (!tr) return;
    var p = svgX(svg, e.clientX, e.clientY);
    var bar = g.querySelector('rect.bar');
    var mode = 'move';
    if (e.target.classList.contains('link-handle')) mode = 'link';
    else if (bar) {
      var right = Number(bar.getAttribute('x')) + Number(bar.getAttribute('width'));
      if (p.x > right - 6) mode = 'resize';
    }
    drag = { svg: svg, g: g, tr: tr, bar: bar, mode: mode, x0: p.x, y0: p.y, dx: 0, width: bar ? Number(bar.getAttribute('width')) : 0 };
    if (mode === 'link') {
      var l = document.createElementNS(SVGNS, 'line');
      l.setAttribute('class', 'link-draft');
      l.setAttribute('x1', e.target.getAttribute('cx')); l.setAttribute('y1', e.target.getAttribute('cy'));
      l.setAttribute('x2', p.x); l.setAttribute('y2', p.y);
      svg.appendChild(l);
      drag.line = l;
    }
    svg.setPointerCapture(e.pointerId);
    g.classList.add('dragging');
    e.preventDefault();
  }

  function onPointerMove(e) {
    if (!drag) return;
    var p = svgX(drag.svg, e.clientX, e.clientY);
    drag.dx = p.x - drag.x0;
    if (drag.mode === 'move') drag.g.setAttribute('transform', 'translate(' + drag.dx + ',0)');
    else if (drag.mode === 'resize') drag.bar.setAttribute('width', Math.max(2, drag.width + drag.dx));
    else { drag.line.setAttribute('x2', p.x); drag.line.setAttribute('y2', p.y); }
  }

  function onPointerUp(e) {
    if (!drag) return;
    var d = drag;
    drag = null;
    d.g.classList.remove('dragging');
    if (d.line) d.line.remove();
    var days = Math.round(d.dx / Number(d.svg.dataset.pxPerDay));
    var done;
    if (d.mode === 'link') {
      var under = document.elementFromPoint(e.clientX, e.clientY);
      var g = under && under.closest ? under.closest('g[data-task]') : null;
      if (!g || g === d.g) { refreshSoon(); return; }
      var succ = rowByID(g.dataset.task);
      done = cairn.api('POST', apiBase() + '/dependencies', { predecessor: Number(d.tr.dataset.id), successor: Number(g.dataset.task), type: 'FS' }, 0,
        'The link ' + taskName(d.tr) + '→' + (succ ? taskName(succ) : 'task'))
        .then(function () { cairn.flash('Linked ' + taskName(d.tr) + ' to ' + (succ ? taskName(succ) : 'its successor')); });
    } else if (days === 0) {
      refreshSoon();
      return;
    } else if (d.mode === 'move') {
      var start = addDays(d.tr.dataset.start, days);
      done = patchTask(d.tr, { constraint: 'SNET', constraint_date: start })
        .then(function () { cairn.flash(taskName(d.tr) + ' now starts no earlier than ' + start); });
    } else {
      var finish = dateOnly(d.tr.dataset.finish);
      var dur = Math.max(1, Math.round(Number(d.tr.dataset.days) + weekdays(finish, addDays(finish, days))));
      done = patchTask(d.tr, { duration: dur + 'd' })
        .then(function () { cairn.flash(taskName(d.tr) + ' now takes ' + dur + ' days'); });
    }
    done.then(refresh, refreshSoon);
  }

  function refreshSoon() { refresh().catch(function () {}); }

  function saveBaseline(e) {
    var n = Number(e.target.dataset.number || 0);
    cairn.api('POST', apiBase() + '/baselines', { number: n }, 0, 'Baseline ' + n).then(function () {
      cairn.flash('Saved baseline ' + n + ': the current dates are now what slippage is measured against.');
      var box = document.querySelector('#plan-toggles input[name="baseline"]');
      if (box) { box.value = String(n); box.checked = true; box.dispatchEvent(new Event('change', { bubbles: true })); }
    }).catch(function () {});
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.addEventListener('keydown', onKey);
    document.addEventListener('change', function (e) {
      if (e.target.dataset && e.target.dataset.field && e.target.closest('#plan-table')) save(e.target);
    });
    document.addEventListener('submit', function (e) {
      if (e.target.id === 'new-task') addTask(e);
    });
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('pointermove', onPointerMove);
    document.addEventListener('pointerup', onPointerUp);
    document.addEventListener('htmx:afterSwap', addLinkHandles);
    var sb = document.getElementById('save-baseline');
    if (sb) sb.addEventListener('click', saveBaseline);
    addLinkHandles();
    var m = /^#row-(\d+)$/.exec(location.hash);
    if (m && rowByID(m[1])) {
      var tr = rowByID(m[1]);
      tr.classList.add('changed');
      tr.scrollIntoView({ block: 'center' });
      var f = tr.querySelector('input');
      if (f) f.focus({ preventScroll: true });
    }
  });

  // editing reports whether a cell of the table holds unsaved typing.
  function editing() {
    return Array.prototype.some.call(document.querySelectorAll('#plan-table [data-field]'), function (i) {
      return i.value !== i.defaultValue;
    });
  }

  // A change made elsewhere redraws the plan at once, unless the user is
  // typing: then a notice waits, and their save meets the version check.
  window.cairnLive = function (change, text) {
    if (editing() || drag) return false;
    refresh().then(function () { cairn.flash(text + ' The plan is up to date.'); }).catch(function () {});
    return true;
  };
  window.cairnRefresh = function () { refresh().catch(function () { location.reload(); }); };

  window.cairnPlan = { refresh: refresh, parsePredecessors: parsePredecessors };
})();
