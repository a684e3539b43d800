"""How the logged interaction happened: meeting, call, video, message, email, meal, event or site visit."""

from __future__ import annotations

import re

from domain.meeting_log import Channel

# Checked in order: the first kind with a cue in a clause about the past wins.
CHANNEL_CUES: tuple[tuple[Channel, re.Pattern[str]], ...] = (
    ("online_meeting", re.compile(
        r"腾讯会议|视频会议|线上会|网络会议|远程会议|电话会议|钉钉会议|飞书会议|视频|线上开会|在线会|开了?个?(?:线上|视频|网络)会|"
        r"\b(?:teams|zoom|webex|google meet|video ?call|video ?conference|conference call|online meeting|virtual meeting|"
        r"web meeting|skype)\b", re.I | re.A)),
    ("message", re.compile(
        r"微信|短信|钉钉(?!会议)|飞书(?!会议)|企业微信|留言|发消息|发信息|私信|"
        r"\b(?:wechat|whatsapp|sms|texted|text message|messaged|dm'?d|slack message|linkedin message|signal|telegram)\b",
        re.I | re.A)),
    ("email", re.compile(r"邮件|邮箱|电邮|\b(?:e-?mail|e-?mailed|emailing)\b", re.I | re.A)),
    ("call", re.compile(r"电话|致电|打给|通话|\b(?:call|called|calls|phone|phoned|rang|ring)\b", re.I | re.A)),
    ("meal", re.compile(
        r"吃饭|吃了?(?:个|顿)?(?:午饭|晚饭|早饭|早餐|午餐|晚餐|饭|火锅)|午饭|晚饭|午餐|晚餐|早餐|早茶|饭局|宴请|请[他她]吃|喝茶|喝咖啡|"
        r"咖啡|喝酒|茶叙|高尔夫|打球|钓鱼|\b(?:lunch|dinner|breakfast|brunch|coffee|drinks|tea|golf|beer)\b", re.I | re.A)),
    ("event", re.compile(
        r"研讨会|峰会|展会|论坛|大会|讲座|沙龙|发布会|年会|交流会|博览会|技术日|"
        r"\b(?:seminar|conference|summit|expo|trade show|webinar|forum|roundtable|meetup|keynote|tech talk|event)\b",
        re.I | re.A)),
    ("site_visit", re.compile(
        r"来我司|来我们公司|来公司参观|参观了?我们|到我司|标杆客户|样板客户|展厅|体验中心|参观|考察|"
        r"\b(?:visited our (?:office|hq|headquarters|showroom|lab)|showroom|reference (?:site|customer|visit)|site visit|"
        r"came to our)\b", re.I | re.A)),
    ("meeting", re.compile(
        r"拜访|见面|会面|面谈|见了|碰面|碰头|碰了|开会|开了个?会|会上|上门|当面|约见|会谈|汇报|聊了|谈了|"
        r"\b(?:met|meet|meeting|visited|visit|sat down|face[- ]to[- ]face|in person|in-person|workshop)\b", re.I | re.A)),
)


def channel_in(piece: str) -> tuple[Channel, re.Match[str]] | None:
    """The channel the piece of text names, if any."""
    for channel, pattern in CHANNEL_CUES:
        m = pattern.search(piece)
        if m:
            return channel, m
    return None
