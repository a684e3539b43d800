"""Web API methods for views and file uploads, plus Slack's response_url, in Slack's shapes."""

from __future__ import annotations

import copy
import mimetypes
import re
import time
from pathlib import Path
from typing import Any

from sandbox.methods import (
    ApiError,
    ApiRequest,
    delete_message,
    post_ephemeral,
    post_message,
    require,
    resolve_channel,
    update_message,
)
from sandbox.records import StandInEvent, StoredFile
from sandbox.workspace import State, Workspace


def view_record(ws: Workspace, view: dict[str, Any], view_id: str) -> dict[str, Any]:
    """A view as Slack echoes it back: the app's view plus the ids and defaults Slack adds."""
    who = ws.identity
    record: dict[str, Any] = {
        "id": view_id, "team_id": who.team_id, "type": view.get("type", "modal"), "blocks": [],
        "private_metadata": "", "callback_id": "", "state": {"values": {}}, "hash": ws.ids.next("h"),
        "title": None, "clear_on_close": False, "notify_on_close": False, "close": None, "submit": None,
        "previous_view_id": None, "root_view_id": view_id, "app_id": who.app_id, "external_id": "",
        "app_installed_team_id": who.team_id, "bot_id": who.bot_id,
    }
    record.update(view)
    return record


def views_open(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """views.open: the modal is remembered against the user the trigger came from."""
    require(req, "trigger_id", "view")
    record = view_record(ws, dict(req.params["view"]), ws.ids.next("V"))
    user = ws.user_for_trigger(str(req.params["trigger_id"]))

    def change(state: State) -> None:
        state.views[record["id"]] = copy.deepcopy(record)
        if user:
            state.view_users[record["id"]] = user

    ws.mutate(change)
    ws.emit(StandInEvent("view", None, record, user=user))
    return {"ok": True, "view": record}


def views_publish(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """views.publish: the user's App Home."""
    require(req, "user_id", "view")
    user = str(req.params["user_id"])
    record = view_record(ws, dict(req.params["view"]), ws.ids.next("V"))

    def change(state: State) -> None:
        if user not in state.users:
            raise ApiError("user_not_found")
        state.homes[user] = copy.deepcopy(record)

    ws.mutate(change)
    ws.emit(StandInEvent("home", None, record, user=user))
    return {"ok": True, "view": record}


def views_update(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """views.update by view_id or external_id."""
    require(req, "view")
    wanted_id, external_id = req.params.get("view_id"), req.params.get("external_id")

    def change(state: State) -> tuple[dict[str, Any], str | None]:
        for view_id, old in state.views.items():
            if view_id == wanted_id or (external_id and old.get("external_id") == external_id):
                state.views[view_id] = view_record(ws, dict(req.params["view"]), view_id)
                return copy.deepcopy(state.views[view_id]), state.view_users.get(view_id)
        raise ApiError("not_found")

    record, user = ws.mutate(change)
    ws.emit(StandInEvent("view", None, record, user=user))
    return {"ok": True, "view": record}


def files_get_upload_url(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """files.getUploadURLExternal: the upload URL points back at the stand-in."""
    require(req, "filename", "length")
    file_id = ws.ids.next("F")
    upload = {"filename": str(req.params["filename"]), "length": int(req.params["length"]), "data": None}
    ws.mutate(lambda s: s.uploads.__setitem__(file_id, upload))
    return {"ok": True, "upload_url": f"{ws.base_url}upload/v1/{file_id}", "file_id": file_id}


def receive_upload(ws: Workspace, file_id: str, data: bytes) -> bool:
    """Keep the bytes POSTed to an upload URL; False when the URL was never issued."""
    def change(state: State) -> bool:
        if file_id not in state.uploads:
            return False
        state.uploads[file_id]["data"] = data
        return True

    return ws.mutate(change)


def save_bytes(folder: Path, file_id: str, filename: str, data: bytes) -> Path:
    """Write an uploaded file where a person can open it."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.\-]+", "_", Path(filename).name) or "file"
    path = folder / f"{file_id}-{safe}"
    path.write_bytes(data)
    return path


def file_object(ws: Workspace, stored: StoredFile) -> dict[str, Any]:
    """A file object in the shape files.completeUploadExternal and message.files use."""
    mimetype = mimetypes.guess_type(stored.filename)[0] or "application/octet-stream"
    url = f"{ws.base_url}files/{stored.file_id}/{stored.path.name}"
    return {
        "id": stored.file_id, "created": int(time.time()), "timestamp": int(time.time()),
        "name": stored.filename, "title": stored.title, "mimetype": mimetype,
        "filetype": Path(stored.filename).suffix.lstrip(".") or "binary", "user": ws.identity.bot_user_id,
        "user_team": ws.identity.team_id, "size": stored.size, "mode": "hosted", "is_external": False,
        "is_public": any(c.startswith("C") for c in stored.channels), "url_private": url,
        "url_private_download": url, "permalink": url,
        "channels": [c for c in stored.channels if c.startswith("C")],
        "groups": [c for c in stored.channels if c.startswith("G")],
        "ims": [c for c in stored.channels if c.startswith("D")],
    }


def files_complete_upload(ws: Workspace, req: ApiRequest) -> dict[str, Any]:
    """files.completeUploadExternal: save each file, then share them in one message if asked."""
    require(req, "files")
    wanted = [str(c) for c in [req.params.get("channel_id"), *str(req.params.get("channels") or "").split(",")] if c]
    channels = tuple(ws.mutate(lambda s: [resolve_channel(ws, s, c) for c in wanted]))
    thread_ts = req.params.get("thread_ts") or None
    shared = [finish_upload(ws, item, channels, thread_ts) for item in req.params["files"]]
    objects = [file_object(ws, stored) for stored in shared]
    for channel in channels:
        post_message(ws, channel, {"text": req.params.get("initial_comment") or "", "files": objects,
                                   "upload": True, "thread_ts": thread_ts})
    for stored in shared:
        ws.emit(StandInEvent("file", stored.channels[0] if stored.channels else None,
                             {"file_id": stored.file_id, "title": stored.title, "path": str(stored.path)}))
    return {"ok": True, "files": objects}


def finish_upload(ws: Workspace, item: dict[str, Any], channels: tuple[str, ...], thread_ts: str | None) -> StoredFile:
    """Turn one uploaded-but-unfinished file into a saved, shared file."""
    upload = ws.read(lambda s: s.uploads.get(str(item.get("id"))))
    if upload is None or upload["data"] is None:
        raise ApiError("file_not_found")
    path = save_bytes(ws.files_dir, item["id"], upload["filename"], upload["data"])
    stored = StoredFile(item["id"], upload["filename"], item.get("title") or upload["filename"],
                        channels, thread_ts, path, len(upload["data"]))
    ws.mutate(lambda s: s.files.append(stored))
    return stored


def answer_response_url(ws: Workspace, channel: str, user: str, original_ts: str | None, body: dict[str, Any]) -> None:
    """What Slack does with a POST to response_url: replace, delete, or add an (ephemeral) message."""
    if original_ts and body.get("delete_original"):
        delete_message(ws, channel, original_ts)
    elif original_ts and body.get("replace_original"):
        replace_original(ws, channel, original_ts, body)
    elif body.get("response_type") == "in_channel":
        post_message(ws, channel, body)
    else:
        post_ephemeral(ws, channel, user, body)


def replace_original(ws: Workspace, channel: str, ts: str, body: dict[str, Any]) -> None:
    """Replace the message a button sat on, whether it was an ordinary or an ephemeral one."""
    # Unlike chat.update, a replacement drops the old blocks when the new body has none.
    body = {"blocks": [], **body}

    def change(state: State) -> dict[str, Any] | None:
        for ephemeral in state.ephemerals.get(channel, []):
            if ephemeral.message["ts"] == ts:
                ephemeral.message.update({k: body[k] for k in ("text", "blocks", "attachments") if k in body})
                return dict(copy.deepcopy(ephemeral.message), _user=ephemeral.user)
        return None

    ephemeral = ws.mutate(change)
    if ephemeral is None:
        update_message(ws, channel, ts, body)
        return
    user = ephemeral.pop("_user")
    ws.emit(StandInEvent("update", channel, ephemeral, user=user))
