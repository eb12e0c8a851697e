// Số lượng truy cập (h2): one beacon per page load to /_dem/, which counts the visit
// (and the page's view) and answers the current numbers; the page itself stays cached.
// Visitors without JavaScript, which is most bots, are not counted.
(() => {
  "use strict";

  const format = (n) => Number(n).toLocaleString("vi-VN");

  function fill(answer) {
    for (const name of ["views", "online", "total"]) {
      const value = answer[name];
      if (value === null || value === undefined) continue;
      document.querySelectorAll(`[data-counter="${name}"]`).forEach((el) => {
        el.textContent = format(value);
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.querySelector("[data-counters]");
    if (!box) return;
    const article = document.querySelector("[data-page-id]");
    const page = (article && article.dataset.pageId) || box.dataset.page || "";
    const body = new URLSearchParams({ page });
    fetch(box.dataset.url || "/_dem/", {
      method: "POST",
      body,
      keepalive: true,
      credentials: "omit",
      cache: "no-store",
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => answer && fill(answer))
      .catch(() => {});
  });
})();
