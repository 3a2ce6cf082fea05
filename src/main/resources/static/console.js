// Live progress of a running execution: polls its JSON every 2 seconds and rewrites the table;
// when the execution no longer runs, reloads the page once to show how it ended.
(function () {
  var section = document.getElementById('progress');
  if (!section) { return; }
  var url = section.getAttribute('data-url');
  function cell(text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    return td;
  }
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) {
        if (!p.running) { window.location.reload(); return; }
        var body = document.getElementById('progress-rows');
        while (body.firstChild) { body.removeChild(body.firstChild); }
        p.lines.forEach(function (l) {
          var tr = document.createElement('tr');
          tr.appendChild(cell(l.step));
          tr.appendChild(cell(l.done + ' of ' + (l.total < 0 ? '?' : l.total), 'num'));
          var td = document.createElement('td');
          var bar = document.createElement('progress');
          bar.max = 100; bar.value = l.percent < 0 ? 0 : l.percent;
          td.appendChild(bar); tr.appendChild(td);
          tr.appendChild(cell(l.rate, 'num'));
          tr.appendChild(cell(l.left));
          body.appendChild(tr);
        });
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
