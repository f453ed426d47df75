// Small behaviours shared by ordinary pages; kept out of the templates so that the
// Content-Security-Policy can forbid every inline script.
(function () {
  "use strict";
  // A summary of errors takes the focus, so a screen reader reads it first.
  const first = document.querySelector("[data-autofocus]");
  if (first) first.focus();

  // An action that cannot be undone asks first: a form, or one button of it, says what in
  // data-confirm. Without JavaScript the action simply goes ahead, as a plain form would.
  document.addEventListener("submit", (event) => {
    const asking = (event.submitter && event.submitter.dataset.confirm) || event.target.dataset.confirm;
    if (asking && !window.confirm(asking)) event.preventDefault();
  });

  // A secret address shown once: a click selects it; "Copy" copies it where a clipboard exists.
  document.querySelectorAll("input[data-copy]").forEach((input) => {
    input.addEventListener("click", () => input.select());
  });
  document.querySelectorAll("button[data-copy-from]").forEach((button) => {
    button.addEventListener("click", () => {
      const input = document.getElementById(button.dataset.copyFrom);
      const result = document.getElementById(button.dataset.copyResult);
      const byHand = "The link is selected: copy it with your device's copy command.";
      input.select();
      // Without a clipboard (plain http on a clinic network) the text is selected to copy by hand.
      if (!navigator.clipboard) { result.textContent = byHand; return; }
      navigator.clipboard.writeText(input.value).then(
        () => { result.textContent = "Copied. Paste it into a message to the client."; },
        () => { result.textContent = byHand; }
      );
    });
  });
})();
