/*
 * Quick-exit test probe, installed in every quick-exit test context before any
 * page script runs (Playwright's add_init_script; see conftest.py and helpers.py).
 *
 * It records, in order, in window.__qxTest.log:
 * - calls of setTimeout, setInterval, fetch, XMLHttpRequest.send, sendBeacon and open;
 * - "navigate:<type>:<url>" when the page starts a navigation to another document
 *   (history.replaceState is left out). location.replace itself cannot be wrapped
 *   (it is [LegacyUnforgeable]), but the Navigation API's `navigate` event fires
 *   synchronously inside it, so this entry marks the moment of the call;
 * - "input:<type>#<n>" when a click or key event starts, and "task-after:<type>#<n>"
 *   from a task queued at that moment, so "in the same task" can be checked.
 *
 * With window.__qxTest.freeze set, a navigation to another origin is cancelled in its
 * `navigate` event: the page stays exactly as the exit routine left it, as it would
 * while a neutral site hangs, and can be inspected (helpers.freeze_exit).
 *
 * It also reports, through console.debug("qx-probe …"), the state of <html> at the
 * first animation frame of every document and of every back/forward cache restore:
 * what would be painted (helpers.PaintWatch).
 */
(() => {
  const state = window.__qxTest = {log: [], freeze: false};
  const note = (entry) => state.log.push(entry);
  const raf = window.requestAnimationFrame.bind(window);
  const report = (what) => {
    let flag = null;
    try { flag = sessionStorage.getItem("qx"); } catch (error) { flag = "unreadable"; }
    const root = document.documentElement;
    console.debug("qx-probe " + JSON.stringify({
      what, url: location.href, flag,
      display: root ? getComputedStyle(root).display : null,
      visibility: root ? getComputedStyle(root).visibility : null,
    }));
  };
  raf(() => report("first-frame"));
  addEventListener("pageshow", (event) => {
    if (event.persisted) { report("restored"); raf(() => report("restored-frame")); }
  });

  const wrap = (owner, name, label) => {
    const original = owner && owner[name];
    if (typeof original !== "function") { return; }
    owner[name] = function (...args) { note(label); return original.apply(this, args); };
  };
  wrap(window, "setTimeout", "setTimeout");
  wrap(window, "setInterval", "setInterval");
  wrap(window, "fetch", "fetch");
  wrap(window, "open", "open");
  wrap(Navigator.prototype, "sendBeacon", "sendBeacon");
  wrap(XMLHttpRequest.prototype, "send", "xhr");

  if (window.navigation) {
    navigation.addEventListener("navigate", (event) => {
      // history.replaceState (the exit script stamps each entry) is not a navigation
      // away from the page.
      if (event.destination.sameDocument && !event.hashChange) { return; }
      note(`navigate:${event.navigationType}:${event.destination.url}`);
      const elsewhere = new URL(event.destination.url).origin !== location.origin;
      if (state.freeze && elsewhere && event.cancelable) { event.preventDefault(); }
    });
  }

  const channel = new MessageChannel();
  channel.port1.onmessage = (message) => note(`task-after:${message.data}`);
  let inputs = 0;
  for (const type of ["click", "keydown", "keyup"]) {
    addEventListener(type, () => {
      inputs += 1;
      note(`input:${type}#${inputs}`);
      channel.port2.postMessage(`${type}#${inputs}`);
    }, true);
  }
})();
