// Tonight in the pocket (docs/pages.md, "Offline and installing"). Registers the service worker
// (/sw.js). On a copy it saved (<html data-saved-at>, served only offline), says when it was
// saved and counts the time left to each last bus (<time data-last-run datetime>) on the phone,
// as transit/wayback.py time_left_text words it on the server, in the words this script's own
// tag carries (data-*, translated by the page), so one script speaks both languages.
(function () {
  "use strict";
  var words = document.currentScript.dataset;
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js");
      // A page the worker did not serve (the first one a visitor opens) tells it its address,
      // so that the worker keeps it too (static/js/sw.js, "message").
      if (!navigator.serviceWorker.controller && !document.documentElement.dataset.savedAt) {
        navigator.serviceWorker.ready.then(function (registration) {
          registration.active.postMessage({ landed: location.pathname });
        });
      }
    });
  }
  var savedAt = Number(document.documentElement.dataset.savedAt);
  if (!savedAt) return;

  // "last bus in %(minutes)s min" with {minutes: 40}: Django's placeholders, filled here.
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }
  // HH:MM in Luoyang, whatever the phone's time zone: the page gives the shift
  // (core/nighttime.py phone_shifts), so no rule is copied here.
  function clock(ms) {
    return new Date(ms + Number(words.clockShift)).toISOString().slice(11, 16);
  }
  // transit/wayback.py time_left_text: nothing beyond the page's countdown minutes, never negative.
  function leftText(minutes) {
    if (minutes > Number(words.countdownMinutes)) return "";
    if (minutes < 0) return words.gone;
    if (minutes === 0) return words.dueNow;
    if (minutes < 60) return fill(words.minutes, { minutes: minutes });
    var hours = Math.floor(minutes / 60);
    return fill(minutes % 60 ? words.hoursMinutes : words.hours, { hours: hours, minutes: minutes % 60 });
  }
  // Minutes from now to each run, counted by the clock's minute as the server does (a run at
  // this very minute is due now, not gone); the run's row greys out once it has gone.
  function recount() {
    document.querySelectorAll("time[data-last-run]").forEach(function (time) {
      var minutes = Math.ceil((Date.parse(time.dateTime) - Date.now()) / 60000);
      time.textContent = leftText(minutes);
      time.classList.toggle("left", time.textContent !== "");  // an empty one takes no room
      time.classList.toggle("left-gone", minutes < 0);
      var row = time.closest(".run");
      if (row) row.classList.toggle("run-gone", minutes < 0);
    });
  }

  var note = document.createElement("p");
  note.className = "notice saved-note";
  note.setAttribute("role", "status");
  note.textContent = fill(words.saved, { time: clock(savedAt) });
  // Above the dark header, not between it and a dark band that opens the page (the home's hero).
  document.querySelector(".site-header").prepend(note);
  recount();
  setInterval(recount, 30 * 1000);
})();
