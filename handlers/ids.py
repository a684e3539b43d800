"""Every action_id and callback_id Rapport puts on a button, dialog or shortcut."""

from __future__ import annotations

import re

LOG_CONFIRM = "log_confirm"
LOG_EDIT = "log_edit"
LOG_DISCARD = "log_discard"
LOG_PICK_PREFIX = "log_pick:"  # one per candidate button: action ids must be unique within a block
LOG_PICK = re.compile(r"^log_pick:\d+$")
LOG_EDIT_VIEW = "log_edit_view"
LOG_EDIT_BLOCK = "log_edit_text"
LOG_EDIT_INPUT = "log_edit_input"
LOG_SHORTCUT = "log_to_rapport"
COMMAND = "/rapport"
