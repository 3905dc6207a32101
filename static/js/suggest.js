// Suggestions while typing in a search box (an input with data-suggest): the names that
// /search/suggest/ returns, in the page's language, as links under the box. Without this
// script the form still searches; with it, a tap on a name opens that page.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.createElement("ul");
    var asked = 0;
    var timer;
    list.className = "suggestions";
    list.id = input.id + "-suggestions";
    list.hidden = true;
    (input.closest(".search-row") || input).insertAdjacentElement("afterend", list);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", list.id);

    function show(items) {
      list.textContent = "";
      items.forEach(function (item) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        var name = document.createElement("span");
        var kind = document.createElement("span");
        link.href = item.url;
        name.className = "suggestion-name";
        name.textContent = item.label;
        kind.className = "suggestion-kind";
        kind.textContent = item.kind;
        link.append(name, kind);
        entry.appendChild(link);
        list.appendChild(entry);
      });
      list.hidden = items.length === 0;
    }

    function ask() {
      var query = input.value.trim();
      var mine = ++asked;  // only the latest answer is shown, whatever order they come in
      if (!query) {
        show([]);
        return;
      }
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (mine === asked) { show(data.suggestions); } })
        .catch(function () { if (mine === asked) { show([]); } });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);  // one request per pause in typing, not per key
    });
  });
})();
