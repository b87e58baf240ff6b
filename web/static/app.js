// pressclip review pages: triage with the keyboard, save without reloading,
// undo, copy the section. Every page works without this script too (plain
// forms); with it, decisions are sent with fetch and the page stays put.
(function () {
  "use strict";
  // The triage list: with the script, a story is one compact row until
  // it has the focus (app.css, html.js); without it every card is whole.
  document.documentElement.classList.add("js");
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var toast = document.getElementById("status");
  var undo = [];

  // say shows a short message; an error stays longer and is announced
  // at once (role=alert).
  function say(msg, isError) {
    if (!toast) return;
    toast.textContent = msg;
    toast.setAttribute("role", isError ? "alert" : "status");
    toast.classList.toggle("bad", !!isError);
    toast.classList.add("show");
    clearTimeout(say.t);
    say.t = setTimeout(function () { toast.classList.remove("show"); }, isError ? 8000 : 2000);
  }

  function post(url, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (k) {
      [].concat(fields[k]).forEach(function (v) { body.append(k, v); });
    });
    return fetch(url, {
      method: "POST",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
      body: body,
      credentials: "same-origin"
    }).then(function (r) {
      var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (r.status === 401) throw new Error("signed out: reload the page and sign in");
      if (!json) return r.text().then(function (t) { throw new Error(r.status + " " + (t.trim() || r.statusText)); });
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error || r.statusText);
        return j;
      });
    });
  }

  // recount refreshes the counts above the list.
  function recount() {
    var el = document.getElementById("counts");
    if (!el) return;
    var n = { "new": 0, approved: 0, rejected: 0 }, all = document.querySelectorAll(".card");
    all.forEach(function (c) { n[c.dataset.status] = (n[c.dataset.status] || 0) + 1; });
    el.textContent = all.length + " stories · " + n["new"] + " new · " + n.approved + " approved" +
      (n.rejected ? " · " + n.rejected + " rejected" : "");
  }

  // update shows what the server says a story now is.
  function update(s) {
    var card = document.getElementById("s" + s.id);
    if (!card) return;
    card.dataset.status = s.status;
    card.dataset.edited = String(s.edited);
    card.querySelector('[data-role="status"]').textContent = s.status;
    card.querySelector('[data-role="line"]').textContent = s.line;
    var ta = card.querySelector(".edit textarea");
    if (ta) ta.value = s.line;
    recount();
    // A row whose body was not fetched yet has no list of problems: the
    // body fetched later checks the line.
    var probs = card.querySelector('[data-role="problems"]');
    if (!probs) return;
    probs.textContent = "";
    (s.problems || []).forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p;
      probs.appendChild(li);
    });
  }

  function setStatus(card, status, remember) {
    var id = card.dataset.id, prev = card.dataset.status;
    if (prev === status) return Promise.resolve();
    return post("/story/" + id + "/status", { status: status }).then(function (j) {
      j.stories.forEach(update);
      if (remember) undo.push({ kind: "status", id: id, prev: prev });
      say(status === "new" ? "Reset" : status.charAt(0).toUpperCase() + status.slice(1));
    }).catch(function (e) { say("Not saved: " + e.message, true); });
  }

  // saveLine saves an edited line (null: back to the drafted one); it
  // fails when the server refuses, so that the editor stays open.
  function saveLine(card, line, remember) {
    var id = card.dataset.id;
    var prevLine = card.querySelector('[data-role="line"]').textContent;
    var prevEdited = card.dataset.edited === "true";
    var fields = line === null ? { reset: "1" } : { line: line };
    return post("/story/" + id + "/line", fields).then(function (j) {
      j.stories.forEach(update);
      if (remember) undo.push({ kind: "line", id: id, prev: prevLine, prevEdited: prevEdited });
      say("Line saved");
    }, function (e) {
      say("Not saved: " + e.message, true);
      throw e;
    });
  }

  // setMany sets the status of several stories at once.
  function setMany(ids, status) {
    return post("/stories/status", { status: status, id: ids }).then(function (j) {
      j.stories.forEach(update);
      return j;
    });
  }

  function undoLast() {
    var u = undo.pop();
    if (!u) { say("Nothing to undo"); return; }
    if (u.kind === "bulk") {
      var byStatus = {};
      Object.keys(u.prev).forEach(function (id) { (byStatus[u.prev[id]] = byStatus[u.prev[id]] || []).push(id); });
      Promise.all(Object.keys(byStatus).map(function (st) { return setMany(byStatus[st], st); }))
        .then(function () { say("Undone"); }, function (e) { say("Not undone: " + e.message, true); });
      return;
    }
    var card = document.getElementById("s" + u.id);
    if (!card) return;
    // Back to the story undone (once it shows again, if it was folded).
    var back = function () { focusCard(cards.indexOf(card)); };
    if (u.kind === "status") setStatus(card, u.prev, false).then(back);
    else { back(); saveLine(card, u.prevEdited ? u.prev : null, false).catch(function () {}); }
  }

  // The story list.
  var cards = [].slice.call(document.querySelectorAll(".card"));
  var current = -1;
  function focusCard(i) {
    if (!cards.length) return;
    current = Math.max(0, Math.min(cards.length - 1, i));
    cards[current].focus();
    cards[current].scrollIntoView({ block: "nearest" });
  }
  function cardOf(el) { return el && el.closest ? el.closest(".card") : null; }
  // moveOn focuses the next story still to decide after card (a and r
  // move on by themselves, as in a mail client); at the last one it
  // says so and stays.
  function moveOn(card) {
    for (var i = cards.indexOf(card) + 1; i < cards.length; i++) {
      if (cards[i].dataset.status === "new") { focusCard(i); return; }
    }
    say("No story left to decide below");
  }

  function openEdit(card) {
    var form = card.querySelector(".edit");
    form.hidden = false;
    var ta = form.querySelector("textarea");
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
  }
  function closeEdit(card) {
    card.querySelector(".edit").hidden = true;
    card.focus();
  }
  // cancelEdit drops what was typed: the box shows the saved line again.
  function cancelEdit(card) {
    card.querySelector(".edit textarea").value = card.querySelector('[data-role="line"]').textContent;
    closeEdit(card);
  }

  // openCard shows one story whole; the others stay rows. The keyboard
  // opens a story when it gets the focus; the mouse on click, so that
  // the row does not change under a press (a checkbox is ticked, not
  // opened).
  var pointer = false;
  document.addEventListener("pointerdown", function () { pointer = true; }, true);
  document.addEventListener("keydown", function () { pointer = false; }, true);
  function openCard(card) {
    cards.forEach(function (c) { if (c !== card) c.classList.remove("open"); });
    card.classList.add("open");
    withBody(card).catch(function () {});
  }

  // withBody resolves when the card's body is there: the page draws the
  // first stories whole; a later one's body (its other lines, editor,
  // actions and Why) is fetched the first time it is opened.
  function withBody(card) {
    if (card.querySelector('[data-role="body"]')) return Promise.resolve(card);
    if (card.loading) return card.loading;
    // Accept names JSON too: a session that ended answers 401, not the
    // login page. back: the body's forms come back to this page.
    var url = "/story/" + card.dataset.id + "?part=body&back=" + encodeURIComponent(location.pathname + location.search);
    card.loading = fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html, application/json;q=0.5" } }).then(function (r) {
      if (r.status === 401 || r.redirected) throw new Error("signed out: reload the page and sign in");
      if (!r.ok) throw new Error(r.status + " " + r.statusText);
      return r.text();
    }).then(function (html) {
      if (card.querySelector('[data-role="body"]')) return card;
      var more = card.querySelector(".more");
      if (more) { more.insertAdjacentHTML("beforebegin", html); more.remove(); }
      else card.insertAdjacentHTML("beforeend", html);
      if (!card.querySelector('[data-role="body"]')) throw new Error("the page sent no story");
      bindBody(card);
      return card;
    }).catch(function (e) {
      card.loading = null;
      say("Could not open the story: " + e.message, true);
      throw e;
    });
    return card.loading;
  }

  cards.forEach(function (card, i) {
    card.addEventListener("focusin", function () { current = i; if (!pointer) openCard(card); });
    card.addEventListener("click", function (ev) { if (!ev.target.closest(".sel")) openCard(card); });
    if (card.querySelector('[data-role="body"]')) bindBody(card);
  });

  // bindBody makes a card's body work with the script: decisions, lines
  // and credit sent with fetch.
  function bindBody(card) {
    var decide = card.querySelector("form.decide");
    if (decide) decide.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (ev.submitter && ev.submitter.value) setStatus(card, ev.submitter.value, true);
    });
    // Whom to credit changes the card's outlet and line: the page is
    // drawn again.
    var creditForm = card.querySelector("form.credit");
    if (creditForm) creditForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      post("/story/" + card.dataset.id + "/credit", { credit: (ev.submitter || {}).value || "" })
        .then(function () { location.reload(); }, function (e) { say("Not saved: " + e.message, true); });
    });
    // Another of the writer's lines, taken with a click or keys 1 and 2,
    // is saved as an edit (undoable; the house rules are checked).
    var pick = card.querySelector("form.pick");
    if (pick) pick.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (ev.submitter) saveLine(card, ev.submitter.value, true).catch(function () {});
    });
    card.querySelector(".editbtn").addEventListener("click", function () { openEdit(card); });
    var form = card.querySelector(".edit");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      saveLine(card, form.querySelector("textarea").value, true).then(function () { closeEdit(card); }, function () {});
    });
    form.querySelector(".cancel").addEventListener("click", function () { cancelEdit(card); });
    form.querySelector("textarea").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
      if (ev.key === "Escape") { ev.preventDefault(); cancelEdit(card); }
    });
  }

  // Select all: the box in the bulk bar and the * key.
  var all = document.getElementById("select-all");
  function boxes() { return [].slice.call(document.querySelectorAll(".sel")); }
  function allSelected() { var b = boxes(); return b.length > 0 && b.every(function (c) { return c.checked; }); }
  function syncAll() { if (all) all.checked = allSelected(); }
  function selectAll(on) { boxes().forEach(function (c) { c.checked = on; }); syncAll(); }
  if (all) all.addEventListener("change", function () { selectAll(all.checked); });
  boxes().forEach(function (c) { c.addEventListener("change", syncAll); });

  var bulk = document.getElementById("bulk");
  if (bulk) {
    bulk.addEventListener("submit", function (ev) {
      var sub = ev.submitter || {};
      if (sub.getAttribute && sub.getAttribute("formaction") === "/stories/merge") {
        // Merging redraws the stories: the browser posts the form and
        // the page comes back with one story where there were several.
        if (document.querySelectorAll(".sel:checked").length < 2) {
          ev.preventDefault();
          say("Select two stories or more to merge (x)");
        }
        return;
      }
      ev.preventDefault();
      var status = sub.value || "approved";
      var chosen = [].slice.call(document.querySelectorAll(".sel:checked"));
      var ids = chosen.map(function (c) { return c.value; });
      if (!ids.length) { say("Select stories first (x)"); return; }
      var prev = {};
      ids.forEach(function (id) { var c = document.getElementById("s" + id); if (c) prev[id] = c.dataset.status; });
      setMany(ids, status).then(function () {
        undo.push({ kind: "bulk", prev: prev });
        chosen.forEach(function (c) { c.checked = false; });
        syncAll();
        say(ids.length + " stories: " + status);
      }).catch(function (e) { say("Not saved: " + e.message, true); });
    });
  }

  // Reject the rest: every story shown that is still to decide, in one
  // undoable step (without the script the form posts the page's list).
  var rest = document.getElementById("reject-rest");
  if (rest) rest.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var left = cards.filter(function (c) { return c.dataset.status === "new"; });
    if (!left.length) { say("No story left to decide"); return; }
    var ids = left.map(function (c) { return c.dataset.id; });
    var prev = {};
    ids.forEach(function (id) { prev[id] = "new"; });
    setMany(ids, "rejected").then(function () {
      undo.push({ kind: "bulk", prev: prev });
      say(ids.length + " stories rejected (u undoes it)");
    }).catch(function (e) { say("Not saved: " + e.message, true); });
  });

  // Decided stories fold away from the list to review; the toggle shows
  // them again.
  var toggle = document.getElementById("toggle-decided");
  var cardsBox = document.getElementById("cards");
  if (toggle && cardsBox) toggle.addEventListener("click", function () {
    var show = cardsBox.classList.toggle("fold-decided") === false;
    toggle.setAttribute("aria-pressed", String(show));
    toggle.textContent = show ? "hide decided" : "show decided";
  });

  // The filters start folded, unless one is on: the list gets the room.
  var filterbox = document.getElementById("filterbox");
  if (filterbox && !filterbox.dataset.active) filterbox.open = false;

  var help = document.getElementById("help");
  var helpOpen = document.getElementById("help-open");
  if (help && helpOpen) helpOpen.addEventListener("click", function () { help.showModal(); });

  var editOnKeyUp = null;
  document.addEventListener("keyup", function (ev) {
    if ((ev.key === "e" || ev.key === "E") && editOnKeyUp) {
      var c = editOnKeyUp; editOnKeyUp = null;
      withBody(c).then(openEdit, function () {});
    }
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (help && help.open) return; // the dialog has the keyboard (Escape closes it)
    // Typing goes to text boxes; a checkbox or button keeps the keys.
    var typing = t && ((t.tagName === "INPUT" && t.type !== "checkbox" && t.type !== "radio" && t.type !== "button" && t.type !== "submit") ||
      t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (typing) return;
    // A story's keys act on the focused story (or, with nothing focused,
    // on the last one), never from the navigation or the bulk bar.
    var active = document.activeElement;
    var card = cardOf(active) || (!active || active === document.body ? cards[current] : null);
    // Caps Lock sends capitals without Shift: they are the plain keys
    // ("R", reject the rest, needs Shift).
    var key = ev.key;
    if (key.length === 1 && !ev.shiftKey) key = key.toLowerCase();
    switch (key) {
      case "j": focusCard(current + 1); break;
      case "k": focusCard(current - 1); break;
      case "a": if (card) { setStatus(card, "approved", true); moveOn(card); } break;
      case "r": if (card) { setStatus(card, "rejected", true); moveOn(card); } break;
      // The editor opens when the key is released: the "e" itself must
      // not reach the box that takes the focus.
      case "e": if (card) editOnKeyUp = card; break;
      case "1": case "2": case "3":
        if (card) {
          var n = Number(key);
          withBody(card).then(function () {
            var form = card.querySelector("form.pick");
            var btn = form && form.querySelectorAll('button[name="line"]')[n - 1];
            if (!btn) { say("No line " + n + " for this story"); return; }
            form.requestSubmit(btn);
          }, function () {});
        }
        break;
      case "R": if (rest) rest.requestSubmit(); else say("Nothing left to reject"); break;
      case "u": undoLast(); break;
      case "x": if (card) { var c = card.querySelector(".sel"); c.checked = !c.checked; syncAll(); } break;
      case "*": selectAll(!allSelected()); break;
      case "o": if (card) { var a = card.querySelector("h2 a"); if (a) window.open(a.href, "_blank", "noopener"); } break;
      case "?": if (help) help.showModal(); break;
      default: return;
    }
    ev.preventDefault();
  });

  // The export page: copy as rich text (HTML and plain text together) or
  // as plain text.
  var richBtn = document.getElementById("copy-rich");
  var textBtn = document.getElementById("copy-text");
  var previewText = document.getElementById("preview-text");
  var previewHTML = document.getElementById("preview-html");
  // The frame shows the exported HTML document with its own styles; its
  // height follows its content.
  function frameBody() {
    var doc = previewHTML && previewHTML.contentDocument;
    return doc && doc.body;
  }
  if (previewHTML) {
    var fit = function () {
      var body = frameBody();
      if (body) previewHTML.style.height = (body.ownerDocument.documentElement.scrollHeight + 4) + "px";
    };
    previewHTML.addEventListener("load", fit);
    window.addEventListener("resize", fit);
    fit();
  }
  // copyBySelection is the fallback where the Clipboard API is missing
  // (a page served over plain HTTP elsewhere than localhost): select the
  // node and copy the selection, as Ctrl-C would.
  function copyBySelection(node) {
    var doc = node.ownerDocument, win = doc.defaultView;
    var range = doc.createRange();
    range.selectNodeContents(node);
    var sel = win.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    sel.removeAllRanges();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function copyText() {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(previewText.textContent);
    return copyBySelection(previewText);
  }
  function copyRich() {
    var body = frameBody();
    var html = body ? body.innerHTML : "", text = previewText.textContent;
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" })
      });
      return navigator.clipboard.write([item]);
    }
    return body ? copyBySelection(body) : copyText();
  }
  if (richBtn && previewHTML) richBtn.addEventListener("click", function () {
    copyRich().then(function () { say("Copied for the newsletter"); }, function () { say("Copy failed: select the preview and copy it with Ctrl-C", true); });
  });
  if (textBtn && previewText) textBtn.addEventListener("click", function () {
    copyText().then(function () { say("Copied"); }, function () { say("Copy failed: select the text and copy it with Ctrl-C", true); });
  });
  // The section's order by hand: Alt+↑/↓ on a line presses its button
  // (the form posts; the page comes back at the line), and a line
  // dragged to another place posts the new order.
  var hand = document.getElementById("hand");
  var orderForm = document.getElementById("order-form");
  if (hand && orderForm) {
    if (location.hash.indexOf("#o") === 0) {
      var back = document.getElementById(location.hash.slice(1));
      if (back) back.focus();
    }
    hand.addEventListener("keydown", function (ev) {
      var li = ev.target.closest && ev.target.closest("li");
      if (!li || !ev.altKey || (ev.key !== "ArrowUp" && ev.key !== "ArrowDown")) return;
      ev.preventDefault();
      orderForm.requestSubmit(li.querySelector(ev.key === "ArrowUp" ? '[name="up"]' : '[name="down"]'));
    });
    var dragged = null;
    hand.addEventListener("dragstart", function (ev) {
      dragged = ev.target.closest("li");
      ev.dataTransfer.effectAllowed = "move";
      ev.dataTransfer.setData("text/plain", dragged.dataset.id);
    });
    hand.addEventListener("dragover", function (ev) { if (dragged) ev.preventDefault(); });
    hand.addEventListener("drop", function (ev) {
      var target = ev.target.closest && ev.target.closest("li");
      if (!dragged || !target || target === dragged) return;
      ev.preventDefault();
      var after = ev.clientY > target.getBoundingClientRect().top + target.offsetHeight / 2;
      hand.insertBefore(dragged, after ? target.nextSibling : target);
      orderForm.querySelector('[name="ids"]').value = [].map.call(hand.children, function (li) { return li.dataset.id; }).join(",");
      dragged = null;
      orderForm.submit();
    });
  }

  // Copy and mark exported, one step: the section is copied for the
  // newsletter, then marked, and the page says how many went out.
  var copyMark = document.getElementById("copy-mark");
  var markForm = document.getElementById("mark");
  if (copyMark && markForm) copyMark.addEventListener("click", function () {
    copyRich().then(function () { markForm.submit(); },
      function () { say("Copy failed: nothing was marked. Select the preview and copy it with Ctrl-C, then mark", true); });
  });
})();
