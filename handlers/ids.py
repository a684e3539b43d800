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
EDIT_ACCOUNT = "log_edit_account"
EDIT_DATE = "log_edit_date"
EDIT_CHANNEL = "log_edit_channel"
EDIT_TITLE = "log_edit_title:"  # + the person's index on the card
EDIT_STANCE = "log_edit_stance:"
EDIT_VALUE = "value"  # the action id of every field but the text
LOG_SHORTCUT = "log_to_rapport"
COMMAND = "/rapport"
PROFILE_EDIT = "profile_edit"  # the "Edit profile" button on any card showing a person
PROFILE_EDIT_ANY = re.compile(r"^profile_edit(:\d+)?$")  # several in one block need distinct ids
PROFILE_VIEW = "profile_edit_view"
PROFILE_FIELD = "profile:"
PLAN_LOG = re.compile(r"^plan_log:\d+$")  # "Log it" on an action of the plan: the first step, one click
PLAN_LOG_PREFIX = "plan_log:"
LOG_NEW_VIEW = "log_new_view"  # a log written in a dialog (prefilled by the plan)  # + the profile field, one input block each
# A nudge card's buttons (greeting, touch reminder); each carries the delivery id as its value.
NUDGE_SENT = "nudge_sent"
NUDGE_EDIT = "nudge_edit"
NUDGE_SNOOZE = "nudge_snooze"
NUDGE_SKIP = "nudge_skip"
NUDGE_LOG = "nudge_log"  # "Log it" on a touch reminder: the log dialog, already started
NUDGE_EDIT_VIEW = "nudge_edit_view"  # the greeting's Edit dialog
NUDGE_EDIT_BLOCK = "nudge_edit_text"
NUDGE_EDIT_INPUT = "nudge_edit_input"
DEAL_EDIT = "deal_edit"  # the "Edit deal" button on the deal card; its value is the deal id
DEAL_EDIT_VIEW = "deal_edit_view"
DEAL_FIELD = "deal:"  # + the deal field, one input block each in the Edit deal dialog
# Value pitches (library)
PITCH_NEW = "pitch_new"  # "New pitch" under the library: the create dialog, empty
PITCH_EDIT = "pitch_edit"  # "Edit" beside one pitch; its value is the proposition id
PITCH_TEMPLATE = "pitch_template"  # "Use as template" on the best list: the create dialog, prefilled
PITCH_VIEW = "pitch_view"  # the create / edit dialog
PITCH_FIELD = "pitch:"  # + title, point_1 … point_3, industries, products, roles, archive: one input block each
PITCH_VALUE = "pitch_value"  # the action id of every input in the pitch dialog

# Value pitches (meetings)
PITCH_DELIVERED = "pitch_delivered"  # "I pitched these" on a pitch card; the value is the delivery id
PITCH_POINT = "pitch_point"  # one point's "Pitched"; the value is delivery:member:point (positions on the card)
PITCH_CANCELLED = "pitch_cancelled"  # "Cancelled" on a pitch card: the meeting is off; the value is the delivery id
MEETING_VIEW = "meeting_view"  # the /rapport meeting dialog
MEETING_FIELD = "meeting:"  # + the field (people, date, time, deal, topic), one input block each

# Value pitches (per deal)
DEALPITCH_CHOOSE = "dealpitch_choose"  # "Choose pitch" on the deal card's Pitches by role; its value is the deal id
DEALPITCH_VIEW = "dealpitch_view"  # the Choose pitch dialog
DEALPITCH_FIELD = "dealpitch:"  # + role, pitch: one input block each
DEALPITCH_VALUE = "dealpitch_value"  # the action id of both selects in the dialog

# Presales requests
REQUEST_NEW = "request_new"  # "Request presales" on the deal card: the request dialog, the deal chosen; value: deal id
REQUEST_VIEW = "request_view"  # the /rapport request dialog
REQUEST_FIELD = "request:"  # + type, deal, needed_by, details, reason, to, outcome, people: one input block each
REQUEST_VALUE = "request_value"  # the action id of every input in the request dialogs
REQUEST_ACCEPT = "request_accept"  # the queue card's buttons; each carries the request id as its value
REQUEST_DECLINE = "request_decline"
REQUEST_REASSIGN = "request_reassign"
REQUEST_DONE = "request_done"
REQUEST_DECLINE_VIEW = "request_decline_view"  # the reason, required
REQUEST_REASSIGN_VIEW = "request_reassign_view"  # whom to pass it to
REQUEST_OUTCOME = "request_outcome"  # "How did it go?" in the requester's thread once done
REQUEST_OUTCOME_VIEW = "request_outcome_view"  # the one-line outcome and who was there
REQUEST_WITHDRAW = "request_withdraw"  # Withdraw on the DM opening the requester's thread; value: the request id
