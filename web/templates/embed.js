// The stretch coach on a clinic's own website: the one script a clinic pastes into its pages.
//
//   <script src="https://coach.example-clinic.com/embed.js" defer
//           data-rasa-url="https://chat.example-clinic.com" data-lang="en"
//           data-primary-color="#1f3b4d" data-accent-color="#b54a1a"></script>
//
// Served as /embed.js by the page server (web/serve.py), which writes its own settings in below (the Rasa URL, the
// clinic's phone number, the pictures' alt texts). It adds the chat's region to the page (a landmark with
// the launcher, the chat, its announcer and an "unavailable, please call" note), the chat's stylesheet,
// asks the page server for an owner token (the site's origin must be in WEB_ORIGIN: CORS), then loads
// rasa-webchat and chat.js from the page server, as the clinic page does. Nothing else is loaded, from
// anywhere else (docs/web.md). data-* settings, all optional:
//   data-rasa-url       where browsers reach Rasa (default: the page server's RASA_URL)
//   data-lang           the chat's language: "en" (the only one the assistant speaks)
//   data-primary-color  the header, launcher, buttons and text (4.5:1 against white)
//   data-accent-color   the countdown and focus rings (4.5:1 against white)
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.clinicChatSettings) return; // once per page
  var defaults = /*PAGE_SETTINGS*/ null;
  var base = new URL("./", script.src).href;
  var data = script.dataset;
  var settings = Object.assign({}, defaults, { status_id: "coach-chat-status" });
  if (data.rasaUrl) settings.rasa_url = data.rasaUrl.replace(/\/+$/, "");
  var LANGUAGES = ["en"];
  var lang = (data.lang || "en").toLowerCase(); // "en-US" is English too
  if (LANGUAGES.indexOf(lang.split("-")[0]) < 0) {
    console.warn("stretch coach: data-lang " + data.lang + " is not available; the chat is in English");
    lang = "en";
  }

  function make(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  var region = make("aside", { class: "coach-chat-region", "aria-label": "Stretch coach chat", lang: lang });
  [["--ink", data.primaryColor], ["--accent", data.accentColor]].forEach(function (pair) {
    if (!pair[1]) return;
    if (window.CSS && CSS.supports("color", pair[1])) region.style.setProperty(pair[0], pair[1]);
    else console.warn("stretch coach: " + pair[1] + " is not a colour");
  });
  var status = make("div", { id: settings.status_id, class: "coach-chat-status", role: "status", "aria-live": "polite" });
  status.hidden = true;
  status.appendChild(document.createTextNode("The chat assistant is unavailable right now. Please call us at "));
  status.appendChild(make("a", { href: settings.phone_link }, settings.phone));
  status.appendChild(document.createTextNode("."));
  region.appendChild(status);
  region.appendChild(make("div", { id: "coach-chat" }));
  region.appendChild(make("div", { id: "coach-announcer", class: "coach-visually-hidden", role: "status", "aria-live": "polite" }));

  function unavailable() {
    status.hidden = false;
    document.documentElement.dataset.chat = "unavailable";
  }

  function load(src, then) {
    var tag = make("script", { src: base + src });
    tag.onload = then || null;
    tag.onerror = unavailable;
    document.head.appendChild(tag);
  }

  function start() {
    document.head.appendChild(make("link", { rel: "stylesheet", href: base + "static/widget.css" }));
    document.body.appendChild(region);
    fetch(base + "embed/owner", { mode: "cors", credentials: "omit", cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.json() : Promise.reject(answer.status); })
      .then(function (owner) {
        settings.owner_token = owner.owner_token;
        window.clinicChatSettings = settings;
        load("webchat.js", function () { load("static/chat.js"); });
      })
      .catch(unavailable);
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
