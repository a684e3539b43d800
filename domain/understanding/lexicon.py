"""Word lists the rules lean on: surnames, titles, organisation words, English stop words and first names."""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a list written as one string."""
    return tuple(text.split())


# The most common Chinese surnames (single characters), enough for names in sales logs.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗"
    "谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜"
    "冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝欧"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "端木", "公孙", "尉迟")

# Title words that follow a surname ("许总", "王工", "李经理"); longest first.
SURNAME_TITLES = tuple(sorted(
    words("总 工 总经理 副总 总监 总工 经理 主任 处长 处 局长 局 部长 科长 董 董事长 老师 博士 教授 院长 行长 书记 厂长 所长 "
    "主管 秘书 助理 律师 医生 先生 女士 小姐 总裁 主席 组长 队长 站长 馆长 校长 工程师"), key=len, reverse=True))

# Title heads written before a full name ("IT总监林涛", "采购经理邓超", "技术负责人韩冰").
TITLE_HEADS = tuple(sorted(
    words("总经理 副总经理 总裁 副总裁 董事长 董事 总监 副总监 经理 副经理 主任 副主任 处长 副处长 科长 副科长 部长 副部长 局长 副局长 "
    "院长 副院长 行长 副行长 主管 负责人 总工程师 总工 工程师 架构师 专家 秘书 助理 书记 厂长 所长 组长 主席 首席信息官 "
    "首席技术官 首席执行官 首席财务官 CIO CTO CEO CFO COO CISO CDO VP 总"), key=len, reverse=True))
TITLE_MODIFIERS = tuple(sorted(
    words("采购 技术 信息 信息化 数字化 财务 运维 项目 销售 市场 人事 人力 人力资源 法务 数据 安全 网络安全 研发 生产 运营 行政 质量 网络 "
    "系统 业务 商务 供应链 物流 客服 战略 规划 科技 审计 风控 合规 工程 设备 基建 IT 常务 执行 高级 资深 首席 副 大区 区域 "
    "产品 品牌 营销 渠道 党委 纪委 办公室 信息中心 数据中心 计划 投资 资产 后勤 总务"), key=len, reverse=True))

# Department endings ("信息部", "财务处", "数据中心").
DEPT_SUFFIXES = ("部", "处", "科", "中心", "办公室", "室", "局", "委", "组")

# Words that end a Chinese organisation name ("金桥保险", "瑞丰化工").
ORG_SUFFIXES_ZH = frozenset(
    words("保险 航运 化工 科技 银行 集团 证券 基金 信托 电力 电网 能源 石油 石化 医药 制药 药业 医院 物流 快递 航空 机场 铁路 "
    "地铁 汽车 电子 电器 通信 通讯 软件 传媒 教育 大学 学院 地产 置业 建设 建工 钢铁 矿业 水务 燃气 环保 食品 乳业 酒业 零售 "
    "百货 商贸 贸易 实业 控股 股份 公司 有限公司 制造 机械 重工 装备 船舶 港务 纺织 农业 医疗 健康 生物 半导体 光电 新能源 "
    "材料 烟草 酒店 旅游 航天 电气 家电 互联网 信息技术 网络科技 智能 云计算 数码 租赁 期货 资本 投资 控股集团 股份公司 "
    "城投 交投 城建 产投 文旅 电信 移动 联通 广电 铁塔 邮政 研究院 研究所 设计院 科学院 中学 小学 委员会 管委会 政府 卫生院 "
    "人寿 财险 农商行 商行 烟草局 海关 税务局 供电局 电厂 钢厂 药房 超市 航司 港口 集装箱 光伏 风电 核电 水泥 玻璃 化纤 造纸"))
ORG_TAILS_ZH = ("有限公司", "股份有限公司", "集团", "公司", "股份")

# Capitalised English words that end or mark a company name.
ORG_WORDS_EN = frozenset(
    words("inc inc. ltd ltd. llc plc corp corp. corporation co co. company group holdings industries works systems "
    "technologies technology tech labs solutions airlines airways insurance bank energy motors pharma pharmaceuticals "
    "logistics partners capital software networks media foods health healthcare hospital university college "
    "shipping telecom rail railway railways transit electric power chemicals chemical steel retail consulting services traders trading toys "
    "research importers exporters publishing winery travel institute gmbh ag sa bv nv kg oy ab as airline "
    "manufacturing automotive electronics finance financial securities investments ventures enterprises "
    "dynamics analytics robotics studios entertainment resources mining petroleum oil gas utilities "
    "construction engineering properties realty hotels resorts foundation agency bureau ministry council"))

# Capitalised words that are not names: sentence openers, days, months, channels, titles, pronouns.
EN_STOP = frozenset(
    words("a an the i we he she they it its our my your their his her this that these those there here and or but so "
    "then also if when while after before since yet met meet meeting sent send sending called call calls calling "
    "spoke speak talked talk chatted chat visited visit had have has having lunch dinner breakfast coffee tea drinks "
    "golf teams zoom webex wechat email e-mail emailed phone phoned text texted messaged slack whatsapp linkedin "
    "presented presenting present prepared preparing need needs needed please ask asked request requested "
    "follow followed following discussed discuss reviewed review signed sign demo poc rfp rfq pos sap it ai "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun "
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec today yesterday tomorrow tonight last next "
    "head director manager vp svp evp chief officer ceo cfo coo cio cto ciso cmo cpo cdo gm md president "
    "chairman chair lead engineer architect procurement finance it hr legal board mr mrs ms dr prof sir "
    "according per note notes update fyi re budget deal tender bid proposal quote contract price pricing "
    "good great quick short long new old big small first second third our us them him"))

# Acronym and word titles written before an English name ("COO Mark Evans").
EN_TITLE_BEFORE = (
    r"CEO|CFO|COO|CIO|CTO|CISO|CMO|CPO|CDO|CRO|VP|SVP|EVP|GM|MD|President|Chairman|Director|Manager|Dr\.?|Mr\.?|Ms\.?|Mrs\.?"
)

# Common given names from many cultures: a hint that a capitalised word is a person.
FIRST_NAMES = frozenset(
    words("james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark "
    "donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary "
    "nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick "
    "raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah "
    "jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan "
    "billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell "
    "bobby mason philip louis tom tim ben sam max alex chris mike nick dan rob bob jim ted fred alfred oliver "
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra "
    "ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura "
    "cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra "
    "rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren "
    "christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison "
    "frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly "
    "isabella theresa diana natalie brittany charlotte marie kayla alexis lori kate claire lucy sophie chloe "
    "lena priya raj rahul amit anil sunil vijay arjun ravi sanjay deepak ananya aisha fatima omar ali ahmed "
    "hassan mohammed muhammad yusuf layla zara nadia leila mustafa karim tariq hiroshi kenji takeshi yuki akira "
    "haruto sakura yumi naoko satoshi min-jun ji-woo seo-yeon jin wei li ming hui jun lei hao yan fang "
    "hans klaus jurgen jürgen stefan thomas lukas felix jonas leon paul anke petra sabine ursula heike katrin "
    "sven lars erik anders nils ingrid astrid freya elsa björn bjorn olaf magnus pierre jean-luc francois françois "
    "louis antoine camille chloé manon julien nicolas sophie mathieu giovanni marco luca matteo giulia francesca "
    "alessandro sofia carlos miguel javier diego pablo alejandro lucia carmen elena isabel mateo santiago "
    "valentina camila joão joao pedro rafael ana beatriz ivan dmitri sergei olga natasha irina vladimir anya "
    "pavel tomasz piotr katarzyna agnieszka jan jana eva tereza lukas marek kofi kwame amara chidi ngozi "
    "wanjiru thabo sipho zanele liam noah mia ava ella zoe ruby isla jack harry charlie george archie freddie "
    "nora maya leah aria luna hazel violet aurora stella ivy willow riya neha pooja kavya arun vikram "
    "siddharth rohan aditya nikhil meera divya sneha lakshmi suresh ramesh ganesh mahesh dinesh rajesh"))
