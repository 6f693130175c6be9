/* Search-box completions from /api/suggest, as a WAI-ARIA 1.2 combobox (list autocomplete).
 *
 * Progressive enhancement: without this script the form is a plain GET form and still submits.
 * Keyboard: Down/Up move through the list (the input keeps focus; aria-activedescendant names the
 * option), Enter takes the highlighted suggestion and searches it, Escape closes the list (a second
 * Escape is the search field's own: it clears the box), Tab leaves. A polite live region says how many suggestions there are.
 */
(function () {
  "use strict";

  var TYPE_LABELS = { issuer: "发布机构", title: "标题", doc_number: "文号", street: "街道", outage: "停电停水查询" };
  var DELAY_MS = 120; // wait for a pause in typing: one request per pause, not per key
  var LIMIT = 8;

  // An empty date filter is no filter: left out of the address (every search read /search?q=…&date_from=&date_to=),
  // so the URL a citizen copies or shares holds what was asked. pageshow: a page restored by Back gets its fields again.
  function dropEmptyDates(form) {
    function dates(disabled) {
      var fields = form.querySelectorAll("input[type=date]");
      for (var i = 0; i < fields.length; i++) fields[i].disabled = disabled && !fields[i].value;
    }
    form.addEventListener("submit", function () { dates(true); });
    window.addEventListener("pageshow", function () { dates(false); });
  }

  function init(input) {
    var form = input.form;
    var list = document.getElementById(input.getAttribute("data-suggest-list"));
    var status = document.getElementById(input.getAttribute("data-suggest-status"));
    if (!form || !list || !status || !window.fetch) return;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-haspopup", "listbox");
    list.setAttribute("role", "listbox");

    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function isOpen() {
      return input.getAttribute("aria-expanded") === "true";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function clear() {
      close();
      options = [];
      list.textContent = "";
    }

    function highlight(index) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
        options[active].classList.remove("active");
      }
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var option = options[index];
      option.setAttribute("aria-selected", "true");
      option.classList.add("active");
      input.setAttribute("aria-activedescendant", option.id);
      if (option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      var option = options[index];
      if (!option) return;
      input.value = option.getAttribute("data-value");
      clear();
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    }

    function render(prefix, suggestions) {
      list.textContent = "";
      options = [];
      active = -1;
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-value", s.text);
        var text = document.createElement("span");
        text.className = "suggest-text";
        text.textContent = s.text;
        var kind = document.createElement("span");
        kind.className = "suggest-type";
        kind.textContent = TYPE_LABELS[s.type] || s.type;
        li.appendChild(text);
        li.appendChild(kind);
        // mousedown, not click: it comes before the input's blur, which would close the list first.
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(li);
        options.push(li);
      });
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = "有 " + options.length + " 条建议，用上下方向键选择，回车搜索";
      } else {
        close();
        status.textContent = "";
      }
    }

    function ask() {
      var prefix = input.value.trim();
      if (!prefix) {
        clear();
        return;
      }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      // under a portal's path (feeds.public_base_url https://portal/gongkai) the API is there too: data-suggest-base
      var url = (input.getAttribute("data-suggest-base") || "") + "/api/suggest?limit=" + LIMIT + "&q=" + encodeURIComponent(prefix);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (body) {
          if (input.value.trim() !== prefix || document.activeElement !== input) return; // typed on, or left
          render(prefix, body.suggestions || []);
        })
        .catch(function () { /* aborted or offline: the box keeps working as a plain form */ });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    }

    // While an input method composes (pinyin letters before the characters are chosen) there is nothing to ask.
    input.addEventListener("input", function (event) {
      if (!event.isComposing) later();
    });
    input.addEventListener("compositionend", later);

    input.addEventListener("keydown", function (event) {
      if (event.isComposing || event.keyCode === 229) return; // an IME (pinyin) is composing: its keys are its own
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!isOpen()) {
            if (options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
            else ask();
            if (options.length) highlight(0);
          } else {
            highlight(active + 1 < options.length ? active + 1 : 0);
          }
          break;
        case "ArrowUp":
          if (!isOpen()) return;
          event.preventDefault();
          highlight(active > 0 ? active - 1 : options.length - 1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            choose(active);
          } else {
            clear(); // a plain submit of what was typed
          }
          break;
        case "Escape":
          if (isOpen()) { // closes the list and keeps the text; closed, the search box's own Escape clears it
            event.preventDefault();
            close();
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
  }

  // Every GET form of the page, the search box's and the outage lookup's (its /outages?area=…&date=&until= too)
  var forms = document.querySelectorAll("form[method=get]");
  for (var f = 0; f < forms.length; f++) dropEmptyDates(forms[f]);
  var inputs = document.querySelectorAll("input[data-suggest-list]");
  for (var i = 0; i < inputs.length; i++) init(inputs[i]);
})();
