/*
 * Law citations (law library, scripts/hooks/law_library.py).
 *
 * 1. Touch screens. A citation is a link to its article whose title holds
 *    the article text; Material's content.tooltips shows it on hover and
 *    while the link has focus. A phone has no hover, and a tap would open the
 *    link at once. So the first tap on a citation only focuses it (the
 *    tooltip appears) and a second tap on the same citation opens the
 *    article. Mouse and keyboard are unchanged.
 *
 * 2. Landing on the article. With navigation.tracking, Material rewrites the
 *    address's #fragment as the reader scrolls, 250 ms after scrolling stops;
 *    a rewrite still pending when a link is followed by instant navigation
 *    lands on the new page with the old page's fragment, and the new page may
 *    then not scroll to the article. When that happens after following a
 *    citation (the fragment then names nothing on the new page), the article
 *    is navigated to again, in place (no new history entry).
 *
 * Document-level listeners only: nothing to re-bind after Material's instant
 * navigation (document$), which only has to forget the state of the page before.
 */
(function () {
  "use strict";

  var touch = false;
  var armed = null;
  var followed = null;

  document.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "touch" || event.pointerType === "pen";
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("a.fazhi-cite") : null;
    if (!link) {
      armed = null;
      return;
    }
    if (touch && armed !== link) {
      // First tap: show the article, do not navigate (nor let instant
      // navigation, which listens further down, follow the link).
      event.preventDefault();
      event.stopPropagation();
      armed = link;
      link.focus();
      return;
    }
    armed = null;
    followed = new URL(link.href, location.href);
  }, true);

  function landOn(url) {
    var id = decodeURIComponent(url.hash.slice(1));
    var checks = 0;
    var timer = setInterval(function () {
      checks += 1;
      var current = decodeURIComponent(location.hash.slice(1));
      if (location.pathname !== url.pathname || location.search !== url.search || checks > 20) {
        clearInterval(timer);
      } else if (current !== id && !document.getElementById(current) && document.getElementById(id)) {
        location.replace(url.href);
      }
    }, 100);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () {
      armed = null;
      var url = followed;
      followed = null;
      if (url && url.hash && url.pathname === location.pathname) {
        landOn(url);
      }
    });
  }
})();
