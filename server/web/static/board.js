// The Board page: drag a card to another column (SortableJS, within its
// lane) or pick a column from its "Move to" list; the task's status goes
// to the API with its version, and the board is fetched again so counts
// and WIP warnings are the server's.
(function () {
  'use strict';

  function body() { return document.getElementById('board-body'); }
  function editable() { var b = body(); return b && b.dataset.editable === 'true'; }

  function refresh() {
    return cairn.fragment(location.pathname + location.search).then(function (doc) {
      var fresh = doc.getElementById('board-body');
      if (fresh) body().replaceWith(document.importNode(fresh, true));
      setup();
      document.dispatchEvent(new CustomEvent('cairn:board-updated'));
    });
  }

  // moveCard records a card's new status, then redraws the board; on
  // failure too, so the card goes back where the server has it.
  function moveCard(card, status) {
    var key = body().dataset.key;
    var name = card.querySelector('.key').textContent;
    return cairn.api('PATCH', '/api/v1/projects/' + encodeURIComponent(key) + '/tasks/' + card.dataset.id,
      { status: status }, card.dataset.version, name)
      .then(function () { cairn.flash('Moved ' + name + ' to ' + status.replace('_', ' ')); })
      .catch(function () {})
      .then(refresh)
      .then(function () {
        var sel = document.querySelector('select[data-move="' + card.dataset.id + '"]');
        if (sel) sel.focus();
      });
  }

  function setup() {
    if (!editable()) return;
    if (window.Sortable) {
      document.querySelectorAll('#board-body ul.cards').forEach(function (ul) {
        Sortable.create(ul, {
          group: ul.dataset.lane, // cards stay in their assignee's lane
          animation: 120,
          forceFallback: true, // pointer events: works with a mouse, a pen and touch alike
          filter: 'select, option, label',
          preventOnFilter: false,
          onEnd: function (ev) {
            var status = ev.to.dataset.status;
            if (status && ev.from !== ev.to) moveCard(ev.item, status);
          }
        });
      });
    }
  }

  // A change made elsewhere redraws the board, unless a card is being
  // dragged.
  window.cairnLive = function (change, text) {
    if (document.querySelector('.sortable-chosen')) return false;
    refresh().then(function () { cairn.flash(text + ' The board is up to date.'); }).catch(function () {});
    return true;
  };
  window.cairnRefresh = function () { refresh().catch(function () { location.reload(); }); };

  document.addEventListener('DOMContentLoaded', function () {
    document.addEventListener('change', function (e) {
      var sel = e.target;
      if (!sel.dataset || !sel.dataset.move) return;
      var card = document.getElementById('card-' + sel.dataset.move);
      if (card && sel.value !== card.dataset.status) moveCard(card, sel.value);
    });
    setup();
  });
})();
