// The code sheet's print button (no inline script: the pages' Content Security Policy).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
