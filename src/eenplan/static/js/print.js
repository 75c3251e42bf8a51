// SPDX-License-Identifier: EUPL-1.2
// The print button of the household's plan (a file, not inline: the CSP forbids inline script).
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button) button.addEventListener("click", function () { window.print(); });
})();
