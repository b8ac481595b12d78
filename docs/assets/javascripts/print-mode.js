/*
 * Print buttons of session kits and lecture pages (scripts/hooks/content_pages.py
 * writes them, hidden; this script shows them and makes them work).
 *
 * - 「打印讲义」: the browser's print dialog; docs/assets/stylesheets/print.css
 *   leaves out navigation, quiz answers and the presenter-only section.
 * - 「打印领学人版」/「打印主讲人版」: the same, with the class
 *   `fazhi-print-presenter` on <html> while printing, under which print.css
 *   prints the presenter section (and the kit's answer key, opened) and marks
 *   the quiz's correct options. The class is removed after printing.
 *
 * Same origin only, no requests. Works with Material's instant navigation:
 * one click listener for the whole document, and the buttons of each new page
 * are shown from `document$` (Material's page observable) when it exists.
 */
(function () {
  "use strict";
  if (window.fazhiPrint) {
    return; // already loaded (instant navigation does not reload scripts, but be safe)
  }

  var PRESENTER = "fazhi-print-presenter";
  var pending = null; // undo function of the mode set for the current print

  /* Put the page in a print mode; returns a function that undoes it. */
  function enter(mode) {
    var root = document.documentElement;
    var opened = [];
    if (mode === "presenter") {
      root.classList.add(PRESENTER);
      var details = document.querySelectorAll(".fazhi-presenter details:not([open])");
      for (var i = 0; i < details.length; i++) {
        details[i].open = true;
        opened.push(details[i]);
      }
    }
    return function undo() {
      root.classList.remove(PRESENTER);
      for (var j = 0; j < opened.length; j++) {
        opened[j].open = false;
      }
    };
  }

  function finish() {
    if (pending) {
      var undo = pending;
      pending = null;
      undo();
    }
  }

  /* Print the page in ``mode`` ("learner" or "presenter"). */
  function printAs(mode) {
    finish();
    pending = enter(mode);
    // Undone when the browser says printing is over ("afterprint"; also
    // fired by browsers whose window.print() returns before the dialog
    // closes), or at the latest on the next print or the next page.
    window.addEventListener("afterprint", finish, { once: true });
    window.print();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("[data-fazhi-print]") : null;
    if (!button) {
      return;
    }
    event.preventDefault();
    printAs(button.getAttribute("data-fazhi-print") === "presenter" ? "presenter" : "learner");
  });

  function showButtons() {
    finish();
    var boxes = document.querySelectorAll(".fazhi-print-buttons[hidden]");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].hidden = false;
    }
  }

  window.fazhiPrint = { enter: enter, print: printAs };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(showButtons);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButtons);
  } else {
    showButtons();
  }
})();
