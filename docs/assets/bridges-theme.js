/* Material for MkDocs' inline head snippet (partials/javascripts/base.html), as a file: the
   Content-Security-Policy forbids inline scripts. It must run before Material's bundle, which
   uses these globals. The scope (the site's base URL) comes from the script tag's data. */
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
})();
