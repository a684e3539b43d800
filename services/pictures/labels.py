"""The few words the pictures print, per locale (to move into the locale catalog later)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "org_chart": "org chart", "chain": "decision chain", "people": "{n} people",
        "departments": "{n} departments", "members": "{n} people in the chain",
        "gaps": "{n} roles missing",
        "stance": "Stance", "supporter": "supporter", "neutral": "neutral", "opponent": "opponent",
        "unknown": "unknown", "importance": "Importance", "influence": "Influence", "lines": "Lines",
        "reports_to": "reports to", "influences": "influences", "ally": "ally", "rival": "rival",
        "knows": "knows", "department": "department", "project_line": "reports to (in this deal)",
        "missing": "missing: {role}", "missing_role": "role not yet found",
        "no_people": "No people yet", "no_people_hint": "Log a meeting or import contacts to start the map.",
        "role.decision_maker": "decision maker", "role.economic_buyer": "economic buyer",
        "role.technical_buyer": "technical buyer", "role.user_buyer": "user buyer", "role.coach": "coach",
        "role.influencer": "influencer", "role.procurement": "procurement",
        "pipeline": "pipeline by stage and health", "open_deals": "{n} open deals", "deals": "deals",
        "green": "green", "amber": "amber", "red": "red", "no_deals": "No open deals",
    },
    "zh-CN": {
        "org_chart": "组织关系图", "chain": "决策链", "people": "{n} 人", "departments": "{n} 个部门",
        "members": "决策链 {n} 人", "gaps": "缺 {n} 个角色",
        "stance": "态度", "supporter": "支持", "neutral": "中立", "opponent": "反对", "unknown": "未知",
        "importance": "重要性", "influence": "影响力", "lines": "关系", "reports_to": "汇报",
        "influences": "影响", "ally": "盟友", "rival": "对立", "knows": "认识", "department": "部门",
        "project_line": "项目内汇报", "missing": "缺：{role}", "missing_role": "角色尚未找到",
        "no_people": "暂无人员", "no_people_hint": "记录一次拜访或导入联系人，即可开始绘制。",
        "role.decision_maker": "拍板人", "role.economic_buyer": "经济决策者",
        "role.technical_buyer": "技术把关者", "role.user_buyer": "使用部门", "role.coach": "教练（内线）",
        "role.influencer": "影响者", "role.procurement": "采购",
        "pipeline": "各阶段商机与健康度", "open_deals": "进行中商机 {n} 个", "deals": "商机数",
        "green": "健康", "amber": "需关注", "red": "有风险", "no_deals": "暂无进行中的商机",
    },
}


def words(locale: str) -> dict[str, str]:
    """The strings for a locale: Chinese for any zh locale, English otherwise."""
    return TEXT["zh-CN" if locale.lower().startswith("zh") else "en"]


def role_name(locale: str, role: str) -> str:
    """A decision-chain role in the user's language, or the role key itself when unknown."""
    return words(locale).get(f"role.{role}", role.replace("_", " "))
