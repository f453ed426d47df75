// The session screen. Every tap becomes an event with an id made here, kept in localStorage
// until the server has stored it: a double tap, a reload or a dropped connection neither loses
// nor duplicates an entry. htmx has no such queue, so this file keeps one and sends it; the
// answer (the screen's live parts, marked hx-swap-oob) is swapped in by htmx, which also polls
// for what other tabs recorded.
(function () {
  "use strict";
  const root = document.getElementById("session");
  if (!root) return;
  // One queue per session and per person: entries are only ever sent as the one who made them.
  const queueKey = "repattern.session." + root.dataset.session + ".user." + root.dataset.user + ".queue";
  const sync = document.getElementById("sync");
  const problem = document.getElementById("problem");
  let sending = false;
  let retryTimer = null;

  function currentToken() {
    // Read each time: signing in again in another tab rotates the token.
    const csrf = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    return csrf ? decodeURIComponent(csrf.split("=")[1]) : "";
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function load() { try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; } }
  function save(q) { localStorage.setItem(queueKey, JSON.stringify(q)); }
  function forget(eventId) { save(load().filter((e) => e.event_id !== eventId)); }
  function say(text) { sync.textContent = text; }
  function complain(text) { problem.textContent = text; problem.hidden = !text; }
  function entries(n) { return n + " entr" + (n === 1 ? "y" : "ies"); }

  function record(fields) {
    const q = load();
    q.push(Object.assign({ event_id: uuid(), recorded_by: root.dataset.user }, fields));
    save(q);
    flush();
  }

  async function flush() {
    // Two tabs share the queue: only one sends at a time.
    if (navigator.locks) return navigator.locks.request(queueKey, { ifAvailable: true }, (lock) => lock && send());
    return send();
  }

  function later(text, seconds) {
    say(text);
    retryTimer = setTimeout(flush, seconds * 1000);
  }

  async function send() {
    if (sending) return;
    sending = true;
    clearTimeout(retryTimer);
    try {
      let q = load();
      while (q.length) {
        say("Saving… (" + q.length + " to send)");
        const entry = q[0];
        const body = new URLSearchParams();
        Object.entries(entry).forEach(([k, v]) => { if (v !== undefined && v !== null) body.append(k, v); });
        let response;
        try {
          response = await fetch(root.dataset.eventsUrl, {
            method: "POST", body, credentials: "same-origin", redirect: "manual",
            headers: { "X-CSRFToken": currentToken(), "HX-Request": "true" },
          });
        } catch (e) {
          return later("Offline: " + entries(q.length) + " kept on this device, sending when the connection is back.", 3);
        }
        if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
          // Signed out, or another user signed in on this device: keep every entry until the
          // right person signs in again, then send it.
          return later("Not saved yet: " + entries(q.length) + " kept on this device. Sign in again as the person " +
                       "who made them (in another tab), and they will be sent.", 5);
        }
        if (response.status >= 500 || response.status === 429) {
          return later("The server did not answer; " + q.length + " kept on this device, retrying.", 3);
        }
        forget(entry.event_id);
        q = load();
        if (response.ok) {
          complain("");
          htmx.swap(root, await response.text(), { swapStyle: "none" });
        } else {
          let answer = {};
          try { answer = await response.json(); } catch (e) { /* not JSON */ }
          const text = answer.error || "That entry was not recorded.";
          complain(text);
          refused(entry, text, answer.code === "session_ended");
        }
      }
      say("All saved.");
    } finally {
      sending = false;
    }
  }

  function describe(entry) {
    const what = [entry.kind, entry.site, entry.candidate, entry.region, entry.result, entry.challenge_other, entry.note]
      .filter((x) => x).join(" · ");
    return what + (entry.force_newtons ? " · " + entry.force_newtons + " N" : "");
  }

  function refused(entry, reason, keepable) {
    // A refused entry stays in view, with its note, until the practitioner dismisses it; one
    // that came after the session ended can be kept with the session, as typed.
    const box = document.getElementById("refused");
    const item = document.createElement("li");
    item.textContent = describe(entry) + " — " + reason + " ";
    if (keepable) item.appendChild(keepButton(entry, item));
    const dismiss = document.createElement("button");
    dismiss.type = "button"; dismiss.className = "link"; dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", () => { item.remove(); box.hidden = !box.querySelector("li"); });
    item.appendChild(dismiss);
    box.querySelector("ul").appendChild(item);
    box.hidden = false;
  }

  function keepButton(entry, item) {
    const keep = document.createElement("button");
    keep.type = "button"; keep.textContent = "Keep with the session";
    keep.addEventListener("click", async () => {
      const body = new URLSearchParams();
      Object.entries(entry).forEach(([k, v]) => { if (v !== undefined && v !== null) body.append(k, v); });
      keep.disabled = true;
      try {
        const response = await fetch(root.dataset.lateUrl, {
          method: "POST", body, credentials: "same-origin",
          headers: { "X-CSRFToken": currentToken() },
        });
        if (!response.ok) throw new Error((await response.json()).error);
        item.textContent = describe(entry) + " — kept with the session; it shows on its summary.";
      } catch (e) {
        keep.disabled = false;
        complain("Not kept yet: " + (e.message || "no connection") + " Try again.");
      }
    });
    return keep;
  }

  // htmx polls the live parts; it waits while entries of this page are still to be sent, so
  // the screen never shows a state older than what was tapped.
  document.body.addEventListener("htmx:confirm", (event) => {
    if (event.target.id === "session-poll" && (sending || load().length || document.hidden)) event.preventDefault();
  });
  document.body.addEventListener("htmx:oobAfterSwap", (event) => {
    if (event.detail.target.id !== "slot-window") return;
    const win = event.detail.target.querySelector("section.window");
    if (win && win.dataset.pattern !== openPattern) win.scrollIntoView({ behavior: "smooth", block: "start" });
    startTimer();
  });

  function entryId(input) {
    // The full name, or a unique start of a name or alias ("psoas", "scm", "glute med").
    const list = document.getElementById(input.getAttribute("list"));
    const value = input.value.trim().toLowerCase();
    if (!value) return null;
    const options = Array.from(list.options);
    let option = options.find((o) => o.value.toLowerCase() === value);
    if (!option) {
      const words = (o) => [o.value.toLowerCase(), ...(o.dataset.aliases || "").split("|")];
      const starts = options.filter((o) => words(o).some((w) => w === value || w.startsWith(value)));
      const contains = starts.length ? starts : options.filter((o) => words(o).some((w) => w.includes(value)));
      if (contains.length) option = contains[0];
    }
    if (!option) return null;
    input.value = option.value;
    return option.dataset.id;
  }
  function side() { return root.querySelector("input[name=side]:checked").value; }

  function hold(button) {
    // A second tap on the same control within a moment is the same intent, not a new entry.
    button.disabled = true;
    setTimeout(() => { button.disabled = false; }, 700);
  }

  function testMuscle(button) {
    const input = document.getElementById("muscle");
    const id = entryId(input);
    if (!id) { complain("Choose a muscle from the list first."); input.focus(); return; }
    hold(button);
    record({ kind: "test", site: id + ":" + side(), result: button.dataset.test,
             force_newtons: document.getElementById("force").value,
             note: document.getElementById("test-note").value });
    document.getElementById("force").value = "";
    document.getElementById("test-note").value = "";
  }

  function challenge(button) {
    // A listed candidate's row, or the "another structure" box: the same challenge either way.
    const finding = button.closest("[data-site]");
    const row = button.closest("[data-candidate]");
    const box = button.closest(".add-candidate");
    const candidate = row ? row.dataset.candidate : entryId(box.querySelector("[data-add-candidate]"));
    if (!candidate) { complain("Choose a structure from the list first."); return; }
    const kind = (row || box).querySelector("select[name=challenge]").value;
    const other = finding.querySelector("[data-custom-challenge]");
    if (kind === "custom" && !other.value.trim()) {
      complain("Describe the “Other” challenge first, in the box under the list.");
      other.focus();
      return;
    }
    hold(button);
    record({ kind: "challenge", site: finding.dataset.site, candidate: candidate, challenge: kind,
             challenge_other: kind === "custom" ? other.value.trim() : "", result: button.dataset.challenge,
             blinded: finding.querySelector("[data-blinded]").checked ? "on" : "" });
  }

  function challengeRegion(button) {
    // One tap records the region's members challenged together under one contact.
    const region = button.closest("[data-members]");
    hold(button);
    record({ kind: "region", site: button.closest("[data-site]").dataset.site, region: region.dataset.region,
             members: region.dataset.members, challenge: "touch", result: button.dataset.regionResult });
  }

  function step(button) {
    hold(button);
    record({ kind: button.dataset.step, pattern_id: button.closest("[data-pattern]").dataset.pattern,
             result: button.dataset.result || "", outcome: button.dataset.outcome || "" });
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !root.contains(button)) return;
    if (button.dataset.test) return testMuscle(button);
    if (button.dataset.pick) {
      const option = document.querySelector('#muscle-names option[data-id="' + button.dataset.pick + '"]');
      document.getElementById("muscle").value = option ? option.value : "";
      return;
    }
    if (button.dataset.challenge) return challenge(button);
    if (button.dataset.regionResult) return challengeRegion(button);
    if (button.hasAttribute("data-confirm")) {
      hold(button);
      return record({ kind: "confirm", site: button.closest("[data-site]").dataset.site,
                      candidate: button.closest("[data-candidate]").dataset.candidate });
    }
    if (button.dataset.step) return step(button);
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select")) return;
    const key = event.key.toLowerCase();
    const click = (selector) => { const b = root.querySelector(selector); if (b && !b.disabled) { event.preventDefault(); b.click(); } };
    const box = root.querySelector(".finding.current .suggestion");
    const suggested = box ? '.finding.current tr[data-candidate="' + box.dataset.suggested + '"] ' : null;
    const keys = {
      h: '[data-test="holds"]', w: '[data-test="weak"]', r: '[data-step="release"]', a: '[data-step="activation"]',
      y: '[data-step="retest"][data-result="holds"]', x: '[data-step="retest"][data-result="weak"]',
      p: suggested && suggested + '[data-challenge="holds"]', n: suggested && suggested + '[data-challenge="weak"]',
    };
    if (box && box.dataset.members) {
      keys.p = '.finding.current .suggestion [data-region-result="holds"]';
      keys.n = '.finding.current .suggestion [data-region-result="weak"]';
    }
    if (keys[key]) click(keys[key]);
  });

  let tick = null;
  let openPattern = null;
  function startTimer() {
    clearInterval(tick);
    const win = root.querySelector("section.window");
    openPattern = win ? win.dataset.pattern : null;
    const timer = document.querySelector(".timer[data-remaining]");
    if (!timer) return;
    // Counted from what the server says is left, so a wrong clock on the tablet does not matter.
    const ends = Date.now() + Number(timer.dataset.remaining) * 1000;
    const total = Number(timer.dataset.seconds) * 1000;
    const count = timer.querySelector(".timer-count");
    const bar = timer.querySelector("progress");
    function update() {
      const left = Math.max(0, ends - Date.now());
      count.textContent = Math.ceil(left / 1000);
      bar.value = left / total;
      timer.classList.toggle("closed", left === 0);
      if (left === 0) {
        timer.querySelector(".timer-closed").hidden = false;
        clearInterval(tick);
      }
    }
    update();
    tick = setInterval(update, 250);
  }

  window.addEventListener("online", flush);
  startTimer();
  flush();
})();
