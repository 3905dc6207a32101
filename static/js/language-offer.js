// The offer of the English site (base.html, #language-offer) on a Chinese page, to a browser
// that prefers English to Chinese, until the visitor follows or dismisses it (a cookie). The
// page is the same for everyone, so the page cache may keep it; only this script decides.
(function () {
  "use strict";
  var done = "language_offer=done";
  function remember() {
    document.cookie = done + "; path=/; max-age=31536000; samesite=lax";
  }
  if (document.documentElement.lang === "en") {
    remember();  // found the English site already, through the switch or a link
    return;
  }
  var offer = document.getElementById("language-offer");
  if (!offer || document.cookie.split("; ").indexOf(done) !== -1) return;
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  var first = wanted.map(function (tag) { return tag.toLowerCase(); })
                    .filter(function (tag) { return /^(en|zh)\b/.test(tag); })[0];
  if (!first || first.indexOf("en") !== 0) return;
  offer.hidden = false;
  offer.querySelector("a").addEventListener("click", remember);
  offer.querySelector("button").addEventListener("click", function () {
    remember();
    offer.hidden = true;
  });
})();
