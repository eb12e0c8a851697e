// Ý kiến bạn đọc (h2): send the comment form without leaving the article. The server
// answers an "HX-Request" post with the form alone (200 with the thank-you, 400 with the
// errors and the values), which replaces the form in place. Without this script, or if
// the request fails, the form posts normally and the server redirects back.
(() => {
  "use strict";

  function bind(wrap) {
    const form = wrap.querySelector("form");
    if (!form || form.dataset.bound) return;
    form.dataset.bound = "1";
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      let response;
      try {
        response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { "HX-Request": "true" },
          credentials: "omit",
        });
      } catch (error) {
        form.submit();
        return;
      }
      if (response.status !== 200 && response.status !== 400) {
        form.submit();
        return;
      }
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const fresh = holder.querySelector("[data-comment-form]");
      if (!fresh) {
        form.submit();
        return;
      }
      wrap.replaceWith(fresh);
      bind(fresh);
      const focus = fresh.querySelector(".comment-thanks, .comment-errors, [aria-invalid=true]");
      if (focus) focus.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-comment-form]").forEach(bind);
  });
})();
