// Nhập báo cáo. Each field saves itself through htmx (see the template); this only makes
// Enter move to the next field instead of sending the whole sheet, refuses a file over the
// limit before it is uploaded over a slow connection, and lets a refused section be saved
// over the other person's text when the user chooses to.
(function () {
  var sheet = document.getElementById("entry-form");
  if (sheet) {
    sheet.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
      event.preventDefault();
      var fields = Array.prototype.slice.call(
        sheet.querySelectorAll("input[type=text]:not([readonly]), select:not([disabled]), textarea:not([readonly])")
      );
      var next = fields[fields.indexOf(event.target) + 1];
      if (next) next.focus(); else event.target.blur();
    });
  }
  // «Vẫn lưu nội dung của tôi» after a refused autosave (someone else changed the section):
  // the section now answers for the text stored, so its next save is the user's choice.
  function keepMine(event) {
    return event.target.closest && event.target.closest("[data-keep-mine]");
  }
  // Pressing it leaves the focus in the section: no blur, no second save of the old state.
  document.addEventListener("mousedown", function (event) {
    if (keepMine(event)) event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    var button = keepMine(event);
    if (!button) return;
    var key = button.getAttribute("data-keep-mine");
    var token = document.getElementById("t-" + key);
    var field = document.getElementById(key);
    if (!token || !field || !window.htmx) return;
    token.value = button.getAttribute("data-token");
    window.htmx.trigger(field, "change");
  });
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !input.getAttribute("data-max-bytes")) return;
    var limit = Number(input.getAttribute("data-max-bytes"));
    var tooBig = Array.prototype.some.call(input.files, function (file) { return file.size > limit; });
    input.setCustomValidity(tooBig ? input.getAttribute("data-too-big") : "");
    if (tooBig) input.reportValidity();
  });
})();
