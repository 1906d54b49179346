// 网格通 网页聊天：plain modern JavaScript, no build step, no external resources.
"use strict";

(() => {
  const API = "/api/webchat";
  const NEW_RESIDENT = "__new__";
  const LONG_POLL_WAIT = 20; // seconds the server may hold a request for the open chat
  const BACKGROUND_POLL_MS = 3000; // how often the other chats are checked for new messages
  const TIME_GAP_MS = 5 * 60 * 1000; // a time stamp is shown between messages this far apart
  const LS_IDENTITY = "wgt.identity";
  const LS_RESIDENTS = "wgt.residents";
  const LS_READ = "wgt.read."; // + user id → {chat: last read seq}
  const LS_CHAT = "wgt.chat"; // the group open last time
  const SS_TOKEN = "wgt.token"; // the access token, when the server has one (asked once per browser tab)

  const $ = (id) => document.getElementById(id);
  const el = {
    botName: $("bot-name"),
    identity: $("identity-select"),
    newResident: $("new-resident"),
    newResidentName: $("new-resident-name"),
    newResidentCancel: $("new-resident-cancel"),
    error: $("error"),
    errorText: $("error-text"),
    errorClose: $("error-close"),
    identityHint: $("identity-hint"),
    identityHintText: $("identity-hint-text"),
    identityHintClose: $("identity-hint-close"),
    chatList: $("chat-list"),
    chatTitle: $("chat-title"),
    chatBack: $("chat-back"),
    app: $("app"),
    chatSub: $("chat-sub"),
    messages: $("messages"),
    composer: $("composer"),
    send: $("send"),
    tokenGate: $("token-gate"),
    tokenInput: $("token-input"),
    tokenHint: $("token-hint"),
  };

  const state = {
    botName: "网格通",
    groups: [],
    people: [],
    residents: [],
    me: null, // {id, name, title?}
    chats: [], // [{id, name, kind: "dm" | "group"}]
    current: null,
    cache: new Map(), // chat id → {msgs: Map(seq → message), maxSeq}
    read: {}, // chat id → last seq read by the current identity
    sending: false,
    errorSource: null,
    pollFailures: 0,
  };

  let session = null; // {ctl: AbortController}; replaced on every identity switch
  let chatCtl = null; // aborts the open chat's long-poll on chat switch

  // ---------- small helpers ----------

  const storage = {
    get(key, fallback) {
      try {
        const raw = window.localStorage.getItem(key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch {
        return fallback;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch {
        /* private mode or quota: the page still works, it just forgets */
      }
    },
  };

  function randomHex(bytes) {
    const buf = new Uint8Array(bytes);
    crypto.getRandomValues(buf);
    return Array.from(buf, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function newClientId() {
    // crypto.randomUUID only exists in secure contexts (https, localhost); fall back elsewhere.
    if (typeof crypto.randomUUID === "function") {
      try {
        return crypto.randomUUID();
      } catch {
        /* fall through */
      }
    }
    const h = randomHex(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function sleep(ms, signal) {
    return new Promise((resolve) => {
      if (signal && signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        if (signal) signal.removeEventListener("abort", done);
        resolve();
      }
      if (signal) signal.addEventListener("abort", done);
    });
  }

  function hhmm(at) {
    const m = /T(\d{2}):(\d{2})/.exec(at || "");
    return m ? `${m[1]}:${m[2]}` : "";
  }

  function fullTime(at) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(at || "");
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日 ${m[4]}:${m[5]}` : "";
  }

  function avatarColor(key) {
    const palette = ["#5b8def", "#f0a04b", "#8e6fd8", "#e0685f", "#3bb0a0", "#d86fa8", "#6f9f3b", "#c38b2e"];
    let h = 0;
    for (const ch of String(key)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    return palette[h % palette.length];
  }

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function avatar(name, key, extra) {
    const a = make("div", `avatar${extra ? ` ${extra}` : ""}`, Array.from(name || "?")[0]);
    if (!extra) a.style.background = avatarColor(key);
    a.setAttribute("aria-hidden", "true");
    return a;
  }

  // ---------- server API ----------

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  // With ADMIN_TOKEN set, the server wants the token on every API call: it is asked for once and kept for
  // this browser tab only (sessionStorage), never in the page's address or in localStorage.
  const session_ = {
    get token() {
      try {
        return window.sessionStorage.getItem(SS_TOKEN) || "";
      } catch {
        return "";
      }
    },
    set token(value) {
      try {
        window.sessionStorage.setItem(SS_TOKEN, value);
      } catch {
        /* private mode: asked again next time */
      }
    },
  };
  let tokenAsked = null; // one question at a time, however many calls were refused

  function askForToken(wrong) {
    if (!tokenAsked) {
      tokenAsked = new Promise((resolve) => {
        el.tokenHint.hidden = !wrong;
        el.tokenGate.hidden = false;
        el.tokenInput.value = "";
        el.tokenInput.focus();
        el.tokenGate.onsubmit = (ev) => {
          ev.preventDefault();
          const value = el.tokenInput.value.trim();
          if (!value) return;
          session_.token = value;
          el.tokenGate.hidden = true;
          tokenAsked = null;
          resolve();
        };
      });
    }
    return tokenAsked;
  }

  async function api(method, path, body, signal) {
    let resp;
    const headers = body ? { "Content-Type": "application/json" } : {};
    const sent = session_.token;
    if (sent) headers.Authorization = `Bearer ${sent}`;
    try {
      resp = await fetch(path, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        cache: "no-store",
        signal,
      });
    } catch (e) {
      if (e && e.name === "AbortError") throw e;
      throw new ApiError("网络连接失败，请检查网络后重试", 0);
    }
    if (resp.status === 401) {
      await askForToken(Boolean(sent));
      return api(method, path, body, signal);
    }
    let data = null;
    try {
      data = await resp.json();
    } catch (e) {
      if (e && e.name === "AbortError") throw e;
    }
    if (!resp.ok) {
      const msg = data && typeof data.error === "string" && data.error ? data.error : `服务器出错了（${resp.status}）`;
      throw new ApiError(msg, resp.status);
    }
    if (data === null) throw new ApiError("服务器返回的内容无法识别", resp.status);
    return data;
  }

  // A send is retried once on a network error or a 5xx, with the same client id so the
  // server can tell it is the same message; a 4xx is the server's answer and is shown.
  async function post(path, body) {
    try {
      return await api("POST", path, body);
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 0 && e.status < 500)) throw e;
      await sleep(1000);
      return api("POST", path, body);
    }
  }

  function fetchMessages(chat, after, wait, signal) {
    const q = new URLSearchParams({ chat, user: state.me.id, after: String(after) });
    if (wait) q.set("wait", String(wait));
    return api("GET", `${API}/messages?${q}`, null, signal);
  }

  // ---------- error banner ----------

  function showError(text, source = "action") {
    state.errorSource = source;
    el.errorText.textContent = text;
    el.error.hidden = false;
  }

  function hideError(source) {
    if (source && state.errorSource !== source) return;
    state.errorSource = null;
    el.error.hidden = true;
  }

  function pollFailed(e) {
    if (e && e.name === "AbortError") return;
    state.pollFailures += 1;
    if (state.pollFailures >= 2 && state.errorSource !== "action") {
      showError(`与服务器的连接中断，正在重试…（${e.message}）`, "poll");
    }
  }

  function pollSucceeded() {
    state.pollFailures = 0;
    hideError("poll");
  }

  // ---------- identities ----------

  function findIdentity(id) {
    return state.people.find((p) => p.id === id) || state.residents.find((r) => r.id === id) || null;
  }

  function renderIdentityOptions() {
    const sel = el.identity;
    sel.replaceChildren();
    if (state.people.length) {
      const staff = make("optgroup");
      staff.label = "网格工作人员";
      for (const p of state.people) {
        const o = new Option(p.title ? `${p.name} · ${p.title}` : p.name, p.id);
        staff.append(o);
      }
      sel.append(staff);
    }
    if (state.residents.length) {
      const res = make("optgroup");
      res.label = "居民";
      for (const r of state.residents) res.append(new Option(`${r.name}（居民）`, r.id));
      sel.append(res);
    }
    sel.append(new Option("新居民…", NEW_RESIDENT));
    sel.value = state.me ? state.me.id : NEW_RESIDENT;
  }

  function openNewResidentForm() {
    el.identity.value = NEW_RESIDENT;
    el.newResident.hidden = false;
    el.newResidentName.value = "";
    el.newResidentName.classList.remove("invalid");
    el.newResidentName.focus();
  }

  function closeNewResidentForm() {
    el.newResident.hidden = true;
    el.identity.value = state.me ? state.me.id : NEW_RESIDENT;
  }

  function createResident(event) {
    event.preventDefault();
    const name = el.newResidentName.value.trim();
    if (!name) {
      el.newResidentName.classList.add("invalid");
      el.newResidentName.placeholder = "称呼不能为空，请输入，如：李阿姨";
      el.newResidentName.focus();
      return;
    }
    const resident = { id: `r_${randomHex(4)}`, name };
    state.residents.push(resident);
    storage.set(LS_RESIDENTS, state.residents);
    el.newResident.hidden = true;
    setIdentity(resident.id);
  }

  function setIdentity(id) {
    const who = findIdentity(id);
    if (!who) return;
    state.me = who;
    storage.set(LS_IDENTITY, id);
    renderIdentityOptions();
    startSession();
  }

  // ---------- chats ----------

  function dmChat() {
    return `dm:${state.me.id}`;
  }

  function chatInfo(id) {
    return state.chats.find((c) => c.id === id) || null;
  }

  function cacheFor(chat) {
    let c = state.cache.get(chat);
    if (!c) {
      c = { msgs: new Map(), maxSeq: 0 };
      state.cache.set(chat, c);
    }
    return c;
  }

  function sortedMessages(chat) {
    return Array.from(cacheFor(chat).msgs.values()).sort((a, b) => a.seq - b.seq);
  }

  function unreadCount(chat) {
    const seen = state.read[chat] || 0;
    let n = 0;
    for (const m of cacheFor(chat).msgs.values()) if (m.seq > seen && m.user !== state.me.id) n += 1;
    return n;
  }

  function markRead(chat) {
    const max = cacheFor(chat).maxSeq;
    if ((state.read[chat] || 0) >= max) return;
    state.read[chat] = max;
    storage.set(LS_READ + state.me.id, state.read);
  }

  function senderName(m) {
    if (m.user === "bot") return state.botName;
    if (m.name) return m.name;
    const who = findIdentity(m.user);
    return who ? who.name : m.user;
  }

  function renderChatList() {
    el.chatList.replaceChildren();
    for (const chat of state.chats) {
      const li = make("li");
      const item = make("button", "chat-item");
      item.type = "button";
      item.dataset.testid = "chat-item";
      item.dataset.chat = chat.id;
      item.addEventListener("click", () => openChat(chat.id));
      item.append(chat.kind === "dm" ? avatar(state.botName, "bot", "avatar-bot") : avatar("群", chat.id, "avatar-group"));
      const main = make("div", "chat-item-main");
      const top = make("div", "chat-item-top");
      top.append(make("span", "chat-item-name", chat.name), make("span", "chat-item-time"));
      main.append(top, make("div", "chat-item-preview"));
      const badge = make("span", "badge");
      badge.dataset.testid = "unread";
      badge.hidden = true;
      item.append(main, badge);
      li.append(item);
      el.chatList.append(li);
      updateChatItem(chat.id);
    }
  }

  function updateChatItem(chatId) {
    const item = el.chatList.querySelector(`[data-chat="${CSS.escape(chatId)}"]`);
    if (!item) return;
    item.classList.toggle("active", chatId === state.current);
    const msgs = sortedMessages(chatId);
    const last = msgs[msgs.length - 1];
    const preview = item.querySelector(".chat-item-preview");
    const time = item.querySelector(".chat-item-time");
    if (last) {
      const who = last.user === state.me.id ? "我" : senderName(last);
      preview.textContent = `${who}：${(last.text || "").replace(/\s+/g, " ")}`;
      time.textContent = hhmm(last.at);
    } else {
      preview.textContent = chatInfo(chatId)?.kind === "dm" ? "有事可以私聊我" : "暂无消息";
      time.textContent = "";
    }
    const n = chatId === state.current ? 0 : unreadCount(chatId);
    const badge = item.querySelector(".badge");
    badge.hidden = n === 0;
    badge.textContent = n > 99 ? "99+" : String(n);
    item.setAttribute("aria-label", n ? `${chatInfo(chatId)?.name}，${n} 条未读` : chatInfo(chatId)?.name || chatId);
    updateTitle();
  }

  function updateTitle() {
    let total = 0;
    for (const chat of state.chats) if (chat.id !== state.current) total += unreadCount(chat.id);
    document.title = total ? `(${total > 99 ? "99+" : total}) 网格通 · 网页聊天` : "网格通 · 网页聊天";
  }

  // Adds messages from the log; duplicates (by seq) are dropped, so overlapping polls are harmless.
  function ingest(chat, list) {
    if (!Array.isArray(list) || !list.length) return;
    const c = cacheFor(chat);
    const added = [];
    let spentSince = false;
    for (const raw of list) {
      if (raw.chat && raw.chat !== chat) continue; // never show one chat's messages in another
      const m = { ...raw, seq: Number(raw.seq) };
      if (!Number.isFinite(m.seq)) continue;
      const known = c.msgs.get(m.seq);
      if (known) {
        // A message seen before whose buttons a tap has used up since (the chat is read from its start on
        // opening): taken as the server has it now.
        if ((spentButtons(m) && !spentButtons(known)) || chosenOf(m) !== chosenOf(known)) {
          c.msgs.set(m.seq, m);
          spentSince = true;
        }
        continue;
      }
      c.msgs.set(m.seq, m);
      if (m.seq > c.maxSeq) c.maxSeq = m.seq;
      added.push(m);
    }
    if (spentSince && chat === state.current) {
      renderAllMessages(chat, { keepScroll: !nearBottom() }); // (the new ones too)
      markRead(chat);
      updateChatItem(chat);
      return;
    }
    if (!added.length) return;
    if (chat === state.current) {
      renderNewMessages(chat, added);
      markRead(chat);
    }
    updateChatItem(chat);
  }

  // The data of the button chosen on a message, if any (a rating taken back in words moves it).
  function chosenOf(m) {
    return (Array.isArray(m.buttons) && m.buttons.find((b) => b.chosen)?.data) || null;
  }

  // The server says a message drawn before has another choice now (res.chosen): shown at once.
  function showChosen(chat, chosen) {
    const m = cacheFor(chat).msgs.get(Number(chosen.seq));
    if (!m || !Array.isArray(m.buttons)) return;
    m.buttons = m.buttons.map((b) => ({ ...b, chosen: b.data === chosen.data }));
    if (chat === state.current) renderAllMessages(chat, { keepScroll: !nearBottom() });
  }

  function spentButtons(m) {
    return Array.isArray(m.buttons) && m.buttons.some((b) => b.spent);
  }

  // ---------- message pane ----------

  function messageNode(m) {
    const mine = m.user === state.me.id;
    const bot = m.user === "bot";
    const row = make("div", `msg ${mine ? "msg-mine" : bot ? "msg-bot" : "msg-other"}`);
    row.dataset.testid = "message";
    row.dataset.user = m.user;
    row.dataset.seq = String(m.seq);
    const name = senderName(m);
    row.append(bot ? avatar(state.botName, "bot", "avatar-bot") : avatar(name, m.user));
    const body = make("div", "msg-body");
    if (!mine) body.append(make("div", "msg-name", name));
    const bubble = make("div", "bubble", m.text || "");
    bubble.title = fullTime(m.at);
    body.append(bubble);
    if (Array.isArray(m.buttons) && m.buttons.length) {
      const bar = make("div", "msg-buttons");
      // Used up by a tap (a rating given, an offer taken): drawn so, with the choice made marked.
      const spent = spentButtons(m);
      if (spent) bar.classList.add("msg-buttons-spent");
      for (const b of m.buttons) {
        const chip = make("button", "chip", b.label);
        chip.type = "button";
        chip.dataset.testid = "msg-button";
        chip.disabled = spent;
        if (b.chosen) chip.classList.add("chip-chosen");
        chip.addEventListener("click", () => pressButton(m.chat || state.current, m, b, chip));
        bar.append(chip);
      }
      body.append(bar);
    }
    row.append(body);
    return row;
  }

  function timeNode(m) {
    const t = make("div", "time-sep", hhmm(m.at));
    t.title = fullTime(m.at);
    return t;
  }

  function needsTime(prev, m) {
    if (!prev) return true;
    const a = Date.parse(prev.at);
    const b = Date.parse(m.at);
    return Number.isFinite(a) && Number.isFinite(b) && b - a >= TIME_GAP_MS;
  }

  function nearBottom() {
    const p = el.messages;
    return p.scrollHeight - p.scrollTop - p.clientHeight < 120;
  }

  function scrollToBottom() {
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  function renderAllMessages(chat, { keepScroll = false } = {}) {
    const scrolled = el.messages.scrollTop;
    const msgs = sortedMessages(chat);
    el.messages.replaceChildren();
    if (!msgs.length) {
      el.messages.append(make("div", "empty", chatInfo(chat)?.kind === "dm" ? "有什么事可以直接告诉我，比如“报事 3号楼楼道灯坏了”。" : "还没有消息，说点什么吧。"));
    }
    let prev = null;
    for (const m of msgs) {
      if (needsTime(prev, m)) el.messages.append(timeNode(m));
      el.messages.append(messageNode(m));
      prev = m;
    }
    el.messages.dataset.lastSeq = String(prev ? prev.seq : 0);
    if (keepScroll) el.messages.scrollTop = scrolled; // someone reading further up keeps their place
    else scrollToBottom();
  }

  function renderNewMessages(chat, added) {
    const lastShown = Number(el.messages.dataset.lastSeq || 0);
    added.sort((a, b) => a.seq - b.seq);
    if (added[0].seq <= lastShown) return renderAllMessages(chat); // out of order: redraw
    const stick = nearBottom() || added.some((m) => m.user === state.me.id);
    el.messages.querySelector(".empty")?.remove();
    const all = sortedMessages(chat);
    for (const m of added) {
      const i = all.findIndex((x) => x.seq === m.seq);
      if (needsTime(all[i - 1], m)) el.messages.append(timeNode(m));
      el.messages.append(messageNode(m));
    }
    el.messages.dataset.lastSeq = String(added[added.length - 1].seq);
    if (stick) scrollToBottom();
  }

  // ---------- polling ----------

  // On a phone the list and the chat take the whole screen in turn, as in WeChat: a tap on a chat opens it, the
  // back button returns to the list. On a wide screen both show and these classes change nothing.
  const PHONE = window.matchMedia("(max-width: 720px)");

  function showChat(on) {
    el.app.classList.toggle("in-chat", on);
  }

  async function openChat(chatId, { show = true } = {}) {
    if (show) showChat(true);
    if (!session || !chatInfo(chatId)) return;
    if (chatId === state.current && chatCtl && !chatCtl.signal.aborted) {
      // Opened already while its pane was hidden (a phone shows one pane; the remembered group opens at load): a
      // hidden pane has no height, so it was never scrolled to the newest message. Shown now, it can be.
      if (show) scrollToBottom();
      return;
    }
    if (chatCtl) chatCtl.abort();
    const ctl = new AbortController();
    chatCtl = ctl;
    const s = session;
    s.ctl.signal.addEventListener("abort", () => ctl.abort(), { once: true });

    const previous = state.current;
    state.current = chatId;
    const info = chatInfo(chatId);
    if (info.kind === "group") storage.set(LS_CHAT, chatId);
    el.chatTitle.textContent = info.name;
    el.chatSub.textContent = info.kind === "dm" ? "仅您本人可见" : "居民群";
    if (previous && previous !== chatId) updateChatItem(previous);
    renderAllMessages(chatId);
    markRead(chatId);
    updateChatItem(chatId);
    if (!PHONE.matches) el.composer.focus(); // on a phone, focusing would pop the keyboard up unasked

    let after = 0; // the open chat is always (re)loaded from the start of its log
    let first = true;
    let failures = 0;
    while (!ctl.signal.aborted) {
      try {
        const started = Date.now();
        const data = await fetchMessages(chatId, after, first ? 0 : LONG_POLL_WAIT, ctl.signal);
        if (ctl.signal.aborted) break;
        ingest(chatId, data.messages);
        after = Math.max(after, cacheFor(chatId).maxSeq);
        failures = 0;
        pollSucceeded();
        // A server that answers an empty long-poll at once must not make this loop spin.
        if (!first && !(data.messages || []).length && Date.now() - started < 1000) await sleep(1000, ctl.signal);
        first = false;
      } catch (e) {
        if (ctl.signal.aborted || (e && e.name === "AbortError")) break;
        failures += 1;
        pollFailed(e);
        await sleep(Math.min(1000 * 2 ** failures, 15000), ctl.signal);
      }
    }
  }

  // Every chat is checked every few seconds for unread counts and previews. The open chat is
  // included too, as a safety net: its long-poll normally shows new messages at once.
  async function backgroundLoop(s) {
    while (!s.ctl.signal.aborted) {
      await Promise.all(
        state.chats.map(async (c) => {
          try {
            const data = await fetchMessages(c.id, cacheFor(c.id).maxSeq, 0, s.ctl.signal);
            if (session !== s || s.ctl.signal.aborted) return;
            ingest(c.id, data.messages);
            pollSucceeded();
          } catch (e) {
            if (session === s) pollFailed(e);
          }
        }),
      );
      await sleep(BACKGROUND_POLL_MS, s.ctl.signal);
    }
  }

  // Checks the chats a reply went to right away, instead of waiting for the next poll.
  async function refreshChats(chats) {
    const s = session;
    await Promise.all(
      [...new Set(chats)].filter((c) => chatInfo(c)).map(async (chat) => {
        try {
          const data = await fetchMessages(chat, cacheFor(chat).maxSeq, 0, s.ctl.signal);
          if (session === s) ingest(chat, data.messages);
        } catch {
          /* the regular polls will catch up */
        }
      }),
    );
  }

  function startSession() {
    if (session) session.ctl.abort();
    if (chatCtl) chatCtl.abort();
    chatCtl = null;
    session = { ctl: new AbortController() };
    state.cache = new Map();
    state.read = storage.get(LS_READ + state.me.id, {}) || {};
    state.pollFailures = 0;
    hideError("poll");

    const stored = storage.get(LS_CHAT, null);
    const previous = state.current || (typeof stored === "string" ? stored : null);
    state.chats = [
      { id: dmChat(), name: `与${state.botName}的私聊`, kind: "dm" },
      ...state.groups.map((g) => ({ id: g.id, name: g.name, kind: "group" })),
    ];
    let next = state.chats.find((c) => c.kind === "group")?.id || dmChat();
    if (previous && previous.startsWith("dm:")) next = dmChat();
    else if (previous && chatInfo(previous)) next = previous;
    state.current = null;
    renderChatList();
    openChat(next, { show: el.app.classList.contains("in-chat") || !PHONE.matches });
    backgroundLoop(session);
  }

  // ---------- sending ----------

  function setSending(on) {
    state.sending = on;
    el.send.disabled = on;
    el.send.textContent = on ? "发送中…" : "发送";
  }

  async function sendMessage() {
    const text = el.composer.value.trim();
    if (!text || !state.current || !state.me || state.sending) return;
    const chat = state.current;
    const body = { chat, user: state.me.id, name: state.me.name, text, id: newClientId() };
    el.composer.value = "";
    setSending(true);
    try {
      const res = await post(`${API}/messages`, body);
      hideError("action");
      if (res.chosen) showChosen(chat, res.chosen);
      refreshChats([chat, ...(res.replies || []).map((r) => r.chat)]);
    } catch (e) {
      if (state.current === chat && !el.composer.value) el.composer.value = text;
      showError(`发送失败：${e.message}`);
    } finally {
      setSending(false);
      el.composer.focus();
    }
  }

  async function pressButton(chat, message, button, chip) {
    if (!state.me || chip.disabled) return;
    const bar = chip.parentElement;
    const chips = bar ? Array.from(bar.querySelectorAll("button")) : [chip];
    chips.forEach((c) => (c.disabled = true));
    let spent = false;
    try {
      // No automatic retry here: a tap carries no client id the server could deduplicate by.
      const body = { chat, user: state.me.id, name: state.me.name, data: button.data, seq: message.seq };
      const res = await api("POST", `${API}/buttons`, body);
      hideError("action");
      if (res.accepted !== false) {
        // One choice per message: an answer changed (参加, then 待定) shows only the new one. A refused tap was none.
        chips.forEach((c) => c.classList.remove("chip-chosen"));
        chip.classList.add("chip-chosen");
      }
      if (res.notice) showError(res.notice); // why it was turned down, to this person alone
      spent = res.spent === true; // a rating given, an offer taken: its buttons are used up
      if (spent && bar) bar.classList.add("msg-buttons-spent");
      if (spent) {
        // …and stay so when the chat is drawn again from what the page holds (as the server's log now has it)
        message.buttons.forEach((b) => (b.spent = true));
        if (res.accepted !== false) button.chosen = true;
      }
      refreshChats([chat, ...(res.replies || []).map((r) => r.chat)]);
    } catch (e) {
      showError(`操作失败：${e.message}`);
    } finally {
      if (!spent) chips.forEach((c) => (c.disabled = false));
    }
  }

  // ---------- start ----------

  async function loadDirectory() {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await api("GET", `${API}/directory`);
      } catch (e) {
        showError(`无法加载通讯录：${e.message}，正在重试…`, "poll");
        await sleep(Math.min(2000 * (attempt + 1), 10000));
      }
    }
  }

  async function init() {
    el.identity.addEventListener("change", () => {
      el.identityHint.hidden = true;
      if (el.identity.value === NEW_RESIDENT) openNewResidentForm();
      else {
        el.newResident.hidden = true;
        setIdentity(el.identity.value);
      }
    });
    el.newResident.addEventListener("submit", createResident);
    el.newResidentCancel.addEventListener("click", closeNewResidentForm);
    el.newResidentName.addEventListener("input", () => el.newResidentName.classList.remove("invalid"));
    el.newResidentName.addEventListener("keydown", (e) => {
      if (e.key === "Escape") closeNewResidentForm();
    });
    el.errorClose.addEventListener("click", () => hideError());
    el.identityHintClose.addEventListener("click", () => (el.identityHint.hidden = true));
    el.send.addEventListener("click", sendMessage);
    el.chatBack.addEventListener("click", () => showChat(false));
    // A phone has no Shift key to speak of: say only what works there.
    const touch = window.matchMedia("(pointer: coarse)").matches;
    if (touch || PHONE.matches) el.composer.placeholder = "输入消息";
    el.composer.addEventListener("keydown", (e) => {
      // Enter sends, Shift+Enter is a new line; Enter that confirms an IME candidate does neither.
      if (e.key !== "Enter" || e.shiftKey || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      sendMessage();
    });

    const dir = await loadDirectory();
    hideError("poll");
    state.botName = dir.bot_name || state.botName;
    el.botName.textContent = state.botName;
    state.groups = Array.isArray(dir.groups) ? dir.groups : [];
    state.people = Array.isArray(dir.people) ? dir.people : [];
    const stored = storage.get(LS_RESIDENTS, []);
    state.residents = Array.isArray(stored) ? stored.filter((r) => r && r.id && r.name) : [];

    const id = storage.get(LS_IDENTITY, null);
    const who = (id && findIdentity(id)) || state.people[0] || state.residents[0] || null;
    if (who) {
      setIdentity(who.id);
      // A first visit speaks as staff, who get no offer for a complaint: say so once, and how to be a resident.
      if (!id && state.people.includes(who)) {
        const title = who.title ? `${who.name} · ${who.title}` : who.name;
        el.identityHintText.textContent =
          `您现在以“${title}”的身份发言，工作人员的消息不会收到登记提示。想以居民身份体验，请在“当前身份”里选“新居民…”。`;
        el.identityHint.hidden = false;
      }
    }
    else {
      renderIdentityOptions();
      openNewResidentForm();
    }
  }

  init();
})();
