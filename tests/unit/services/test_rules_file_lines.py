"""Finding the line of a key in a rules file, so a refusal can point at it."""

import tomllib

from services.rules_file_lines import line_of, toml_lines, yaml_lines

TRICKY = '''\
# [[queues]] in a comment = not a table
timezone = "Asia/Shanghai" # x = 1

[[queues]]
name = "a [b] = c"
"channel" = '#presales-east'
hours.mon = "09:00-18:00"
notes = """
not = a key
[[queues]]
"""

[[queues.members]]
id = "U07ZHAOLEI01"

[[queues.members]]
id = "U07LIUYANG01"
skills = [
  "demo", # a comment, with = and ]
  'poc',
]

[[queues]]
name = "b"
members = [{ id = "U07CHENJING1", skills = ["bid_support"] },
  { id = "U07WANGFANG1" }]
'''


def test_headers_keys_and_items_are_found_past_comments_strings_and_dotted_keys() -> None:
    tomllib.loads(TRICKY)  # the scanner only ever sees files that parsed
    lines = toml_lines(TRICKY)
    assert lines[("timezone",)] == 2
    assert lines[("queues", 0, "channel")] == 6
    assert lines[("queues", 0, "hours", "mon")] == 7
    assert lines[("queues", 0, "members", 1, "skills", 1)] == 20
    assert lines[("queues", 1)] == 23
    assert lines[("queues", 1, "members", 1, "id")] == 26


def test_a_key_the_file_leaves_out_is_placed_at_its_table() -> None:
    lines = toml_lines(TRICKY)
    assert line_of(lines, ("queues", 1, "channel")) == 23
    assert line_of(lines, ("queues", 0, "members", 0, "skills")) == 13
    assert line_of(lines, ("rules", 0)) is None


def test_yaml_keys_and_items_have_their_lines() -> None:
    lines = yaml_lines("queues:\n  - name: east\n    members:\n      - U07ZHAOLEI01\n      - id: U07LIUYANG01\n")
    assert lines[("queues", 0, "name")] == 2
    assert lines[("queues", 0, "members", 1, "id")] == 5
