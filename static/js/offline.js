// The offline page (templates/offline.html): lists the pages the service worker (static/js/sw.js)
// saved on this phone, newest first, read from its cache. Tonight's link to their saved copy;
// those of an earlier night are named with their date but not linked: offline, the worker
// does not show them as tonight's. Only the pages in this page's language are listed. The
// words come from the list's data-* attributes.
(function () {
  "use strict";
  var list = document.getElementById("saved-pages");
  if (!list || !window.caches) return;
  var words = list.dataset;
  var lang = document.documentElement.lang;
  var dayFormat = new Intl.DateTimeFormat(lang, { timeZone: "Asia/Shanghai", month: "long", day: "numeric" });

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }
  // The site's clock and night, by the shifts the page gives (core/nighttime.py phone_shifts).
  function clock(ms) { return new Date(ms + Number(words.clockShift)).toISOString().slice(11, 16); }
  function nightOf(ms) { return new Date(ms + Number(words.nightShift)).toISOString().slice(0, 10); }

  // One saved copy: its address, its title (without the site's name) and when it was saved.
  function describe(cache, request) {
    return cache.match(request).then(function (response) {
      var savedAt = Number(response.headers.get("X-Saved-At"));
      return response.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var title = doc.title.slice(0, doc.title.lastIndexOf(" · ")) || doc.title;
        return { path: new URL(request.url).pathname, title: title, lang: doc.documentElement.lang, savedAt: savedAt };
      });
    });
  }

  function show(copies) {
    var tonight = nightOf(Date.now());
    // The pages saved in this page's language: an English page lists English pages.
    copies = copies.filter(function (copy) { return copy.lang.toLowerCase() === lang.toLowerCase(); });
    copies.sort(function (a, b) { return b.savedAt - a.savedAt; }).forEach(function (copy) {
      var item = document.createElement("li");
      var name = document.createElement(nightOf(copy.savedAt) === tonight ? "a" : "span");
      name.textContent = copy.title;
      name.lang = copy.lang;
      if (name.tagName === "A") {
        name.href = copy.path;
        item.append(name, " ", fill(words.tonight, { time: clock(copy.savedAt) }));
      } else {
        item.append(name, " ", fill(words.earlier, { date: dayFormat.format(copy.savedAt), time: clock(copy.savedAt) }));
      }
      list.querySelector("ul").append(item);
    });
    list.hidden = copies.length === 0;
    document.getElementById("nothing-saved").hidden = copies.length > 0;
  }

  caches.open("saved-pages").then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) { return describe(cache, request); }));
    });
  }).then(show);
})();
