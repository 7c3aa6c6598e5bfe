// Article form: the body editor (a ProseMirror role="textbox" that django-prose-editor builds after
// loading its modules) has no name of its own; it takes the field's label, so a screen reader says
// "본문(답변)" on entering it and axe's aria-input-field-name rule holds.
(function () {
  "use strict";
  function label(editorBox) {
    var textbox = editorBox.querySelector("[role=textbox][contenteditable]:not([aria-labelledby])");
    var field = editorBox.querySelector("textarea[id]");
    var fieldLabel = field && document.querySelector('label[for="' + field.id + '"]');
    if (!textbox || !fieldLabel) {
      return;
    }
    fieldLabel.id = fieldLabel.id || field.id + "-label";
    textbox.setAttribute("aria-labelledby", fieldLabel.id);
    if (field.hasAttribute("aria-describedby")) {
      textbox.setAttribute("aria-describedby", field.getAttribute("aria-describedby"));
    }
  }
  function labelAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".prose-editor"), label);
  }
  // The editor may be built, and rebuilt (an extension loading late), after the page loads: every
  // new textbox is named as it appears.
  document.addEventListener("DOMContentLoaded", function () {
    labelAll();
    new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
  });
})();
