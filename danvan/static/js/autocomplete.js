// Pickers (core/autocomplete.py: units, people, documents, reports): a
// <select data-autocomplete> holds the chosen row(s); this adds a search box that asks
// the server as you type (no marks needed), a list to choose from with the arrow keys or
// the mouse, each row with its context (position and unit, number and date...), and, for
// several picks, removable chips instead of "hold Ctrl". Without JavaScript the select
// stays usable.
(function () {
  function csrf(select) {
    var form = select.closest("form");
    var field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function enhance(select) {
    var multiple = select.multiple;
    var box = document.createElement("div");
    box.className = "ac";
    var chips = document.createElement("div");
    chips.className = "ac-chips";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "ac-input";
    input.autocomplete = "off";
    input.placeholder = select.getAttribute("data-placeholder") || "";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    if (label) {
      input.id = select.id + "-tim";
      label.setAttribute("for", input.id);
    }
    var list = document.createElement("ul");
    list.className = "ac-list";
    list.setAttribute("role", "listbox");
    list.id = (select.id || select.name) + "-goi-y";
    input.setAttribute("aria-controls", list.id);
    list.hidden = true;
    box.appendChild(chips);
    box.appendChild(input);
    box.appendChild(list);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.parentNode.insertBefore(box, select.nextSibling);

    var active = -1;
    var timer = null;
    var asked = 0;

    function chosen() {
      return Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value; });
    }
    function drawChosen() {
      chips.textContent = "";
      if (!multiple) {
        var one = chosen()[0];
        input.value = one ? one.textContent : "";
        return;
      }
      chosen().forEach(function (option) {
        var chip = document.createElement("span");
        chip.className = "chip ac-chip";
        chip.textContent = option.textContent + " ";
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link ac-remove";
        remove.setAttribute("aria-label", "Bỏ " + option.textContent);
        remove.textContent = "×";
        remove.addEventListener("click", function () {
          option.selected = false;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          drawChosen();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }
    function choose(item) {
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === String(item.id); });
      if (!option) {
        option = new Option(item.label, item.id);
        select.appendChild(option);
      }
      if (!multiple) {
        Array.prototype.forEach.call(select.options, function (o) { o.selected = false; });
      }
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      close();
      drawChosen();
      if (multiple) input.value = "";
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }
    function show(items, query) {
      list.textContent = "";
      if (!items.length) {
        var none = document.createElement("li");
        none.className = "ac-empty";
        none.textContent = query ? (select.getAttribute("data-empty") || "Không tìm thấy.") : "Gõ để tìm.";
        list.appendChild(none);
      }
      items.forEach(function (item, index) {
        var li = document.createElement("li");
        li.id = list.id + "-" + index;
        li.setAttribute("role", "option");
        li.textContent = item.label;
        if (item.context) {
          var context = document.createElement("small");
          context.className = "ac-context";
          context.textContent = item.context;
          li.appendChild(context);
        }
        if (item.closed) li.className = "ac-closed";
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        li._item = item;
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }
    function ask() {
      var mine = ++asked;
      var body = new URLSearchParams();
      body.set("token", select.getAttribute("data-token"));
      body.set("q", input.value);
      fetch(select.getAttribute("data-autocomplete"), {
        method: "POST",
        headers: { "X-CSRFToken": csrf(select), "Content-Type": "application/x-www-form-urlencoded" },
        body: body,
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (mine === asked) show(data.results || [], input.value);
        })
        .catch(function () { close(); });
    }
    function move(step) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (active + step + items.length) % items.length;
      items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("focus", ask);
    input.addEventListener("blur", function () {
      close();
      if (!multiple) drawChosen();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(list.querySelectorAll("[role=option]")[active]._item);
      }
    });
    drawChosen();
  }

  function init(root) {
    root.querySelectorAll("select[data-autocomplete]").forEach(function (select) {
      // A short list rendered whole stays a plain select when one unit is picked.
      if (select.hasAttribute("data-complete") && !select.multiple) return;
      if (!select._ac) {
        select._ac = true;
        enhance(select);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
