"""Every piece of Rasa (and of the servers under it) the project replaces or copies, pinned in one table.

A pin is the SHA-256 of the function's source and the version of the package it ships in. The project
changes that code in three ways, all listed here (README, "What the project changes in Rasa"):

* replaced at start-up by :func:`server_tuning.apply` (``by`` is a module of ``server_tuning``), which
  leaves the function alone when its pin is stale;
* overridden in a subclass that Rasa loads through its own extension points (a custom tracker store or
  lock store in ``endpoints.yml``, a custom channel in ``credentials.yml``), or copied where Rasa offers
  no hook (``SocketIOInput.blueprint`` builds its socket.io server inline);
* relied on as it is (the hold-timer take-over schedules reminders through Rasa's own method).

``tests/unit/test_server_tuning.py`` fails when any pin is stale, so a dependency upgrade makes someone
review the override instead of it silently replacing, or copying, code that changed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pin:
    """The code an override was written against."""

    sha256: str
    """SHA-256 of the function's source (``server_tuning.pinning.source_hash``)."""
    version: str
    """The version of the package the function ships in (``PACKAGES`` names it)."""
    by: str
    """The project module that replaces, overrides, copies or relies on it."""
    whole_module: bool = False
    """The pin is of a whole module's source file, hashed without importing it (``lazy_tensorflow``)."""


PACKAGES = {
    "rasa": "rasa",
    "rasa_sdk": "rasa-sdk",
    "sanic": "sanic",
    "engineio": "python-engineio",
    "socketio": "python-socketio",
}
"""Top-level module → the distribution whose version a pin records."""

RASA = "3.6.21"
RASA_SDK = "3.6.2"
SANIC = "21.12.2"
ENGINEIO = "4.15.1"
SOCKETIO = "5.18.1"
TF_STUBS = "server_tuning.lazy_tensorflow"

PINNED: dict[str, Pin] = {
    # -- replaced at start-up (server_tuning.apply) --
    "rasa.core.actions.action.RemoteAction._validate_action_result": Pin(
        "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42", RASA, "server_tuning.action_validation"
    ),
    "rasa.core.processor.MessageProcessor._has_session_expired": Pin(
        "aa0e659a9cfa1f70616523da75045bd87d4424a03432726722c7dc80a9869200", RASA, "server_tuning.session_length"
    ),
    "rasa.core.actions.action.ActionSessionStart._slot_set_events_from_tracker": Pin(
        "d023605fda20a739d5ddb1d253c34c824f6c793bebdd312a9a7748b13e1e7fbd", RASA, "server_tuning.session_length"
    ),
    "rasa.utils.endpoints.EndpointConfig.request": Pin(
        "ccdb778aed8208e23cde3c3f47eac7fbbbb735dac8f7ef7254d54451c64ad608", RASA, "server_tuning.action_timeout"
    ),
    "rasa.core.actions.action.RemoteAction.run": Pin(
        "ccabf6f1160d527a157fad5bd285ce69e8221b1bcad23f8a61499b4360a1c17e", RASA, "server_tuning.action_timeout"
    ),
    "rasa.engine.runner.dask.DaskGraphRunner.run": Pin(
        "45f0f52f574f3aa9546a552bf671183e171092c18b66e97f5771a7fa295de37e", RASA, "server_tuning.graph_runner"
    ),
    "rasa.core.run.configure_app": Pin(
        "72da30416f74c6488a1bbdae9878467bdc7ecd6b5a46b336220aadafd8b2f41a", RASA, "server_tuning.http_headers"
    ),
    "rasa_sdk.endpoint.create_app": Pin(
        "4f0ea292cb96d1f8d16a8fd42502dddc8c20d8242c72bf0b95f4c259b5e40952", RASA_SDK, "server_tuning.action_errors"
    ),
    # http_guard (both servers): the parser it runs before, the reader it bounds, where Http is made
    "sanic.http.Http.http1_request_header": Pin(
        "e52905046f155b2956747e86de2aa1011a021f597b9216fb122fa6d490e8f31a", SANIC, "server_tuning.http_guard"
    ),
    "sanic.http.Http.read": Pin(
        "a0ebea7e3059daa5399be7e5e991d6a784a0e9f7c9f7cdaa297d2f32b599c190", SANIC, "server_tuning.http_guard"
    ),
    "sanic.server.protocols.http_protocol.HttpProtocol._setup_connection": Pin(
        "1e10ce1dc356b0fe268d0de554ce7afef55963ac44eff77c948d2b6a7be828db", SANIC, "server_tuning.http_guard"
    ),
    # lazy_tensorflow (Rasa server): the modules replaced by stand-ins, whole source files
    "rasa.utils.tensorflow.callback": Pin(
        "745cf6fe393d9fcb354869eb639e2bf7e34a178b7e3301c1a3e036540b6ada7e",
        RASA,
        "server_tuning.lazy_tensorflow",
        whole_module=True,
    ),
    "rasa.utils.tensorflow.data_generator": Pin(
        "9d766a17c1ef507e8223a9f8436bd7ff6d2517055d5e66f59f92f76448268fd5",
        RASA,
        "server_tuning.lazy_tensorflow",
        whole_module=True,
    ),
    "rasa.nlu.classifiers.diet_classifier": Pin(
        "ca5e35c7a0305dc8720ce252f6eb1599173493c26f549a3e8de673a7b4ff5556",
        RASA,
        "server_tuning.lazy_tensorflow",
        whole_module=True,
    ),
    "rasa.nlu.selectors.response_selector": Pin(
        "590eaebc094689022eef45d68a43886e0c02089a7cfb460a8fa0f7ece9ba1f59",
        RASA,
        "server_tuning.lazy_tensorflow",
        whole_module=True,
    ),
    "rasa.core.policies.ted_policy": Pin(
        "fcb8b8dcd4be88253245f32dc3c39a2bd95110fd1876897ee7da539aee886396",
        RASA,
        "server_tuning.lazy_tensorflow",
        whole_module=True,
    ),
    "rasa.core.policies.unexpected_intent_policy": Pin(
        "f8b55cdce418f5ec7248203be3be79ef96489831504d2f4f48919e5a409efb18",
        RASA,
        "server_tuning.lazy_tensorflow",
        whole_module=True,
    ),
    # -- overridden in the project's tracker store (endpoints.yml: storage.tracker_store.SafeSQLTrackerStore) --
    "rasa.core.tracker_store.SQLTrackerStore.session_scope": Pin(
        "6775e1ede3ec8d2d1ba466d06c850b44201630347ccde7f91c33d3c1a2554818", RASA, "storage.tracker_store"
    ),
    "rasa.core.tracker_store.SQLTrackerStore._retrieve": Pin(
        "c8adbf6f4b61ddd1124690944ebdf2ebc82d0723bd07c6704caab0b80120a0ef", RASA, "storage.tracker_store"
    ),
    "rasa.core.tracker_store.SQLTrackerStore._additional_events": Pin(
        "d22f99eb863acb07afee63d9fe3a04ca8464251e67a43eb7d36c2d65ffc1653f", RASA, "storage.tracker_store"
    ),
    "rasa.core.tracker_store.SQLTrackerStore._event_query": Pin(
        "cd44f7901b860bfd598a813bde17d0d5b0d7bab129feaf76bb2dca87d628625b", RASA, "storage.tracker_store"
    ),
    # -- the socket.io channel (credentials.yml: channels.socketio.PollingSocketIOInput) --
    # Rasa builds its socket.io server and handlers inside blueprint(), with no hook: the method is copied.
    "rasa.core.channels.socketio.SocketIOInput.blueprint": Pin(
        "1246d69fa05c3b1f3dcc77d4ef78e992674cc3d9f7077e9793fd578563b9ee73", RASA, "channels.socketio"
    ),
    "engineio.async_server.AsyncServer._trigger_event": Pin(
        "4a09b6e47eb665325458df5d59b61d13547449eedb0ef25ce0b634005dae633b", ENGINEIO, "channels.socketio"
    ),
    "engineio.async_server.AsyncServer.handle_request": Pin(
        "1a8c878e35166cfe868d2cef40cdeb33af620541363a705c4dd2eea76c0f27af", ENGINEIO, "channels.socketio"
    ),
    "engineio.async_server.AsyncServer.disconnect": Pin(
        "8bb6448caae41ca671f03e2b376e365172aee7a4329af6735df56575784b1a33", ENGINEIO, "channels.socketio"
    ),
    "socketio.async_server.AsyncServer._engineio_server_class": Pin(
        "199c42bf149247e0325bd5fb6c8bcc6c3703c5576704530fa92b383e0f777dd4", SOCKETIO, "channels.socketio"
    ),
    # -- channels written on Rasa's custom-channel hook (blueprint), in place of Rasa's own handlers --
    "rasa.core.channels.rest.RestInput.blueprint": Pin(
        "886a9338e4c2505a0d2e70242c27887311d1529a18037dbd6d1dbfe77f699d0f", RASA, "channels.rest"
    ),
    "rasa.core.channels.twilio_voice.TwilioVoiceInput.blueprint": Pin(
        "bdf9f596689c404d7d2166d5d189c2449a4d1c369d86a8f22e093ad19ca51812", RASA, "channels.twilio_voice"
    ),
    # the phone's output collects each reply whole in place of Rasa's send_response (channels.twilio_voice)
    "rasa.core.channels.channel.OutputChannel.send_response": Pin(
        "dfa5294a87fcab23d43435e6b1a46f281cf793a04bfe30eef1060d5c155e9330", RASA, "channels.twilio_voice"
    ),
    # -- the scaled stack: atomic ticket changes (scaling.lock_store) and the hold-timer take-over --
    "rasa.core.lock_store.LockStore.lock": Pin(
        "8b9b716c031a34445100c32e7123859553831d2ac4747ae2b47a581f137ea371", RASA, "scaling.lock_store"
    ),
    "rasa.core.lock_store.LockStore._acquire_lock": Pin(
        "ead2fff373291c24619f2a2b53453f64ed2975ed68f53dce0e56041061356f05", RASA, "scaling.lock_store"
    ),
    "rasa.core.lock_store.LockStore.issue_ticket": Pin(
        "4dfdfb5e62c1dda994b30fe56f20994a55d54493d1f1b84e8a0ec2e8291036b8", RASA, "scaling.lock_store"
    ),
    "rasa.core.lock_store.LockStore.update_lock": Pin(
        "d56816a13451e7a5fe53b6e8aa6c604775d58de1febbbd0f3664c3cf92f68cb3", RASA, "scaling.lock_store"
    ),
    "rasa.core.lock_store.LockStore.cleanup": Pin(
        "f2ba1745c8153f923521ce87419bf04a30c5764e1680f15d5d30bd7e4d65dac5", RASA, "scaling.lock_store"
    ),
    "rasa.core.processor.MessageProcessor._schedule_reminders": Pin(
        "7eebe318582698b2b1e155586f323db85e2a3e9b3fa887cf069c71a9db6ef758", RASA, "scaling.hold_timer"
    ),
    "rasa.core.processor.MessageProcessor.handle_reminder": Pin(
        "6a1c38c1c74eebffbc52888f9e5e1116b21c0b3dab037b70f39fa4bc92f66ec4", RASA, "scaling.hold_timer"
    ),
    "rasa.core.processor.MessageProcessor._has_message_after_reminder": Pin(
        "2eb0753976b0d37d858f2dc11a87efccd59c5311ae847c3c2c6440e121e30cbc", RASA, "scaling.hold_timer"
    ),
    "rasa.core.processor.MessageProcessor._is_reminder_still_valid": Pin(
        "e65d1c737a59d063bc32005da42262210d5d37f97868b2d1ea75f51df097bd43", RASA, "scaling.hold_timer"
    ),
}
"""Each function (module path) the project replaces, overrides, copies or relies on, and its pin."""
