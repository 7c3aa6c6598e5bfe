// Article form: the body editor (a ProseMirror role="textbox" that django-prose-editor builds after
// loading its modules) has no name of its own; it takes the field's label, so a screen reader says
// "본문(답변)" on entering it and axe's aria-input-field-name rule holds.
(function () {
  "use strict";
  function labelled(editorBox) {
    var textbox = editorBox.querySelector("[role=textbox][contenteditable]");
    var field = editorBox.querySelector("textarea[id]");
    var label = field && document.querySelector('label[for="' + field.id + '"]');
    if (!textbox || !label) {
      return false;
    }
    label.id = label.id || field.id + "-label";
    textbox.setAttribute("aria-labelledby", label.id);
    if (field.hasAttribute("aria-describedby")) {
      textbox.setAttribute("aria-describedby", field.getAttribute("aria-describedby"));
    }
    return true;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var waiting = function (box) { return !labelled(box); };
    var boxes = Array.prototype.filter.call(document.querySelectorAll(".prose-editor"), waiting);
    if (!boxes.length) {
      return;
    }
    var observer = new MutationObserver(function () {
      boxes = boxes.filter(waiting);
      if (!boxes.length) {
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
