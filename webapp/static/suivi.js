/* Relance — the watchlist ("suivi"), a progressive enhancement.
 *
 * Without this script everything works: the list lives in the URL of /suivi
 * (?q=UID,UID&deputes=PA…), and pages link to it. With it, the browser also keeps the
 * list in localStorage, "Suivre" buttons appear on question and deputy pages, the "Suivi"
 * link of the menu opens the kept list, and items can be removed in one click.
 * No network request, no dependency.
 */
(function () {
  "use strict";

  var KEY = "relance.suivi";
  var MAX_ITEMS = 200;
  var KINDS = ["q", "deputes"];

  function empty() { return { q: [], deputes: [] }; }

  function clean(list) {
    var out = empty();
    var seen = 0;
    KINDS.forEach(function (kind) {
      var values = (list && Array.isArray(list[kind])) ? list[kind] : [];
      values.forEach(function (value) {
        value = String(value).trim().toUpperCase();
        if (/^(QANR5L\d{1,2}(QE|QG|QOSD)\d{1,6}|PA\d{1,12})$/.test(value) &&
            out[kind].indexOf(value) < 0 && seen < MAX_ITEMS) {
          out[kind].push(value);
          seen += 1;
        }
      });
    });
    return out;
  }

  function load() {
    try { return clean(JSON.parse(window.localStorage.getItem(KEY) || "{}")); }
    catch (e) { return empty(); }
  }

  function save(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(clean(list))); }
    catch (e) { /* storage full or disabled: the URL still carries the list */ }
  }

  function size(list) { return list.q.length + list.deputes.length; }

  function same(a, b) {
    return a.q.join(",") === b.q.join(",") && a.deputes.join(",") === b.deputes.join(",");
  }

  function suiviPath() {
    var nav = document.querySelector("[data-suivi-nav]");
    return nav ? new URL(nav.getAttribute("href"), window.location.href).pathname : "/suivi";
  }

  function urlOf(list) {
    var params = new URLSearchParams();
    if (list.q.length) { params.set("q", list.q.join(",")); }
    if (list.deputes.length) { params.set("deputes", list.deputes.join(",")); }
    var query = params.toString();
    return suiviPath() + (query ? "?" + query : "");
  }

  function updateNav(list) {
    var nav = document.querySelector("[data-suivi-nav]");
    if (!nav) { return; }
    nav.setAttribute("href", urlOf(list));
    var badge = nav.querySelector(".suivi-count");
    if (!size(list)) {
      if (badge) { badge.remove(); }
      return;
    }
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "suivi-count";
      nav.appendChild(badge);
    }
    badge.textContent = String(size(list));
    badge.setAttribute("aria-label", size(list) + " éléments suivis");
  }

  function setButton(button, followed) {
    button.setAttribute("aria-pressed", followed ? "true" : "false");
    button.textContent = followed ? "Suivi ✓ — ne plus suivre" : "Suivre";
  }

  function toggleButtons() {
    var buttons = document.querySelectorAll("button.suivre[data-suivi-kind][data-suivi-id]");
    Array.prototype.forEach.call(buttons, function (button) {
      var kind = button.getAttribute("data-suivi-kind");
      var id = button.getAttribute("data-suivi-id");
      if (KINDS.indexOf(kind) < 0) { return; }
      setButton(button, load()[kind].indexOf(id) >= 0);
      button.hidden = false;
      var link = button.parentNode.querySelector(".suivre-lien");
      if (link) { link.hidden = true; }
      button.addEventListener("click", function () {
        var list = load();
        var at = list[kind].indexOf(id);
        if (at >= 0) { list[kind].splice(at, 1); }
        else if (size(list) < MAX_ITEMS) { list[kind].push(id); }
        save(list);
        setButton(button, load()[kind].indexOf(id) >= 0);
        updateNav(load());
      });
    });
  }

  function watchlistPage() {
    var stored = load();
    if (document.querySelector("[data-suivi-empty]") && size(stored)) {
      window.location.replace(urlOf(stored));  // open the list this browser keeps
      return;
    }
    var holder = document.querySelector("[data-suivi-list]");
    if (!holder) { return; }
    var shown = clean({
      q: (holder.getAttribute("data-suivi-q") || "").split(",").filter(Boolean),
      deputes: (holder.getAttribute("data-suivi-deputes") || "").split(",").filter(Boolean)
    });
    var saveButton = holder.querySelector("[data-suivi-save]");
    if (saveButton && !same(shown, stored)) {
      saveButton.hidden = false;
      saveButton.addEventListener("click", function () {
        save(shown);
        saveButton.hidden = true;
        updateNav(load());
      });
    }
    var removers = document.querySelectorAll("button[data-suivi-remove]");
    Array.prototype.forEach.call(removers, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var kind = button.getAttribute("data-suivi-kind");
        var id = button.getAttribute("data-suivi-id");
        // The list this browser keeps follows the removal only when it is this list.
        var wasStored = same(shown, load());
        var at = shown[kind] ? shown[kind].indexOf(id) : -1;
        if (at >= 0) { shown[kind].splice(at, 1); }
        if (wasStored) { save(shown); }
        window.location.assign(urlOf(shown));
      });
    });
  }

  function start() {
    updateNav(load());
    toggleButtons();
    watchlistPage();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
