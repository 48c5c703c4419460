// Starts rasa-webchat on the clinic page (or on a clinic's own site, loaded by embed.js), says so on the page when the assistant cannot be reached,
// and fills in what the widget leaves out for screen readers and keyboards (names, alt text, keys).
(function () {
  "use strict";
  // On the clinic page the settings are in the page; on a site that embeds the chat, embed.js sets them.
  var settings = window.clinicChatSettings || JSON.parse(document.getElementById("chat-settings").textContent);
  var status = document.getElementById(settings.status_id || "chat-status");
  var LAUNCHER_NAME = "Chat with the stretch coach";

  function showUnavailable(unavailable) {
    status.hidden = !unavailable;
    document.documentElement.dataset.chat = unavailable ? "unavailable" : "connected";
  }

  // Pictures arrive as bare URLs; their alt text comes from the content module, by file name.
  function altFor(src) {
    var name = (src.split("/").pop() || "").replace(/\.svg(\?.*)?$/, "");
    return settings.illustrations[name];
  }

  function label(root) {
    root.querySelectorAll(".rw-launcher").forEach(function (button) {
      var open = !!document.querySelector(".rw-conversation-container");
      button.setAttribute("aria-label", open ? "Close the chat" : LAUNCHER_NAME);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    root.querySelectorAll("img.rw-image-frame:not([alt])").forEach(function (img) {
      img.alt = altFor(img.getAttribute("src") || "") || "Picture of the position";
    });
    root.querySelectorAll(".rw-reply:not([tabindex])").forEach(function (reply) {
      reply.setAttribute("tabindex", "0");
      reply.setAttribute("role", "button");
    });
    root.querySelectorAll(".rw-close-button:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Close the chat");
    });
    root.querySelectorAll(".rw-send:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Send");
    });
    root.querySelectorAll(".rw-new-message:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", "Your message");
    });
    root.querySelectorAll(".rw-messages-container:not([aria-live])").forEach(function (log) {
      log.setAttribute("role", "log");
      log.setAttribute("aria-live", "polite");
      log.setAttribute("aria-label", "Conversation");
    });
    // The widget's title is an <h4>; under the page's <h1> it is a second-level heading.
    root.querySelectorAll(".rw-title:not([aria-level])").forEach(function (title) {
      title.setAttribute("role", "heading");
      title.setAttribute("aria-level", "2");
    });
  }

  // ---- Keyboard: Escape closes the chat and gives focus back to the launcher; focus never drops to the
  // page when the chat closes; Tab stays inside the chat while it covers the whole screen (a phone).
  function isOpen() {
    return !!container.querySelector(".rw-conversation-container");
  }

  function focusLauncher() {
    setTimeout(function () {
      var launcher = container.querySelector(".rw-launcher");
      if (launcher) launcher.focus();
    }, 0);
  }

  function focusable(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("button, textarea, input, a[href], [tabindex='0']"),
      function (node) { return !node.disabled && node.offsetParent !== null && node.getClientRects().length > 0; }
    );
  }

  function coversTheScreen(panel) {
    var box = panel.getBoundingClientRect();
    return box.width >= window.innerWidth - 1 && box.height >= window.innerHeight - 1;
  }

  document.addEventListener("keydown", function (event) {
    if (!isOpen() || !container.contains(event.target)) return;
    if (event.key === "Escape") {
      event.preventDefault();
      var launcher = container.querySelector(".rw-launcher");
      if (launcher) launcher.click();
      focusLauncher();
      return;
    }
    var panel = container.querySelector(".rw-conversation-container");
    if (event.key !== "Tab" || !panel || !coversTheScreen(panel)) return;
    var inside = focusable(panel);
    if (!inside.length) return;
    var first = inside[0];
    var last = inside[inside.length - 1];
    if (event.shiftKey && event.target === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && event.target === last) {
      event.preventDefault();
      first.focus();
    }
  });

  var wasOpen = false;
  function followOpenState() {
    var open = isOpen();
    if (wasOpen && !open) {
      var active = document.activeElement;
      if (!active || active === document.body || !document.contains(active)) focusLauncher();
    }
    wasOpen = open;
  }

  // ---- Focus after a quick reply: the pressed button goes away with its card's replies, so focus waits in
  // the text box and moves to the new reply's first button (or stays in the text box if it has none).
  // A person typing in the text box keeps it; someone on a quick reply when a reply comes unasked
  // ("Time's up: release") is moved to the new one's buttons too.
  var followNextReply = false;
  document.addEventListener("focusin", function (event) {
    followNextReply = !!(event.target.closest && event.target.closest(".coach-replies"));
  });

  function textBox() {
    return container.querySelector(".rw-new-message");
  }

  function focusNewReply(card) {
    if (!followNextReply) return;
    setTimeout(function () {
      var first = card.replies.querySelector("button");
      if (first && !card.replies.hidden) {
        first.focus();
      } else {
        var box = textBox();
        if (box) box.focus();
        followNextReply = false;
      }
    }, 0);
  }

  // ---- One polite announcer for what the screen shows without a new message (the countdown).
  var announcer = document.getElementById("coach-announcer");
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // Quick replies are clickable <div>s: let Enter and Space press them too.
  document.addEventListener("keydown", function (event) {
    var reply = event.target.closest && event.target.closest(".rw-reply");
    if (reply && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      reply.click();
    }
  });

  // ---- The coach's own messages: picture, text, a countdown during a hold, and quick replies, together.
  //
  // The web renderer (channels/render/web.py) sends each reply as one message, {"text": ..., "coach":
  // {"blocks", "step": {"heading", "text"}, "image", "alt", "hold_seconds", "hold_continues", "buttons"}},
  // each part in its own field, drawn as it is; rasa-webchat hands such a message to `customComponent`. The standalone bundle does not expose React, so the component
  // returns the plainest React element there is (an empty <div> with a ref callback) and the card
  // is built with the DOM inside it. rasa-webchat re-creates the component type on every update of
  // the message list, so React mounts a fresh <div> each time: the built card is kept (by the
  // message's timestamp) and moved into it, so the picture is not reloaded and the countdown keeps running.
  var REACT_ELEMENT = typeof Symbol === "function" && Symbol.for ? Symbol.for("react.element") : 0xeac7;
  var cards = {};

  function reactDiv(className, ref) {
    return { $$typeof: REACT_ELEMENT, type: "div", key: null, ref: ref, props: { className: className }, _owner: null };
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function coachOf(message) {
    var props = message && message.get && message.get("props");
    if (!props) return null;
    var coach = props.get ? props.get("coach") : props.coach;
    return coach && coach.toJS ? coach.toJS() : coach || null;
  }

  // A hold is still on while every later message of the coach says it continues (the server's
  // `hold_continues`: an answer that keeps the place); any other message ends it.
  function holdStillOn(messages, index) {
    for (var i = index + 1; i < messages.size; i += 1) {
      var message = messages.get(i);
      if (message.get("sender") !== "response") continue;
      var coach = coachOf(message);
      if (!coach || !coach.hold_continues) return false;
    }
    return true;
  }

  // The countdown's accessible name tells the seconds left (a timer is not read out as it changes);
  // the announcer says it at the moments that matter: the start, 10 seconds left, done.
  var ANNOUNCE_AT = 10;
  function holdName(left) {
    if (left === 0) return "Hold done: release now";
    return "Hold: " + left + (left === 1 ? " second" : " seconds") + " left";
  }

  function buildCountdown(seconds, startedAt) {
    var box = make("div", "coach-hold");
    box.setAttribute("role", "timer");
    var number = make("span", "coach-hold-seconds");
    number.setAttribute("aria-hidden", "true");
    var label = make("span", "coach-hold-label");
    label.setAttribute("aria-hidden", "true");
    var bar = make("span", "coach-hold-bar");
    var fill = make("span", "coach-hold-fill");
    bar.appendChild(fill);
    box.appendChild(number);
    box.appendChild(label);
    box.appendChild(bar);
    var endsAt = startedAt + seconds * 1000;
    var shown = null;
    return {
      node: box,
      live: true,
      // Redraws the countdown; returns whether it still needs ticking.
      tick: function (now) {
        if (!this.live) {
          box.hidden = true;
          return false;
        }
        var left = Math.max(0, Math.ceil((endsAt - now) / 1000));
        var done = left === 0;
        if (left !== shown) {
          if (shown === null && !done && left >= seconds - 1) {
            announce("Hold for " + seconds + " seconds. Started.");
          } else if (shown !== null && shown > ANNOUNCE_AT && left <= ANNOUNCE_AT && !done) {
            announce(left + " seconds left.");
          } else if (shown !== null && done) {
            announce("Hold done: release now.");
          }
          shown = left;
          box.setAttribute("aria-label", holdName(left));
        }
        number.textContent = done ? "✓" : String(left);
        label.textContent = done ? "Release now" : left === 1 ? "second to hold" : "seconds to hold";
        fill.style.width = (100 * Math.min(1, (now - startedAt) / (seconds * 1000))) + "%";
        box.classList.toggle("coach-hold-done", done);
        return !done;
      },
    };
  }

  var ticking = [];
  setInterval(function () {
    var now = Date.now();
    ticking = ticking.filter(function (countdown) { return countdown.tick(now); });
  }, 200);

  function paragraph(text) {
    return make("p", "", text);
  }

  // A reply may begin with other words (the welcome, what the stretch is), then its step. The picture
  // goes right above the step, so the two are on screen together.
  function buildCard(coach, startedAt, choose) {
    var card = make("div", "coach-card");
    var bubble = make("div", "rw-response coach-bubble");
    var blocks = coach.blocks || [];
    var step = coach.step;
    if (blocks.length) {
      var before = make("div", "coach-text rw-markdown");
      blocks.forEach(function (block) { before.appendChild(paragraph(block)); });
      bubble.appendChild(before);
    }
    if (coach.image) {
      var figure = make("div", "coach-picture");
      var img = make("img", "rw-image-frame coach-image");
      img.src = coach.image;
      img.alt = coach.alt || "Picture of the position";
      img.width = 320;
      img.height = 220;
      figure.appendChild(img);
      bubble.appendChild(figure);
    }
    if (step) {
      var words = make("div", "coach-text coach-step rw-markdown");
      words.appendChild(make("p", "coach-step-heading", step.heading));
      if (step.text) words.appendChild(paragraph(step.text));
      bubble.appendChild(words);
    }
    var countdown = null;
    if (coach.hold_seconds) {
      countdown = buildCountdown(coach.hold_seconds, startedAt);
      bubble.appendChild(countdown.node);
      if (countdown.tick(Date.now())) ticking.push(countdown);
    }
    card.appendChild(bubble);
    var replies = make("div", "rw-replies coach-replies");
    (coach.buttons || []).forEach(function (choice) {
      var button = make("button", "rw-reply", choice.title);
      button.type = "button";
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        var box = textBox();
        if (box) box.focus();
        followNextReply = true;
        choose(choice);
      });
      replies.appendChild(button);
    });
    addProgress(coach, bubble, replies);
    card.appendChild(replies);
    return { node: card, replies: replies, countdown: countdown };
  }

  // ---- Progress (pacing/checkin.py, pacing/progress.py): the 0-10 check-in's buttons as one labelled
  // scale, and "how am I doing?" as a small chart drawn from the card's numbers (pain before and after,
  // session by session), with the same numbers in its text for screen readers.
  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function painChart(points) {
    var barWidth = 12, gap = 10, height = 110, top = 8, base = top + 100;
    var width = points.length * (2 * barWidth + gap) + gap;
    var described = points.map(function (p) {
      return p.label + ": " + (p.before === null ? "none" : p.before) + " before, " +
        (p.after === null ? "none" : p.after) + " after";
    }).join("; ");
    var chart = svg("svg", { viewBox: "0 0 " + width + " " + (height + 22), width: Math.min(width, 300),
      role: "img", "aria-label": "Pain from 0 to 10, before and after each session: " + described,
      class: "coach-chart" });
    chart.appendChild(svg("title", {}, "Pain before and after each session (0 to 10)"));
    chart.appendChild(svg("line", { x1: 0, y1: base, x2: width, y2: base, stroke: "#888" }));
    points.forEach(function (p, i) {
      var x = gap + i * (2 * barWidth + gap);
      [["before", p.before, "#9aa9c4"], ["after", p.after, "#2f7d4f"]].forEach(function (bar, j) {
        if (bar[1] === null || bar[1] === undefined) return;
        var h = bar[1] * 10;
        chart.appendChild(svg("rect", { x: x + j * barWidth, y: base - h, width: barWidth - 2, height: h,
          fill: bar[2], "data-phase": bar[0], "data-score": bar[1] }));
        chart.appendChild(svg("text", { x: x + j * barWidth + (barWidth - 2) / 2, y: base - h - 2,
          "font-size": 9, "text-anchor": "middle" }, String(bar[1])));
      });
      chart.appendChild(svg("text", { x: x + barWidth, y: base + 14, "font-size": 9, "text-anchor": "middle" },
        p.label));
    });
    var legend = make("p", "coach-chart-legend", "Left bar: before; right bar: after.");
    var box = make("div", "coach-progress");
    box.appendChild(chart);
    box.appendChild(legend);
    return box;
  }

  function addProgress(coach, bubble, replies) {
    if (coach.chart && coach.chart.length) bubble.appendChild(painChart(coach.chart));
    if (coach.link) {
      var link = make("a", "coach-download", "Add to my calendar (.ics)");
      link.href = coach.link;
      link.setAttribute("download", "stretch-reminder.ics");
      bubble.appendChild(link);
    }
    var buttons = coach.buttons || [];
    if (!buttons.some(function (b) { return b.act === "score"; })) return;
    var scale = make("div", "coach-scale");
    scale.setAttribute("role", "group");
    scale.setAttribute("aria-label", "Pain right now, from 0 (no pain) to 10 (worst imaginable)");
    Array.prototype.slice.call(replies.children).forEach(function (button, i) {
      if (buttons[i] && (buttons[i].act === "score" || buttons[i].act === "skip_checkin")) scale.appendChild(button);
    });
    // In the card that shows a step, the question (its last paragraph) goes under the step, with its scale.
    var before = coach.step ? bubble.querySelector(".coach-text:not(.coach-step)") : null;
    var question = before && before.lastElementChild;
    if (question) {
      question.className = "coach-scale-question";
      scale.insertBefore(question, scale.firstChild);
      if (!before.children.length) before.remove();
    }
    replies.appendChild(scale);
  }

  function CoachMessage(props) {
    var messages = props.store.messages;
    var message = messages.get(props.id);
    var shownAt = (message && message.get("timestamp")) || Date.now();
    var key = shownAt + ":" + props.id;
    // The server's release timer started when the reply was sent, the page's delay before showing it.
    var startedAt = shownAt - (settings.message_delay_ms > 0 ? settings.message_delay_ms : 0);
    return reactDiv("coach-message", function (host) {
      if (!host) return;
      var card = cards[key];
      var isNew = !card;
      if (!card) {
        card = cards[key] = buildCard(props.coach || {}, startedAt, function (choice) {
          props.dispatch({ type: "ADD_NEW_USER_MESSAGE", text: choice.title, nextMessageIsTooltip: false, hidden: false });
          props.dispatch({ type: "EMIT_NEW_USER_MESSAGE", text: choice.payload });
        });
      }
      // Quick replies belong to the latest message only, as rasa-webchat's own quick replies do.
      card.replies.hidden = !props.isLast;
      if (card.countdown && card.countdown.live && !holdStillOn(props.store.messages, props.id)) {
        card.countdown.live = false;
        card.countdown.tick(Date.now());
      }
      host.appendChild(card.node);
      if (isNew && props.isLast) focusNewReply(card);
    });
  }

  var container = document.getElementById("coach-chat");
  new MutationObserver(function () { label(container); followOpenState(); }).observe(container, { childList: true, subtree: true });

  // The chat session belongs to this tab: the first owner token the page server gave it is kept for
  // the tab's life (reloads included) and sent when the socket opens; the server derives the session
  // from it, so a session id alone, copied from elsewhere, opens nothing.
  var OWNER_KEY = "chat_owner";
  var owner = sessionStorage.getItem(OWNER_KEY) || settings.owner_token;
  sessionStorage.setItem(OWNER_KEY, owner);

  var props = {
    initPayload: settings.init_payload,
    socketUrl: settings.rasa_url + "/?owner=" + encodeURIComponent(owner),
    socketPath: "/socket.io/",
    title: "Stretch coach",
    subtitle: "Step-by-step stretches, not medical advice",
    inputTextFieldHint: "Type a message…",
    showMessageDate: false,
    params: { storage: "session", images: { dims: { width: 250, height: 172 } } },
    customComponent: CoachMessage,
    onSocketEvent: {
      connect: function () { showUnavailable(false); },
      connect_error: function () { showUnavailable(true); },
    },
  };
  if (settings.message_delay_ms !== null) {
    props.customMessageDelay = function () { return settings.message_delay_ms; };
  }
  window.WebChat.default(props, container);
  window.clinicChat = { settings: settings };
})();
