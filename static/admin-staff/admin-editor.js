// Article form: the body editor (a ProseMirror role="textbox" that django-prose-editor builds after
// loading its modules) has no name of its own; it takes the field's label, so a screen reader says
// "본문(답변)" on entering it and axe's aria-input-field-name rule holds. Its toolbar buttons get
// Korean names; its dialogs are translated by our JavaScript catalog (locale/ko/LC_MESSAGES/djangojs.po).
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
  // The toolbar's buttons are titled in English by the library; staff read Korean.
  var gettext = window.gettext || function (text) { return text; };
  var BUTTON_NAMES = {
    "bold": gettext("굵게"),
    "italic": gettext("기울임"),
    "underline": gettext("밑줄"),
    "strike": gettext("취소선"),
    "heading 2": gettext("제목 2"),
    "heading 3": gettext("제목 3"),
    "heading 4": gettext("제목 4"),
    "paragraph": gettext("본문 문단"),
    "unordered list": gettext("글머리 기호 목록"),
    "ordered list": gettext("번호 목록"),
    "blockquote": gettext("주의·참고 상자"),
    "horizontal rule": gettext("구분선"),
    "insert link": gettext("링크 넣기"),
    "remove link": gettext("링크 지우기"),
    "Insert table": gettext("표 넣기"),
    "Merge cells": gettext("셀 합치기"),
    "Split cell": gettext("셀 나누기"),
    "undo": gettext("실행 취소"),
    "redo": gettext("다시 실행"),
    "edit HTML": gettext("HTML 편집"),
    "Toggle fullscreen": gettext("전체 화면"),
  };
  function nameButtons(editorBox) {
    Array.prototype.forEach.call(editorBox.querySelectorAll("button[title]"), function (button) {
      var name = BUTTON_NAMES[button.getAttribute("title")];
      if (name) {
        button.setAttribute("title", name);
        button.setAttribute("aria-label", name);
      }
    });
  }
  function labelAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".prose-editor"), function (box) {
      label(box);
      nameButtons(box);
    });
  }
  // The editor may be built, and rebuilt (an extension loading late), after the page loads: every
  // new textbox is named as it appears.
  document.addEventListener("DOMContentLoaded", function () {
    labelAll();
    new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
  });
})();
