// Period pickers (core/period_picker.py): the first select chooses the period type, the
// second then shows only that type's periods and moves to the one that is due.
(function () {
  function enhance(box) {
    var kind = box.querySelector("[data-period-kind]");
    var period = kind.nextElementSibling;
    function show(move) {
      period.querySelectorAll("optgroup").forEach(function (group) {
        var mine = group.getAttribute("data-kind") === kind.value;
        group.hidden = !mine;
        group.disabled = !mine;
        if (mine && move) {
          var due = group.querySelector("[data-due]") || group.querySelector("option");
          if (due) due.selected = true;
        }
      });
    }
    kind.addEventListener("change", function () { show(true); });
    show(false);
  }
  function init(root) {
    root.querySelectorAll("[data-period-picker]").forEach(function (box) {
      if (!box._pp) { box._pp = true; enhance(box); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
