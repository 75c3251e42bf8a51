// SPDX-License-Identifier: EUPL-1.2
// The print button of the data export (no inline script: the CSP forbids it).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
