/* Material for MkDocs' inline head snippet (partials/javascripts/base.html), as a file: the
   Content-Security-Policy forbids inline scripts. It must run before Material's bundle, which
   uses these globals. The scope (the site's base URL) and the bundle's address come from the
   script tag's data. */
(function () {
  var script = document.currentScript;
  var scope = (script && script.getAttribute("data-md-scope")) || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* storage full or disabled: Material works without it */
    }
  };

  /* A code block wider than its box scrolls: it takes the keyboard's focus, so that it can be
     scrolled without a mouse (Material's bundle does the same, once it runs). Only pages with
     code blocks read their widths. */
  Array.prototype.forEach.call(document.querySelectorAll("pre > code"), function (code) {
    if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
  });

  /* Material's bundle (the header's shadow, the tabs' and the back-to-top button's moves, the table
     of contents that follows the reading): the page works without it, its menus and drawer are
     CSS. A slow phone spent 200 to 400 ms running it right after the first paint, so it is
     fetched on the reader's first interaction instead. It starts on DOMContentLoaded, which has
     passed by then: the event is sent again for it. What a reader does in the library's search
     form does not count: searching does not need Material's script, and a first search on a
     phone fetches only what searching needs (issue 14: at most 150 KB). */
  var bundle = script && script.getAttribute("data-md-bundle");
  if (bundle) {
    var events = ["pointerdown", "pointermove", "keydown", "touchstart", "scroll", "wheel", "focusin"];
    var load = function (event) {
      var target = event && event.target;
      if (target && target.closest && target.closest(".bridges-library__form")) return;
      events.forEach(function (name) {
        window.removeEventListener(name, load, true);
      });
      var tag = document.createElement("script");
      tag.src = bundle;
      tag.addEventListener("load", function () {
        document.dispatchEvent(new Event("DOMContentLoaded"));
      });
      document.body.appendChild(tag);
    };
    events.forEach(function (name) {
      window.addEventListener(name, load, { capture: true, passive: true });
    });
  }
})();
