// Nhập báo cáo. Each field saves itself through htmx (see the template); this only makes
// Enter move to the next field instead of sending the whole sheet, and refuses a file
// over the limit before it is uploaded over a slow connection.
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
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !input.getAttribute("data-max-bytes")) return;
    var limit = Number(input.getAttribute("data-max-bytes"));
    var tooBig = Array.prototype.some.call(input.files, function (file) { return file.size > limit; });
    input.setCustomValidity(tooBig ? input.getAttribute("data-too-big") : "");
    if (tooBig) input.reportValidity();
  });
})();
