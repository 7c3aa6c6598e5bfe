/* Help center enhancements; every page works without this file.
   Loaded without `defer` so that <html class="js"> is set before the first paint: the CSS folds the
   phone filter panel and hides the apply buttons from the start, and nothing moves after paint.
   1. Type-ahead on every search box (ARIA combobox with list autocomplete).
   2. Instant filters: a ticked facet, a new sort or a removed chip swaps in the new results and
      pushes the URL; Back/Forward swap back, and the form is always rebuilt from the URL.
   3. The phone's "필터 (n)" panel.
   4. "도움이 되었나요?" votes sent with fetch.
   5. The search words marked in an article opened from the results (text nodes only). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // --- 1. Type-ahead -----------------------------------------------------------------------------

  function queryTerms(text) {
    return text.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  // Append `text` to `parent` with every occurrence of a term wrapped in <mark>. Only text nodes are
  // created, so nothing in a title or a query is ever parsed as HTML.
  function appendMarked(parent, text, terms) {
    var lower = text.toLowerCase();
    var marked = new Array(text.length + 1).join("0").split("");
    if (lower.length === text.length) {
      terms.forEach(function (term) {
        for (var at = lower.indexOf(term); at >= 0 && term; at = lower.indexOf(term, at + term.length)) {
          for (var i = at; i < at + term.length; i++) marked[i] = "1";
        }
      });
    }
    var start = 0;
    for (var i = 1; i <= text.length; i++) {
      if (i === text.length || marked[i] !== marked[start]) {
        var piece = document.createTextNode(text.slice(start, i));
        if (marked[start] === "1") {
          var mark = document.createElement("mark");
          mark.appendChild(piece);
          parent.appendChild(mark);
        } else {
          parent.appendChild(piece);
        }
        start = i;
      }
    }
  }

  function setupSuggest(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var url = input.getAttribute("data-suggest-url");
    var status = list && list.parentNode.querySelector(".suggest-status");
    if (!list || !url || !window.fetch) return;
    var timer = null, active = -1, lastQuery = "", controller = null;

    function options() { return list.querySelectorAll("[role=option]"); }

    function setActive(index) {
      var items = options();
      active = index;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      if (active >= 0 && items[active]) {
        input.setAttribute("aria-activedescendant", items[active].id);
        if (items[active].scrollIntoView) items[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show() {
      if (!options().length) return false;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      return true;
    }

    function close() {
      list.hidden = true;
      setActive(-1);
      input.setAttribute("aria-expanded", "false");
    }

    function announce(message) { if (status) status.textContent = message; }

    function render(suggestions, query) {
      list.textContent = "";
      var terms = queryTerms(query);
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-url", s.url);
        appendMarked(li, s.title, terms);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = s.url;
        });
        list.appendChild(li);
      });
      setActive(-1);
      if (suggestions.length) {
        show();
        announce(suggestions.length + "개의 추천 도움말이 있습니다. 위아래 화살표 키로 고를 수 있습니다.");
      } else {
        close();
        announce("");
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query) { render([], ""); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.suggestions || [], query); })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      // A key that confirms or moves a Korean IME composition belongs to the IME, not to us.
      if (event.isComposing || event.keyCode === 229) return;
      var count = options().length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (list.hidden) { show(); setActive(event.key === "ArrowDown" ? 0 : count - 1); return; }
        if (event.key === "ArrowDown") setActive(active >= count - 1 ? 0 : active + 1);
        else setActive(active <= 0 ? count - 1 : active - 1);
      } else if ((event.key === "Home" || event.key === "End") && active >= 0) {
        setActive(-1);  // back to the text box; the caret moves to its start or end as usual
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();  // close, keep the typed text
        close();
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.href = options()[active].getAttribute("data-url");
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  // --- 2. Instant filters ------------------------------------------------------------------------

  var pending = null;
  var liveRegion = null;

  function announcePage(message) {
    if (!liveRegion) {
      liveRegion = document.createElement("p");
      liveRegion.className = "visually-hidden";
      liveRegion.setAttribute("role", "status");
      document.body.appendChild(liveRegion);
    }
    liveRegion.textContent = message;
  }

  function formUrl(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { params.append(name, value); });
    return form.action.split("?")[0] + "?" + params.toString();
  }

  // The form shows exactly what the URL says, whatever the browser restored into it.
  function syncFromUrl(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
    });
    form.querySelectorAll("select").forEach(function (select) {
      var wanted = params.get(select.name);
      Array.prototype.forEach.call(select.options, function (option) {
        option.selected = wanted ? option.value === wanted : option.defaultSelected;
      });
      if (select.selectedIndex < 0) {
        Array.prototype.forEach.call(select.options, function (o) { o.selected = o.defaultSelected; });
      }
    });
    var box = document.getElementById("site-search");
    if (box && form.querySelector("input[name=q]")) box.value = params.get("q") || "";
  }

  function controlSelector(control) {
    if (!control || !control.name) return null;
    if (control.id) return "#" + CSS.escape(control.id);
    return "[name=\"" + CSS.escape(control.name) + "\"][value=\"" + CSS.escape(control.value) + "\"]";
  }

  function swapTo(url, push, focusSelector) {
    var main = document.getElementById("main");
    var results = document.getElementById("results");
    var form = main.querySelector("form[data-instant]");
    var panelOpen = form && form.classList.contains("is-open");
    if (pending) pending.abort();
    pending = new AbortController();
    if (results) results.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin", signal: pending.signal })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("main");
        if (!fresh) throw new Error("no main");
        // Nodes the parser built from our own server's page; DOMParser never runs their scripts.
        var nodes = Array.prototype.slice.call(fresh.childNodes);  // a copy: adopting empties the live list
        main.replaceChildren.apply(main, nodes.map(function (node) { return document.adoptNode(node); }));
        document.title = page.title;
        if (push) window.history.pushState({ helpSearch: true }, "", url);
        enhance(main);
        var newForm = main.querySelector("form[data-instant]");
        if (newForm) {
          if (panelOpen) openPanel(newForm, true);
          syncFromUrl(newForm);
        }
        var target = (focusSelector && main.querySelector(focusSelector)) || document.getElementById("results");
        if (target) target.focus({ preventScroll: !!focusSelector });
        var heading = main.querySelector("h1");
        if (heading) announcePage(heading.textContent);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") window.location.href = url;
      });
  }

  function setupInstant(form) {
    syncFromUrl(form);
    form.addEventListener("change", function (event) {
      if (!event.target.name) return;
      swapTo(formUrl(form), true, controlSelector(event.target));
    });
  }

  function setupSwapLinks(root) {
    root.querySelectorAll("a[data-swap]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        swapTo(link.href, true, null);
      });
    });
  }

  // --- 3. Phone filter panel ---------------------------------------------------------------------

  function openPanel(form, open) {
    var button = form.querySelector(".filter-toggle");
    form.classList.toggle("is-open", open);
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function setupToggle(form) {
    var button = form.querySelector(".filter-toggle");
    if (!button) return;
    button.addEventListener("click", function () { openPanel(form, !form.classList.contains("is-open")); });
  }

  // --- 4. Votes ----------------------------------------------------------------------------------

  function setupFeedback(form) {
    if (!window.fetch || !window.FormData) return;
    var section = form.closest(".feedback");
    var thanks = section && section.querySelector(".feedback-thanks");
    var support = section && section.querySelector(".feedback-support");
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
          if (support && button.value === "no") support.hidden = false;
          thanks.focus();
        })
        .catch(function () { form.submit(); });
    });
  }

  // --- 5. Search words in the article ------------------------------------------------------------

  var PARTICLE_END = /(을|를|이|가|은|는|에서|에|도|으로|로|의)$/;

  function highlightQuery(body) {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var terms = [];
    query.toLowerCase().split(/[\s"'“”‘’.,!?()[\]/]+/).forEach(function (word) {
      if (word.length >= 3) word = word.replace(PARTICLE_END, "");
      if (word.length >= 2 && terms.indexOf(word) < 0) terms.push(word);
    });
    if (!terms.length) return;
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var lower = node.nodeValue.toLowerCase();
      if (!terms.some(function (t) { return lower.indexOf(t) >= 0; })) return;
      var fragment = document.createDocumentFragment();
      appendMarked(fragment, node.nodeValue, terms);
      node.parentNode.replaceChild(fragment, node);
    });
  }

  // --- wiring ------------------------------------------------------------------------------------

  function enhance(root) {
    root.querySelectorAll("input[data-suggest-url]").forEach(setupSuggest);
    root.querySelectorAll(".feedback-form").forEach(setupFeedback);
    if (window.fetch && window.URLSearchParams && window.DOMParser && window.history.pushState && window.CSS) {
      root.querySelectorAll("form[data-instant]").forEach(setupInstant);
      setupSwapLinks(root);
    }
    root.querySelectorAll("form[data-instant]").forEach(setupToggle);
    root.querySelectorAll(".article-body[data-highlight-query]").forEach(highlightQuery);
  }

  function start() {
    enhance(document);
    if (document.querySelector("form[data-instant]")) {
      window.history.replaceState({ helpSearch: true }, "", window.location.href);
      window.addEventListener("popstate", function (event) {
        if (event.state && event.state.helpSearch) swapTo(window.location.href, false, null);
      });
    }
    // Back to this page from another one (the back/forward cache): rebuild the form from the URL.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) document.querySelectorAll("form[data-instant]").forEach(syncFromUrl);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
