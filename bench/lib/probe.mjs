// The in-page half of the editor benchmark: a script Playwright adds to the workbench page
// (page.addInitScript). It lives in the workbench's top frame and reaches into the webviews'
// documents, which code-server serves from the same origin.
//
// Why from the top frame: a webview's content frame starts as about:blank, navigates to
// fake.html and then has the webview's HTML written into that document (document.open); a
// script injected into the frame runs in the about:blank document only, and its observers and
// timers die with it. The top frame stays, finds each new content document by polling the
// frames (every few ms, only while a watch is waiting), and observes it with a MutationObserver
// from there, which sees every change to it, including the first rows.
//
// Times are Date.now(): the wall clock the page's frames and the benchmark's Node process share,
// so "key pressed at t0 in Node" and "rows in the DOM at t1 in the page" compare. An observer
// callback runs right after the DOM change (before paint); `frameAt` adds the next animation
// frame, when it can first be on screen.
//
// This function is serialized into the page: it must not refer to anything outside itself.

export function benchProbe() {
  if (window !== window.top) return;
  const w = /** @type {any} */ (window);
  if (w.__benchProbe) return;

  /** @type {Record<string, any>} */
  const results = Object.create(null);
  /** @type {Map<string, { target: 'main' | 'webview', minId: number, poll?: boolean, test: (doc: Document) => any }>} */
  const watchers = new Map();
  const OBSERVE = { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'class'] };
  // One observer for the workbench's own document (only while a watch needs it: it changes a
  // lot), one for the webviews' documents.
  const mainObserver = new MutationObserver(() => check());
  const webviewObserver = new MutationObserver(() => check());
  const known = new WeakSet();
  /** @type {{ doc: Document, win: Window, id: number, foundAt: number } | undefined} */
  let webview;
  let found = 0;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let scanning;

  // `instanceof HTMLElement` is false for elements of another frame: duck-typed instead.
  const shown = (el) => el.offsetParent !== null && el.offsetParent !== undefined;

  /** Watch kinds: each builds a test of a document that returns a hit or undefined. */
  const kinds = {
    /** A visible hex row with data, optionally one whose text starts with `prefix` (its offset). */
    rows: ({ prefix = '' }) => (doc) => {
      for (const row of doc.querySelectorAll('.hex-view:not([hidden]) .row:not([hidden])')) {
        const text = row.textContent ?? '';
        if (text.trim() !== '' && text.startsWith(prefix)) return { text };
      }
      return undefined;
    },
    /** An element matching `selector` is shown. */
    shown: ({ selector }) => (doc) => {
      const el = doc.querySelector(selector);
      return el && shown(el) ? { text: el.textContent ?? '' } : undefined;
    },
    /** A shown element matching `selector` has text matching `pattern`. */
    text: ({ selector, pattern }) => {
      const re = new RegExp(pattern);
      return (doc) => {
        for (const el of doc.querySelectorAll(selector)) {
          const text = el.textContent ?? '';
          if (shown(el) && re.test(text)) return { text };
        }
        return undefined;
      };
    },
    /**
     * The current webview shown (its frames visible in the workbench: a webview kept while its
     * tab is in the background only has them hidden) with a text row whose gutter reads `gutter`
     * (any numbered row when it is not given).
     * Nothing in the webview changes when its tab comes back, so this watch polls.
     */
    textRowShown: ({ gutter }) => () => {
      if (!webview) return undefined;
      const inner = /** @type {any} */ (webview.win).frameElement;
      const outer = inner?.ownerDocument?.defaultView?.frameElement;
      const visible = (el) => {
        if (!el) return false;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) return false;
        for (let e = el; e; e = e.parentElement) {
          const cs = e.ownerDocument.defaultView.getComputedStyle(e);
          if (cs.display === 'none' || cs.visibility === 'hidden') return false;
        }
        return true;
      };
      if (!visible(outer) || !visible(inner)) return undefined;
      for (const row of webview.doc.querySelectorAll('.text-view:not([hidden]) .row:not([hidden])')) {
        const g = row.querySelector('.gutter')?.textContent?.trim() ?? '';
        if (gutter === undefined ? g !== '' : g === gutter) return { text: row.textContent ?? '' };
      }
      return undefined;
    },
    /** VS Code's text editor shown with a line of text that contains `text` (visible). */
    monacoShown: ({ text }) => (doc) => {
      for (const line of doc.querySelectorAll('.editor-group-container .monaco-editor .view-lines .view-line')) {
        if ((line.textContent ?? '').includes(text) && line.getBoundingClientRect().width > 0 && getComputedStyle(line).visibility !== 'hidden') return { text: line.textContent ?? '' };
      }
      return undefined;
    },
    /**
     * VS Code's text editor: the first line of text in an editor group. On the way, the "file is
     * very large" placeholder's "Open Anyway" is clicked at once (both moments recorded), as a
     * user must do before seeing anything.
     */
    monaco: () => {
      /** @type {{ warningAt?: number }} */
      const steps = {};
      return (doc) => {
        if (steps.warningAt === undefined) {
          const button = [...doc.querySelectorAll('.editor-group-container .monaco-button')].find((b) => b.textContent?.trim() === 'Open Anyway');
          if (button) {
            steps.warningAt = Date.now();
            /** @type {HTMLElement} */ (button).click();
          }
        }
        for (const line of doc.querySelectorAll('.editor-group-container .monaco-editor .view-lines .view-line')) {
          const text = line.textContent ?? '';
          if (text.trim() !== '') return { text, ...steps };
        }
        return undefined;
      };
    },
  };

  /** Finds webview content documents not seen before; the newest becomes the current one. */
  function scan() {
    for (const outer of document.querySelectorAll('iframe')) {
      const host = /** @type {HTMLIFrameElement} */ (outer).contentDocument;
      if (!host) continue;
      for (const inner of host.querySelectorAll('iframe')) {
        const doc = /** @type {HTMLIFrameElement} */ (inner).contentDocument;
        const win = /** @type {HTMLIFrameElement} */ (inner).contentWindow;
        // Skip the frame's about:blank document: fake.html replaces it.
        if (!doc || !win || known.has(doc) || doc.URL === 'about:blank') continue;
        known.add(doc);
        webview = { doc, win, id: ++found, foundAt: Date.now() };
        webviewObserver.observe(doc, OBSERVE);
      }
    }
  }

  function check() {
    if (webview && !webview.doc.defaultView) webview = undefined; // its editor was closed
    for (const [name, watcher] of watchers) {
      let doc;
      if (watcher.target === 'main') doc = document;
      else if (webview && webview.id >= watcher.minId) doc = webview.doc;
      if (!doc) continue;
      const hit = watcher.test(doc);
      if (!hit) continue;
      const result = { ...hit, at: Date.now() };
      // For a new webview: when its document (fake.html) was first seen, within a poll.
      if (watcher.minId > 0 && webview) result.webviewAt = webview.foundAt;
      results[name] = result;
      watchers.delete(name);
      (doc.defaultView ?? window).requestAnimationFrame(() => (result.frameAt = Date.now()));
    }
    const waiting = [...watchers.values()];
    // Polling for frames only while a watch waits for a webview that has not been found yet.
    const needScan = waiting.some((x) => x.poll || (x.target === 'webview' && (!webview || webview.id < x.minId)));
    if (needScan && !scanning) {
      scanning = setInterval(() => {
        scan();
        check();
      }, 1);
    } else if (!needScan && scanning) {
      clearInterval(scanning);
      scanning = undefined;
    }
    if (!waiting.some((x) => x.target === 'main')) mainObserver.disconnect();
  }

  /**
   * Starts watching; the hit lands in results[name].
   * @param {string} name
   * @param {'main' | 'webview' | 'newWebview'} target the workbench page, the current webview, or
   *   the next webview to appear (an editor being opened)
   * @param {keyof typeof kinds} kind
   * @param {Record<string, unknown>} [args]
   */
  function watch(name, target, kind, args = {}) {
    delete results[name];
    const minId = target === 'newWebview' ? found + 1 : 0;
    const poll = kind === 'textRowShown' || kind === 'monacoShown';
    watchers.set(name, { target: target === 'main' ? 'main' : 'webview', minId, poll, test: kinds[kind](args) });
    if (target === 'main') mainObserver.observe(document, OBSERVE);
    check();
  }

  /** Records the current webview's animation-frame times for `ms`, into results[name].frames. */
  function recordFrames(name, ms) {
    delete results[name];
    if (!webview) throw new Error('no webview');
    const win = webview.win;
    /** @type {number[]} */
    const stamps = [];
    const start = win.performance.now();
    const step = (t) => {
      stamps.push(t);
      if (t - start < ms) win.requestAnimationFrame(step);
      else results[name] = { at: Date.now(), frames: stamps };
    };
    win.requestAnimationFrame(step);
  }

  w.__benchProbe = {
    results,
    watch,
    recordFrames,
    /** Finds the webviews now in the page (e.g. before timing a Go to in the current one). */
    refresh: () => {
      scan();
      check();
      return webview?.id ?? 0;
    },
    /** Why a textRowShown watch does not see rows (for a timeout's message). */
    whyNoTextRow: () => {
      if (!webview) return 'no webview';
      const inner = /** @type {any} */ (webview.win).frameElement;
      const outer = inner?.ownerDocument?.defaultView?.frameElement;
      const describe = (el) => {
        if (!el) return 'missing';
        const rect = el.getBoundingClientRect();
        const hidden = [];
        for (let e = el; e; e = e.parentElement) {
          const cs = e.ownerDocument.defaultView.getComputedStyle(e);
          if (cs.display === 'none' || cs.visibility === 'hidden') hidden.push(`${e.tagName}.${e.className}: ${cs.display}/${cs.visibility}`);
        }
        return `${Math.round(rect.width)}x${Math.round(rect.height)} ${hidden.join('; ')}`;
      };
      const rows = webview.doc.querySelectorAll('.text-view:not([hidden]) .row:not([hidden])').length;
      return `webview ${webview.id}, inner ${describe(inner)}, outer ${describe(outer)}, text rows ${rows}, watchers ${[...watchers.keys()].join(',')}`;
    },
    /** The text of the current webview's top hex row, or ''. */
    topRow: () => webview?.doc.querySelector('.hex-view:not([hidden]) .row:not([hidden])')?.textContent ?? '',
  };
}
