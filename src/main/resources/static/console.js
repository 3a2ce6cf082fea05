// Pages that change by themselves (a running execution, the overview) carry data-refresh on <main>
// (milliseconds). This fetches the same page again at that interval and replaces every part marked
// with an id starting "live-" (status and reason, actions, facts, progress, steps), so the whole page
// follows the run without a reload that would lose the reader's place or the last action's result.
// When the fetched page no longer asks to be refreshed (the run has ended), it is shown as it is
// and polling stops. A poll that fails says so on the page, with the time the page was last current.
(function () {
  var main = document.getElementById('main');
  if (!main || !main.getAttribute('data-refresh')) { return; }
  var every = parseInt(main.getAttribute('data-refresh'), 10) || 5000;
  var status = document.getElementById('poll');
  var current = new Date();
  function clock(d) {
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getHours()) + '.' + two(d.getMinutes()) + '.' + two(d.getSeconds());
  }
  function say(text, bad) {
    if (!status) { return; }
    status.textContent = text;
    status.className = 'poll ' + (bad ? 'msg bad' : 'quiet');
  }
  function poll() {
    fetch(window.location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('the console answered ' + r.status); }
        if (/\/login(\?|$)/.test(r.url)) { throw new Error('the session has ended: reload the page to log in again'); }
        return r.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var next = page.getElementById('main');
        if (!next) { throw new Error('the console sent an unexpected page'); }
        var parts = document.querySelectorAll('[id^="live-"]');
        for (var i = 0; i < parts.length; i++) {
          var fresh = page.getElementById(parts[i].id);
          // only what changed, so a link about to be clicked is not swapped for its copy
          if (fresh && fresh.outerHTML !== parts[i].outerHTML) { parts[i].replaceWith(document.importNode(fresh, true)); }
        }
        current = new Date();
        say('Updated ' + clock(current) + '.', false);
        if (next.getAttribute('data-refresh')) {
          setTimeout(poll, every);
        } else {
          say('It has ended; this is its final state (' + clock(current) + ').', false);
        }
      })
      .catch(function (e) {
        say('Could not refresh at ' + clock(new Date()) + ' (' + e.message + '); the page shows the state of '
          + clock(current) + '. Trying again.', true);
        setTimeout(poll, Math.max(every, 5000));
      });
  }
  setTimeout(poll, every);
})();
