"""The three statistics forms as the generator knows them, written independently of forms/*.json.

Rows carry the labels the official templates print (without their markers, which are styled at
rendering time), their units, their place in the form's tree and the project's cell ids. The
identities are this file's own statement of the arithmetic in docs/FORMS.md, so the generator is an
independent check of the form files: if the two disagree, one of them is wrong.

Nothing here draws random numbers or renders text.
"""

from dataclasses import dataclass, field

FORM_IDS = ("gov-2008", "gov-2019", "gov-2021")
YEARS = {"gov-2008": (2008, 2018), "gov-2019": (2019, 2020), "gov-2021": (2021, 2025)}


@dataclass
class Node:
    """One row of a form's tree. kind 'group' rows print a label and no value."""

    id: str
    text: str
    level: int  # 1 '一、'  2 '（一）'  3 '1.'  4 unnumbered
    unit: str = ""
    kind: str = "count"  # 'group' | 'count' | 'amount'
    numbered: bool = True
    qizhong: bool = False  # printed after '其中：'
    optional: str = ""  # variant key that drops the row: response, weibo, weixin, org, meetings
    suffixes: tuple = ()  # notes some copies print after the label
    alt_texts: tuple = ()  # other wordings real copies use
    children: list = field(default_factory=list)


def _n(id_, text, level, unit="件", **kw):
    return Node(id_, text, level, unit, **kw)


def _g(id_, text, level, children, **kw):
    return Node(id_, text, level, "", "group", children=children, **kw)


# ---- gov-2008: 政府信息公开情况统计表 (2008–2018) ------------------------------------------------


def tree_2008():
    """The national form of 2014 with every optional row; variants drop rows (see rows_2008)."""
    active = _g("active", "主动公开情况", 1, [
        _n("active.total", "主动公开政府信息数", 2, "条", children=[
            _n("active.normative", "主动公开规范性文件数", 4, "条", numbered=False, qizhong=True),
            _n("active.normative_issued", "制发规范性文件总数", 4, "件", numbered=False),
        ]),
        _g("active.channels", "通过不同渠道和方式公开政府信息的情况", 2, [
            _n("active.channel.gazette", "政府公报公开政府信息数", 3, "条"),
            _n("active.channel.website", "政府网站公开政府信息数", 3, "条"),
            _n("active.channel.weibo", "政务微博公开政府信息数", 3, "条", optional="weibo"),
            _n("active.channel.weixin", "政务微信公开政府信息数", 3, "条", optional="weixin"),
            _n("active.channel.other", "其他方式公开政府信息数", 3, "条"),
        ], suffixes=("（不同渠道和方式公开相同信息计1条）",)),
    ])
    response = _g("response", "回应解读情况", 1, [
        _n("response.hotspots", "回应公众关注热点或重大舆情数", 2, "次",
           suffixes=("（不同方式回应同一热点或舆情计1次）",)),
        _g("response.channels", "通过不同渠道和方式回应解读的情况", 2, [
            _n("response.press", "参加或举办新闻发布会总次数", 3, "次", children=[
                _n("response.press_leader", "主要负责同志参加新闻发布会次数", 4, "次",
                   numbered=False, qizhong=True)]),
            _n("response.interview", "政府网站在线访谈次数", 3, "次", children=[
                _n("response.interview_leader", "主要负责同志参加政府网站在线访谈次数", 4, "次",
                   numbered=False, qizhong=True)]),
            _n("response.interpretation", "政策解读稿件发布数", 3, "篇"),
            _n("response.weibo_weixin", "微博微信回应事件数", 3, "次"),
            _n("response.other", "其他方式回应事件数", 3, "次"),
        ]),
    ], optional="response")
    refuse_reasons = [
        _n("apply.refuse.secret", "涉及国家秘密", 4, numbered=False, qizhong=True),
        _n("apply.refuse.commercial", "涉及商业秘密", 4, numbered=False),
        _n("apply.refuse.privacy", "涉及个人隐私", 4, numbered=False),
        _n("apply.refuse.security", "危及国家安全、公共安全、经济安全和社会稳定", 4, numbered=False,
           alt_texts=("危及“三安全一稳定”",)),
        _n("apply.refuse.not_gov_info", "不是《条例》所指政府信息", 4, numbered=False),
        _n("apply.refuse.other_law", "法律法规规定的其他情形", 4, numbered=False),
    ]
    apply = _g("apply", "依申请公开情况", 1, [
        _n("apply.received", "收到申请数", 2, children=[
            _n("apply.received.in_person", "当面申请数", 3),
            _n("apply.received.fax", "传真申请数", 3),
            _n("apply.received.online", "网络申请数", 3),
            _n("apply.received.letter", "信函申请数", 3),
        ]),
        _n("apply.closed", "申请办结数", 2, children=[
            _n("apply.closed.on_time", "按时办结数", 3),
            _n("apply.closed.extended", "延期办结数", 3),
        ]),
        _n("apply.answered", "申请答复数", 2, children=[
            _n("apply.answered.already_public", "属于已主动公开范围数", 3),
            _n("apply.answered.agree", "同意公开答复数", 3),
            _n("apply.answered.partial", "同意部分公开答复数", 3),
            _n("apply.answered.refuse", "不同意公开答复数", 3, children=refuse_reasons),
            _n("apply.answered.not_this_agency", "不属于本行政机关公开数", 3),
            _n("apply.answered.not_exist", "申请信息不存在数", 3),
            _n("apply.answered.amend", "告知作出更改补充数", 3),
            _n("apply.answered.other_route", "告知通过其他途径办理数", 3),
        ]),
    ])
    review = _n("review", "行政复议数量", 1, children=[
        _n("review.upheld", "维持具体行政行为数", 2),
        _n("review.corrected", "被依法纠错数", 2),
        _n("review.other", "其他情形数", 2),
    ])
    litigation = _n("litigation", "行政诉讼数量", 1, children=[
        _n("litigation.upheld", "维持具体行政行为或者驳回原告诉讼请求数", 2),
        _n("litigation.corrected", "被依法纠错数", 2),
        _n("litigation.other", "其他情形数", 2),
    ])
    complaints = _n("complaints", "举报投诉数量", 1)
    fees = _n("fees", "依申请公开信息收取的费用", 1, "万元", kind="amount")
    org = _g("org", "机构建设和保障经费情况", 1, [
        _n("org.units", "政府信息公开工作专门机构数", 2, "个"),
        _n("org.reading_points", "设置政府信息公开查阅点数", 2, "个"),
        _n("org.staff", "从事政府信息公开工作人员数", 2, "人", children=[
            _n("org.staff.full_time", "专职人员数（不包括政府公报及政府网站工作人员数）", 3, "人"),
            _n("org.staff.part_time", "兼职人员数", 3, "人"),
        ]),
        _n("org.budget", "政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
           2, "万元", kind="amount"),
    ], optional="org")
    meetings = _g("meetings", "政府信息公开会议和培训情况", 1, [
        _n("meetings.meetings", "召开政府信息公开工作会议或专题会议数", 2, "次"),
        _n("meetings.trainings", "举办各类培训班数", 2, "次"),
        _n("meetings.trainees", "接受培训人员数", 2, "人次"),
    ], optional="meetings")
    return [active, response, apply, review, litigation, complaints, fees, org, meetings]


# ---- gov-2019 / gov-2021: 表三 ------------------------------------------------------------------

T3_COLUMNS = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
T3_APPLICANTS = tuple(c for c, _ in T3_COLUMNS[:6])


def tree_t3(form_id):
    """表三's rows; （六）其他处理 is one row in 2019 and three sub-rows from 2021."""
    refuse = ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
              "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]
    unable = ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]
    ignore = ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
              "要求行政机关确认或重新出具已获取信息"]
    other = ["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
             "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"]

    def subrows(prefix, texts):
        return [_n(f"{prefix}.{i}", t, 3) for i, t in enumerate(texts, 1)]

    if form_id == "gov-2019":
        other_node = _n("t3.other", "其他处理", 2)
    else:
        other_node = _g("t3.other_group", "其他处理", 2, subrows("t3.other", other))
    result = _g("t3.result", "本年度办理结果", 1, [
        _n("t3.open", "予以公开", 2),
        _n("t3.partial", "部分公开（区分处理的，只计这一情形，不计其他情形）", 2),
        _g("t3.refuse_group", "不予公开", 2, subrows("t3.refuse", refuse)),
        _g("t3.unable_group", "无法提供", 2, subrows("t3.unable", unable)),
        _g("t3.ignore_group", "不予处理", 2, subrows("t3.ignore", ignore)),
        other_node,
        _n("t3.total", "总计", 2),
    ])
    return [
        _n("t3.new", "本年新收政府信息公开申请数量", 1),
        _n("t3.carried", "上年结转政府信息公开申请数量", 1),
        result,
        _n("t3.carry_next", "结转下年度继续办理", 1),
    ]


# ---- gov-2019 / gov-2021: 表二 and 表四 ---------------------------------------------------------


@dataclass
class T2Item:
    """One 第二十条 item of 表二: its own column header and rows."""

    item: str  # '一', '五', …
    columns: tuple  # ((column id, header label), …)
    rows: tuple  # ((row id, label, kind), …) kind 'count' | 'amount' | 'signed'
    amount_columns: tuple = ()  # columns holding 万元 amounts


def t2_items(form_id):
    if form_id == "gov-2019":
        made = (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("public_total", "对外公开总数量"))
        items3 = (("previous", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))
        return [
            T2Item("一", made, (("t2.rules", "规章"), ("t2.normative", "规范性文件"))),
            T2Item("五", items3, (("t2.license", "行政许可"), ("t2.other_services", "其他对外管理服务事项"))),
            T2Item("六", items3, (("t2.penalty", "行政处罚"), ("t2.enforcement", "行政强制"))),
            T2Item("八", items3[:2], (("t2.fees", "行政事业性收费"),)),
            T2Item("九", (("purchases", "采购项目数量"), ("purchase_amount", "采购总金额")),
                   (("t2.purchase", "政府集中采购"),), amount_columns=("purchase_amount",)),
        ]
    issued = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("valid", "现行有效件数"))
    decisions = (("decisions", "本年处理决定数量"),)
    return [
        T2Item("一", issued, (("t2.rules", "规章"), ("t2.normative", "行政规范性文件"))),
        T2Item("五", decisions, (("t2.license", "行政许可"),)),
        T2Item("六", decisions, (("t2.penalty", "行政处罚"), ("t2.enforcement", "行政强制"))),
        T2Item("八", (("fees", "本年收费金额（单位：万元）"),), (("t2.fees", "行政事业性收费"),),
               amount_columns=("fees",)),
    ]


T4_BLOCKS = (
    ("review", "行政复议"),
    ("direct", "未经复议直接起诉"),
    ("after", "复议后起诉"),
)
T4_COLUMNS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_ROW_LABELS = {"review": "行政复议", "direct": "行政诉讼（未经复议直接起诉）",
                 "after": "行政诉讼（复议后起诉）"}


# ---- identities --------------------------------------------------------------------------------


@dataclass
class Identity:
    """left = right (kind 'eq'), left <= right ('le'), or max(right) <= left <= sum(right) ('bound').
    severity 'warning' marks the one equality FORMS.md says may legitimately miss."""

    name: str
    kind: str
    left: tuple
    right: tuple
    severity: str = "error"


def identities(form_id, present):
    """The identities of a form over the cells in `present` (a set of cell ids printed or at
    least existing in this variant). An identity with an operand missing from the variant is
    dropped, except 'bound', which runs over the channels present."""
    out = _identities_2008() if form_id == "gov-2008" else _identities_post2019(form_id)
    kept = []
    for ident in out:
        if ident.kind == "bound":
            right = tuple(c for c in ident.right if c in present)
            if ident.left[0] in present and right:
                kept.append(Identity(ident.name, "bound", ident.left, right, ident.severity))
        elif all(c in present for c in ident.left + ident.right):
            kept.append(ident)
    return kept


def _identities_2008():
    eq = lambda name, total, parts, sev="error": Identity(name, "eq", (total,), tuple(parts), sev)
    le = lambda name, small, big: Identity(name, "le", (small,), (big,))
    return [
        Identity("channels_bound", "bound", ("active.total",),
                 ("active.channel.gazette", "active.channel.website", "active.channel.weibo",
                  "active.channel.weixin", "active.channel.other")),
        le("normative_le_total", "active.normative", "active.total"),
        le("press_leader_le", "response.press_leader", "response.press"),
        le("interview_leader_le", "response.interview_leader", "response.interview"),
        eq("received", "apply.received", [f"apply.received.{p}" for p in
                                          ("in_person", "fax", "online", "letter")]),
        eq("closed", "apply.closed", ["apply.closed.on_time", "apply.closed.extended"]),
        eq("answered", "apply.answered", [f"apply.answered.{p}" for p in
                                          ("already_public", "agree", "partial", "refuse",
                                           "not_this_agency", "not_exist", "amend", "other_route")]),
        eq("refuse_reasons", "apply.answered.refuse",
           [f"apply.refuse.{p}" for p in ("secret", "commercial", "privacy", "security",
                                          "not_gov_info", "other_law")], "warning"),
        eq("review", "review", ["review.upheld", "review.corrected", "review.other"]),
        eq("litigation", "litigation", ["litigation.upheld", "litigation.corrected",
                                        "litigation.other"]),
        eq("staff", "org.staff", ["org.staff.full_time", "org.staff.part_time"]),
    ]


def t3_row_ids(form_id):
    """Every 表三 row id that carries values, in the form's order."""
    out = []

    def walk(nodes):
        for node in nodes:
            if node.kind != "group":
                out.append(node.id)
            walk(node.children)

    walk(tree_t3(form_id))
    return out


def t3_outcome_rows(form_id):
    """The rows whose sum is （七）总计: （一）…（六）."""
    rows = t3_row_ids(form_id)
    return [r for r in rows if r not in ("t3.new", "t3.carried", "t3.total", "t3.carry_next")]


def _identities_post2019(form_id):
    out = []
    columns = [c for c, _ in T3_COLUMNS]
    for c in columns:
        out.append(Identity(f"t3.balance/{c}", "eq", (f"t3.new/{c}", f"t3.carried/{c}"),
                            (f"t3.total/{c}", f"t3.carry_next/{c}")))
        out.append(Identity(f"t3.total_sum/{c}", "eq", (f"t3.total/{c}",),
                            tuple(f"{r}/{c}" for r in t3_outcome_rows(form_id))))
    for r in t3_row_ids(form_id):
        out.append(Identity(f"t3.row_sum/{r}", "eq", (f"{r}/total",),
                            tuple(f"{r}/{c}" for c in T3_APPLICANTS)))
    for b, _ in T4_BLOCKS:
        out.append(Identity(f"t4.block/{b}", "eq", (f"t4.{b}/total",),
                            tuple(f"t4.{b}/{c}" for c, _ in T4_COLUMNS[:4])))
    return out


def holds(ident, values):
    """Whether an identity holds over `values` (cell id -> number); None when an operand has no
    number (the identity cannot be decided)."""
    if any(values.get(c) is None for c in ident.left + ident.right):
        return None
    left = sum(values[c] for c in ident.left)
    right = [values[c] for c in ident.right]
    if ident.kind == "eq":
        return abs(left - sum(right)) < 1e-9
    if ident.kind == "le":
        return left <= sum(right) + 1e-9
    return max(right) <= left <= sum(right)
