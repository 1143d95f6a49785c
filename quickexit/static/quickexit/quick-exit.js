/*
 * Quick exit: leave the site at once, and keep it from coming back on Back.
 *
 * Inlined in <head> on every page (CSP allows it by its hash), so it runs
 * before the page paints and does not depend on any other script. It reads
 * its configuration from <html data-exit="…" data-exit-escape>, and its words
 * from the control's status region. The markup it expects and what it
 * guarantees: quickexit/README.md.
 */
(function () {
  "use strict";

  // Per tab: sessionStorage "qx" counts the exits made in this tab, and each
  // page load stamps its own history entry with the count it saw. An entry
  // stamped before the latest exit is guarded; a fresh visit after an exit is
  // stamped with the new count, so the person can use the site again while
  // every older entry still leaves on Back or Forward.
  var FLAG = "qx";
  var SHIFT_PRESSES = 3;
  var SHIFT_GAP_MS = 5000; // the most time allowed between two presses
  var ESCAPE_GAP_MS = 1000;

  var root = document.documentElement;
  var destination = root.getAttribute("data-exit") || "https://www.bbc.co.uk/weather";
  var escapeEnabled = root.hasAttribute("data-exit-escape");
  var exiting = false;
  var channel = null;

  // The words come from the server, in the page's language, as data attributes
  // on the status region: data-message-2, data-message-1, data-message-expired
  // and data-message-loading (quickexit/messages.py writes them once).
  function message(key) {
    var region = document.querySelector("[data-quick-exit-status]");
    return (region && region.getAttribute("data-message-" + key)) || "";
  }

  function exitCount() {
    try { return parseInt(window.sessionStorage.getItem(FLAG), 10) || 0; } catch (error) { return 0; }
  }

  function countExit() {
    try {
      window.sessionStorage.setItem(FLAG, String(exitCount() + 1));
    } catch (error) { /* storage blocked: the exit still works, only the Back guard is lost */ }
  }

  function stamp() {
    var state = history.state;
    return state && typeof state[FLAG] === "number" ? state[FLAG] : 0;
  }

  // Whether this history entry was made before the tab's latest exit.
  function fromBeforeAnExit() {
    return exitCount() > stamp();
  }

  function hide(element) {
    element.style.setProperty("display", "none", "important");
  }

  // Remove everything from sight and from the accessibility tree, leaving a
  // blank overlay in the browser's own colours with one neutral word. An open
  // modal dialog, popover or full-screen element would keep the overlay inert
  // or hidden, so they are closed first.
  function cloak() {
    document.title = "";
    try {
      var layers = document.querySelectorAll("dialog[open], :popover-open");
      for (var k = 0; k < layers.length; k++) {
        if (layers[k].tagName === "DIALOG") { layers[k].close(); } else { layers[k].hidePopover(); }
      }
      if (document.fullscreenElement) { document.exitFullscreen(); }
    } catch (error) { /* an older browser: hiding the page below still works */ }
    var icons = document.querySelectorAll("link[rel~='icon']");
    for (var i = 0; i < icons.length; i++) { icons[i].parentNode.removeChild(icons[i]); }
    var body = document.body;
    if (!body) { hide(root); return; }
    for (var child = body.firstElementChild; child; child = child.nextElementSibling) { hide(child); }
    var overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("data-quick-exit-overlay", "");
    var style = overlay.style;
    style.setProperty("position", "fixed", "important");
    style.setProperty("inset", "0", "important");
    style.setProperty("z-index", "2147483647", "important");
    style.setProperty("background", "Canvas", "important");
    style.setProperty("color", "Canvas", "important");
    body.appendChild(overlay);
    overlay.textContent = message("loading");
  }

  function uncloak() {
    root.style.removeProperty("display");
  }

  // Everything here runs in the same task as the input: no timer, await or
  // request comes before location.replace. `how` says whether this is a new
  // exit (counted, so older entries are guarded) and whether to tell other tabs;
  // the guard leaving an old entry again is neither.
  function exitPage(how) {
    if (exiting) { return; }
    exiting = true;
    cloak();
    if (how.count) { countExit(); }
    if (how.tellOtherTabs && channel) { channel.postMessage("exit"); }
    window.location.replace(destination);
  }

  var BY_THE_PERSON = { count: true, tellOtherTabs: true };
  var BY_ANOTHER_TAB = { count: true, tellOtherTabs: false };
  var BY_THE_GUARD = { count: false, tellOtherTabs: false };

  // --- Guard: after an exit, Back/Forward and the back/forward cache leave too.
  var navigation = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0] : null;
  var navigationType = navigation ? navigation.type : "navigate";

  if (navigationType === "back_forward" && fromBeforeAnExit()) {
    hide(root);
    exitPage(BY_THE_GUARD);
    return;
  }
  if (navigationType !== "back_forward") {
    try {
      var state = history.state && typeof history.state === "object" ? history.state : {};
      state[FLAG] = exitCount();
      history.replaceState(state, "");
    } catch (error) { /* history blocked: the page still works */ }
  }

  window.addEventListener("pagehide", function (event) {
    if (event.persisted) { hide(root); } // so a bfcache restore cannot flash the page
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    if (fromBeforeAnExit()) {
      exiting = false;
      exitPage(BY_THE_GUARD);
    } else {
      uncloak();
    }
  });

  // --- Other open tabs of the site leave too.
  if ("BroadcastChannel" in window) {
    channel = new BroadcastChannel(FLAG);
    channel.onmessage = function (event) {
      if (event.data === "exit") { exitPage(BY_ANOTHER_TAB); }
    };
  }

  // --- Progress of the Shift shortcut: a polite status message and three dots.
  // The dots stay hidden (CSS) until the first counted press marks <html>: on a
  // phone with no Shift key they would only be three unexplained circles.
  var presses = 0;
  var pressTimer = null;
  var clearTimer = null;

  function status(text) {
    var regions = document.querySelectorAll("[data-quick-exit-status]");
    for (var i = 0; i < regions.length; i++) { regions[i].textContent = text; }
    var dots = document.querySelectorAll("[data-quick-exit-dot]");
    for (var j = 0; j < dots.length; j++) {
      dots[j].toggleAttribute("data-lit", (j % SHIFT_PRESSES) < presses);
    }
  }

  function resetPresses(announce) {
    var had = presses > 0;
    presses = 0;
    window.clearTimeout(pressTimer);
    window.clearTimeout(clearTimer);
    if (announce && had) {
      status(message("expired"));
      clearTimer = window.setTimeout(function () { status(""); }, SHIFT_GAP_MS);
    } else {
      status("");
    }
  }

  // --- Keyboard.
  var lastPointerWasTouch = false;
  var shiftDirty = false; // a non-Shift key went down since the last Shift keydown
  var lastEscape = 0;

  function isEditable(element) {
    if (!element) { return false; }
    if (element.isContentEditable) { return true; }
    var tag = element.tagName;
    return tag === "TEXTAREA" || tag === "SELECT" ||
      (tag === "INPUT" && !/^(button|checkbox|radio|submit|reset|image|file|range|color)$/i.test(element.type));
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointerWasTouch = event.pointerType === "touch" || event.pointerType === "pen";
  }, true);

  document.addEventListener("keydown", function (event) {
    if (exiting) {
      if (event.key === "Escape") { event.preventDefault(); }
      return;
    }
    if (event.isComposing || event.repeat) { return; }
    if (event.key === "Shift") {
      shiftDirty = false;
      return;
    }
    shiftDirty = true;
    resetPresses(true);

    if (event.key === " " && event.target.closest && event.target.closest("[data-quick-exit-control]")) {
      event.preventDefault(); // Space activates role="button", as on GOV.UK
      exitPage(BY_THE_PERSON);
      return;
    }
  }, true);

  // Escape (only when the partnership turns it on) is counted in the bubble
  // phase on window, after the page's own widgets: an Escape they handled
  // (closing a menu, say) has its default prevented and does not count.
  if (escapeEnabled) {
    window.addEventListener("keydown", function (event) {
      if (exiting || event.key !== "Escape" || event.isComposing || event.repeat) { return; }
      var now = event.timeStamp;
      var blocked = event.defaultPrevented || isEditable(document.activeElement) ||
        document.querySelector("dialog[open]");
      if (!blocked && lastEscape && now - lastEscape <= ESCAPE_GAP_MS) {
        exitPage(BY_THE_PERSON);
        return;
      }
      lastEscape = blocked ? 0 : now;
    });
  }

  document.addEventListener("keyup", function (event) {
    if (exiting || event.key !== "Shift" || event.isComposing) { return; }
    if (shiftDirty) { return; } // Shift was a modifier, as in Shift+Tab or a capital letter
    // A virtual keyboard's Shift key, probably: touch, then typing in a field.
    if (lastPointerWasTouch && isEditable(document.activeElement)) { return; }
    presses += 1;
    root.setAttribute("data-exit-shift", "");
    window.clearTimeout(pressTimer);
    window.clearTimeout(clearTimer);
    if (presses >= SHIFT_PRESSES) {
      exitPage(BY_THE_PERSON);
      return;
    }
    status(message(SHIFT_PRESSES - presses));
    pressTimer = window.setTimeout(function () { resetPresses(true); }, SHIFT_GAP_MS);
  }, true);

  // --- Click, tap and Enter on any exit control: one routine for all.
  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("[data-quick-exit-control]");
    if (!control) { return; }
    event.preventDefault();
    exitPage(BY_THE_PERSON);
  }, true);
})();
