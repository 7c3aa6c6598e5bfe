/* Help center enhancements; every page works without this file.
   1. Search box type-ahead from /api/suggest/ (ARIA combobox, arrow keys, Enter, Escape).
   2. "도움이 되었나요?" votes sent with fetch, so the page does not reload.
   3. Search facets folded on narrow screens. */
(function () {
  "use strict";

  function setupSuggest(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var url = input.getAttribute("data-suggest-url");
    if (!list || !url || !window.fetch) return;
    var timer = null, active = -1, lastQuery = "", controller = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function render(suggestions) {
      list.textContent = "";
      active = -1;
      if (!suggestions.length) { close(); return; }
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-url", s.url);
        li.textContent = s.title;  // text only: titles are never parsed as HTML
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = s.url;
        });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query) { close(); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.suggestions || []); })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }  // keep the typed text
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = list.querySelectorAll("li")[active].getAttribute("data-url");
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function setupFeedback(form) {
    if (!window.fetch || !window.FormData) return;
    var section = form.closest(".feedback");
    var thanks = section && section.querySelector(".feedback-thanks");
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !thanks) return;  // let the browser post the form
      event.preventDefault();
      var data = new FormData(form);
      data.append(button.name, button.value);
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function () {
          form.remove();
          thanks.hidden = false;
          thanks.focus();
        })
        .catch(function () { form.submit(); });
    });
  }

  // On a phone the facet lists would push the results below the fold; start them folded.
  // Without JS the panel stays open, so every filter remains reachable.
  if (window.matchMedia && window.matchMedia("(max-width: 720px)").matches) {
    document.querySelectorAll("details.facet-panel").forEach(function (panel) {
      if (!panel.querySelector("input:checked")) panel.open = false;
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setupSuggest);
  document.querySelectorAll(".feedback-form").forEach(setupFeedback);
})();
