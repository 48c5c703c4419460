// Starts rasa-webchat on the clinic page, says so on the page when the assistant cannot be reached,
// and fills in what the widget leaves out for screen readers and keyboards (names, alt text, keys).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("chat-settings").textContent);
  var status = document.getElementById("chat-status");
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
    });
  }

  // Quick replies are clickable <div>s: let Enter and Space press them too.
  document.addEventListener("keydown", function (event) {
    var reply = event.target.closest && event.target.closest(".rw-reply");
    if (reply && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      reply.click();
    }
  });

  var container = document.getElementById("webchat");
  new MutationObserver(function () { label(container); }).observe(container, { childList: true, subtree: true });

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
