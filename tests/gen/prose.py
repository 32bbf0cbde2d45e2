#!/usr/bin/env python3
"""Prose phrasing generator: reports whose prose states figures of their own tables, each in one
of many phrasings real reports use (the topic before or after the number, a clause earlier, with
a qualifier, after 其中, in a list, in traditional characters, wrapped across lines), next to
sentences whose numbers are no statistic of the form (years, dates, document numbers, ordinals,
rates, phone numbers, counts of other things). A slipped version states one figure the table
contradicts.

The table part of each report is the generator's pipe table (gen.py); the statements are put in
a paragraph after the opening. Everything is drawn from random.Random(seed).

    python3 tests/gen/prose.py --seed 7 [--slip] --show
"""

import argparse
import json
import random
import sys
import unicodedata
from dataclasses import dataclass, field

import gen
import report
import trad

# ---- the statistics and their phrasings -------------------------------------------------------
#
# Each statistic: the form cells whose sum the figure is (one list per form kind), the units it
# is written with, and phrasings with {n} for the number (with its qualifier and unit). A
# phrasing may hold {x}, another count of the same sentence that is no statistic (a total of all
# kinds, a part by type), written before {n}.

CHANNEL_UNITS = ("条", "篇")
POST = ("gov-2019", "gov-2021")
DIGITS = "0123456789０１２３４５６７８９"

STATS = {
    "website": {
        "forms": ("gov-2008",), "cells": ["active.channel.website"], "units": CHANNEL_UNITS,
        "phrasings": [
            "通过门户网站发布信息{n}",
            "门户网站全年发布政府信息{n}",
            "在政府网站公开各类信息{n}",
            "依托门户网站，及时发布各类政务信息{n}",
            "门户网站的“政务公开”专栏是主渠道，全年通过该专栏发布信息{n}",
            "全年通过本机关门户网站主动公开政府信息{n}",
            "{n}信息通过门户网站公开",
            "在门户网站更新动态信息{n}",
            "政府网站累计发布各类信息{n}，方便群众查询",
            "年内网站公开文件、动态等信息{n}",
            "主动公开政府信息{x}，其中门户网站发布{n}",
        ],
    },
    "weibo": {
        "forms": ("gov-2008",), "cells": ["active.channel.weibo"], "units": CHANNEL_UNITS,
        "phrasings": [
            "发布微博{n}",
            "政务微博发布信息{n}",
            "通过“政务发布”政务微博推送信息{n}",
            "官方微博全年编发{n}",
            "依托政务微博，发布政务信息{n}",
            "在微博平台公开信息{n}",
            "{n}信息通过政务微博发布",
            "全年在政务微博上发布各类信息{n}",
            "微博账号发布{n}",
            "政务微博更新信息{n}，阅读量持续增长",
        ],
    },
    "weixin": {
        "forms": ("gov-2008",), "cells": ["active.channel.weixin"], "units": CHANNEL_UNITS,
        "phrasings": [
            "发布微信{n}",
            "微信公众号推送信息{n}",
            "政务微信发布信息{n}",
            "通过“政务发布”微信公众号推送{n}",
            "依托微信公众号，推送政务信息{n}",
            "在微信平台发布信息{n}",
            "{n}信息通过微信公众号推送",
            "全年通过政务微信公开各类信息{n}",
            "微信公众号全年编发{n}",
            "公众号累计推送{n}",
        ],
    },
    "trainings": {
        "forms": ("gov-2008",), "cells": ["meetings.trainings"], "units": ("次", "期", "场"),
        "phrasings": [
            "举办政务公开培训{n}",
            "组织开展业务培训{n}",
            "全年举办政府信息公开培训班{n}",
            "召开培训会{n}",
            "举办各类培训{n}",
            "通过以会代训等方式举办培训{n}",
            "组织政务公开业务培训{n}",
            "全年共举办培训{n}",
            "举行信息公开培训{n}",
            "开展专题培训{n}，提升工作人员业务能力",
        ],
    },
    "trainees": {
        "forms": ("gov-2008",), "cells": ["meetings.trainees"], "units": ("人次",),
        "phrasings": [
            "培训{n}",
            "培训工作人员{n}",
            "参加培训人员{n}",
            "累计培训干部职工{n}",
            "接受培训{n}",
            "参训人员达{n}",
            "培训人数达{n}",
            "共培训{n}",
            "开展培训，培训人员{n}",
            "组织业务培训，覆盖{n}",
        ],
    },
    "received": {
        "forms": ("gov-2008", "gov-2019", "gov-2021"),
        "cells": {"gov-2008": ["apply.received"], "gov-2019": ["t3.new/total"],
                  "gov-2021": ["t3.new/total"]},
        "units": ("件",),
        # 受理 may count the applications carried over too: a slip must differ from both
        "also": {"gov-2019": [["t3.new/total", "t3.carried/total"]],
                 "gov-2021": [["t3.new/total", "t3.carried/total"]]},
        "phrasings": [
            "收到政府信息公开申请{n}",
            "受理政府信息公开申请{n}",
            "全年共受理信息公开申请{n}",
            "新收政府信息公开申请{n}",
            "收到公民、法人和其他组织政府信息公开申请共{n}",
            "共受理依申请公开事项{n}",
            "受理各类政府信息公开申请{n}",
            "全年接收政府信息公开申请{n}",
            "本年度收到政府信息公开申请{n}，均已按时答复",
            "全年受理依申请公开{n}",
        ],
    },
    "press": {
        "forms": ("gov-2008",), "cells": ["response.press"], "units": ("次", "场"),
        "phrasings": [
            "召开新闻发布会{n}",
            "举办新闻发布会{n}",
            "组织召开政策解读新闻发布会{n}",
            "全年举行新闻发布会{n}",
            "召开发布会{n}",
            "举办各类新闻发布会{n}",
            "通过召开新闻发布会{n}，解读重要政策",
            "举办{n}新闻发布会",
            "共召开新闻发布会{n}",
            "围绕重点工作召开新闻发布会{n}",
        ],
    },
    "review": {
        "forms": ("gov-2019", "gov-2021"), "cells": ["t4.review/total"], "units": ("件",),
        "phrasings": [
            "政府信息公开行政复议{n}",
            "收到行政复议申请{n}",
            "涉及政府信息公开的行政复议{n}",
            "被申请行政复议{n}",
            "行政复议案件{n}",
            "全年发生行政复议{n}",
            "有{n}涉及政府信息公开工作的行政复议",
            "因政府信息公开被申请行政复议{n}",
            "办理行政复议案件{n}",
            "行政复议共{n}",
        ],
    },
    "litigation": {
        "forms": ("gov-2019", "gov-2021"), "cells": ["t4.direct/total", "t4.after/total"],
        "units": ("件",),
        "phrasings": [
            "被提起行政诉讼{n}",
            "行政诉讼案件{n}",
            "涉及的行政诉讼数为{n}",
            "发生行政诉讼{n}",
            "有{n}涉及政府信息公开的行政诉讼",
            "因政府信息公开被提起行政诉讼{n}",
            "行政诉讼共{n}",
            "应诉行政诉讼案件{n}",
            "政府信息公开行政诉讼{n}",
            "全年行政诉讼{n}",
        ],
    },
    # 表三 and 表二 of the post-2019 forms
    "open": {
        "forms": POST, "cells": ["t3.open/total"], "units": ("件",),
        "phrasings": [
            "予以公开{n}", "同意公开{n}", "其中予以公开{n}", "同意公开答复{n}", "全部公开{n}",
            "予以公开的{n}", "答复予以公开{n}", "对{n}申请予以公开", "予以公开答复{n}",
            "决定予以公开{n}",
        ],
    },
    "partial": {
        "forms": POST, "cells": ["t3.partial/total"], "units": ("件",),
        "phrasings": [
            "部分公开{n}", "部分公开答复{n}", "同意部分公开{n}", "予以部分公开{n}",
            "区分处理后部分公开{n}", "部分公开的{n}", "对{n}申请部分公开", "作部分公开答复{n}",
            "决定部分公开{n}", "其中部分公开{n}",
        ],
    },
    "open_partial": {
        "forms": POST, "cells": ["t3.open/total", "t3.partial/total"], "units": ("件",),
        "phrasings": [
            "予以公开及部分公开{n}", "同意公开及部分公开{n}", "全部或部分公开{n}",
            "予以公开和部分公开{n}", "予以公开及部分公开的{n}", "其中予以公开及部分公开{n}",
            "答复予以公开及部分公开{n}", "对{n}申请予以公开及部分公开",
            "决定予以公开及部分公开{n}", "依法予以公开及部分公开{n}",
        ],
    },
    "refuse": {
        "forms": POST, "cells": [f"t3.refuse.{i}/total" for i in range(1, 9)], "units": ("件",),
        "phrasings": [
            "不予公开{n}", "不予公开答复{n}", "依法不予公开{n}", "决定不予公开{n}",
            "对{n}申请不予公开", "不予公开的{n}", "其中不予公开{n}", "作不予公开答复{n}",
            "因涉及国家秘密等原因不予公开{n}", "答复不予公开{n}",
        ],
    },
    "unable": {
        "forms": POST, "cells": [f"t3.unable.{i}/total" for i in range(1, 4)], "units": ("件",),
        "phrasings": [
            "无法提供{n}", "因信息不存在等原因无法提供{n}", "无法提供的{n}", "答复无法提供{n}",
            "其中无法提供{n}", "对{n}申请答复无法提供", "本机关不掌握等原因无法提供{n}",
            "作无法提供答复{n}", "依法答复无法提供{n}", "无法提供信息{n}",
        ],
    },
    "ignore": {
        "forms": POST, "cells": [f"t3.ignore.{i}/total" for i in range(1, 6)], "units": ("件",),
        "phrasings": [
            "不予处理{n}", "作不予处理{n}", "不予处理的{n}", "其中不予处理{n}",
            "对{n}申请不予处理", "依法不予处理{n}", "决定不予处理{n}", "答复不予处理{n}",
            "因重复申请等原因不予处理{n}", "作出不予处理答复{n}",
        ],
    },
    "other": {
        "forms": POST,
        "cells": {"gov-2019": ["t3.other/total"],
                  "gov-2021": [f"t3.other.{i}/total" for i in range(1, 4)]},
        "units": ("件",),
        "phrasings": [
            "其他处理{n}", "作其他处理{n}", "其他处理的{n}", "其中其他处理{n}",
            "对{n}申请作其他处理", "依法作其他处理{n}", "作出其他处理{n}", "属其他处理{n}",
            "申请人逾期未补正等作其他处理{n}", "按其他处理{n}",
        ],
    },
    "carried": {
        "forms": POST, "cells": ["t3.carried/total"], "units": ("件",),
        "phrasings": [
            "上年结转{n}", "上年度结转申请{n}", "结转上年度申请{n}", "上年结转政府信息公开申请{n}",
            "另有上年结转{n}", "上年度结转的{n}", "加上上年结转{n}", "上年结转未办结申请{n}",
            "{n}为上年结转", "上年度结转政府信息公开申请{n}",
        ],
    },
    "carry_next": {
        "forms": POST, "cells": ["t3.carry_next/total"], "units": ("件",),
        "phrasings": [
            "结转下年度办理{n}", "{n}结转至下年度", "结转下年度继续办理{n}", "{n}顺延至下年度办理",
            "转下一年度办理{n}", "结转到下年度{n}", "{n}转入下一年度", "结转下年{n}",
            "另有{n}结转至下一年度", "尚有{n}结转下年度继续办理",
        ],
    },
    "answered": {
        "forms": POST, "cells": ["t3.total/total"], "units": ("件",),
        "phrasings": [
            "办结{n}", "答复{n}", "全年办结{n}", "已答复{n}", "办理{n}", "按时办结{n}",
            "共办结申请{n}", "依法答复{n}", "全部办结{n}", "当年办结{n}",
        ],
    },
    "rules_issued": {
        "forms": POST, "cells": {"gov-2019": ["t2.rules/made"], "gov-2021": ["t2.rules/issued"]},
        "units": ("件",),
        "phrasings": [
            "制定规章{n}", "出台政府规章{n}", "新制定规章{n}", "公开市政府规章{n}", "制发规章{n}",
            "本年新制作规章{n}", "出台规章{n}", "新增规章{n}", "发布政府规章{n}", "制定出台规章{n}",
        ],
    },
    "normative_issued": {
        "forms": POST,
        "cells": {"gov-2019": ["t2.normative/made"], "gov-2021": ["t2.normative/issued"]},
        "units": ("件",),
        "phrasings": [
            "制发行政规范性文件{n}", "出台行政规范性文件{n}", "制定行政规范性文件{n}",
            "新制发规范性文件{n}", "新出台行政规范性文件{n}", "印发规范性文件{n}",
            "本年制发行政规范性文件{n}", "出台规范性文件{n}", "制定规范性文件{n}",
            "制作行政规范性文件{n}",
        ],
    },
}

# Sentences whose numbers are no statistic of the form: none may be bound.
NEGATIVE = [
    "根据《中华人民共和国政府信息公开条例》（国务院令第711号）要求编制本报告",
    "按照《关于做好{y}年政务公开工作的通知》（政办发〔{y}〕30号）部署推进",
    "第3季度完成了目录更新",
    "咨询电话：0371-63521234",
    "依申请公开办结率100%",
    "开设办事窗口26个，共受理行政审批申请1215件",
    "政府信息公开专栏访问量达11460人次",
    "办理人大代表建议15件、政协委员提案12件",
    "召开党组会议12次，研究部署政务公开工作",
    "一是健全制度，二是规范流程，三是强化监督",
    "推动实现“三个转变”",
    "{y}年12月31日前完成全部整改",
    "清理规范性文件206件，废止25件",
]


# Totals with their parts (a 其中 list need not name every kind; a list after 累计 does), parts
# broken down again in brackets, shares of the total: checked against each other, no table.
KINDS = ("机构职能类信息", "政策文件类信息", "规划计划类信息", "行政许可类信息", "财政资金信息",
         "工作动态", "通知公告", "人事信息", "重大建设项目信息", "为民办实事类信息")


@dataclass
class Breakdown:
    text: str
    rule: str = None  # the rule a slip breaks: prose.parts | prose.share
    slip: bool = False
    at: int = 0  # offset in text of the number the slip's finding cites (total or share)
    line: int = 0


def breakdown(rng, slip):
    total = rng.randint(20, 3000)
    kinds = rng.sample(KINDS, rng.randint(2, 5))
    shape = rng.choice(["list", "exhaustive", "share", "brackets"])
    cuts = sorted(rng.sample(range(1, total), len(kinds) - 1)) if total > len(kinds) else []
    parts = [b - a for a, b in zip([0] + cuts, cuts + [total])] if cuts else [1] * len(kinds)
    if shape == "list":  # 其中: some kinds only
        parts = parts[:max(1, len(parts) - rng.randint(0, 2))]
        kinds = kinds[:len(parts)]
    if slip and shape != "share":
        i = rng.randrange(len(parts))
        parts[i] += total - sum(parts) + rng.randint(1, 30)  # the parts now exceed the total
    items = [f"{k}{n}条" for k, n in zip(kinds, parts)]
    if shape == "brackets" and parts[0] >= 2:
        a = rng.randint(1, parts[0] - 1)
        items[0] = f"{kinds[0]}{parts[0]}条（本级{a}条、下属单位{parts[0] - a}条）"
    sep = rng.choice(["、", "，"])
    if shape == "share":
        part = parts[0]
        pct = round(100.0 * part / total, 1)
        if slip:
            pct = round(pct + rng.choice([-1, 1]) * rng.uniform(1.0, 5.0), 1)
            pct = max(pct, 0.1)
        head = f"全年主动公开的{total}条政府信息中，"
        text = head + f"{kinds[0]}{part}条，占{pct}%"
        b = Breakdown(text, "prose.share", slip, len(head) + len(f"{kinds[0]}{part}条，占"))
    else:
        lead = rng.choice([f"全年共公布政府信息{total}条，其中", f"本年度累计公开政府信息{total}条，"]) \
            if shape != "list" else f"全年共公布政府信息{total}条，其中"
        text = lead + sep.join(items)
        b = Breakdown(text, "prose.parts", slip, lead.index(str(total)))
    if rng.random() < 0.4:  # a statement of its own after the list, in the same sentence
        text = b.text + f"，通过政务新媒体推送图解{rng.randint(1, 300)}条"
        b.text = text
    return b


@dataclass
class Statement:
    stat: str
    text: str  # the phrase as written (simplified)
    value: float  # the figure stated (the written number, without qualifier)
    qualifier: str
    cells: list
    table_value: float
    slip: bool = False
    line: int = 0  # line of the number's first digit in the report
    offset: int = 0  # of the first digit in text


@dataclass
class ProseCase:
    seed: int
    form: str
    tags: list
    encoding: str
    text: str
    data: bytes
    statements: list = field(default_factory=list)
    slip: object = None  # the slipped Statement


def fmt_int(v, fullwidth):
    s = str(int(v))
    return s.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if fullwidth else s


def claim(rng, v, slip):
    """The number as the prose writes it for the table value v: (text without unit, written
    value, qualifier). A slip is a claim the table contradicts."""
    if slip:
        kind = rng.choice(["exact", "exact", "at_least"] if v >= 10 else ["exact"])
        if kind == "at_least":  # 300余 against 200: the table is below the bound
            w = (int(v) // 10 + rng.randint(2, 5)) * 10
            return at_least_text(rng, w), w, "at_least"
        d = rng.choice([1, 2, 3, 10, -1, -2]) if v >= 3 else rng.choice([1, 2, 5])
        w = int(v) + d
        return str(w), w, "exact"
    kinds = ["exact"] * 6 + (["at_least", "about", "at_most"] if v >= 20 else [])
    kind = rng.choice(kinds)
    if kind == "at_least":  # 90余 for 98
        w = int(v) // 10 * 10
        if w == v:
            return str(int(v)), v, "exact"
        return at_least_text(rng, w), w, "at_least"
    if kind == "about":  # 约100 for 98 (within a tenth of the figure written)
        w = int(round(v, -1))
        if abs(v - w) > 0.1 * w:
            return str(int(v)), v, "exact"
        return f"{rng.choice(['约', '大约'])}{w}", w, "about"
    if kind == "at_most":  # 近100 for 98
        w = (int(v) // 10 + 1) * 10
        form = rng.choice(["近{w}", "将近{w}", "不超过{w}", "{w}{u}以内"])
        return form.replace("{w}", str(w)), w, "at_most"
    return str(int(v)), v, "exact"


def at_least_text(rng, w):
    """A lower bound as reports write it: 300余, 300多, 至少300, 不少于300, 300以上."""
    return rng.choice(["{w}余", "{w}多", "至少{w}", "不少于{w}", "{w}{u}以上"]).replace("{w}", str(w))


def agrees(w, q, v):
    """Whether table value v is consistent with the written figure w under qualifier q."""
    if q == "at_least":
        return v >= w
    if q == "at_most":
        return v <= w
    if q == "about":
        return abs(v - w) <= 0.1 * w
    return v == w


def dwidth(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_width(text, width):
    """Lines of `width` full-width characters' room (2 * width columns), as a PDF's lines are
    full whatever characters they hold."""
    if not width:
        return [text]
    out, cur, w = [], "", 0
    for ch in text:
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w + cw > 2 * width:
            out.append(cur)
            cur, w = "", 0
        cur += ch
        w += cw
    if cur:
        out.append(cur)
    return out


def table_values(case):
    out = {}
    for t in case.truth:
        if t["status"] in ("number", "zero"):
            out[t["id"]] = t["value"]
    return out


def cells_of(stat, form):
    c = STATS[stat]["cells"]
    return c[form] if isinstance(c, dict) else c


def generate(seed, slip=False):
    rng = random.Random(f"prose/{seed}")
    form = rng.choice(("gov-2008", "gov-2019", "gov-2021"))
    base = gen.generate(seed, "pipe", form, False)
    values = table_values(base)
    usable = [s for s, d in STATS.items()
              if form in d["forms"] and all(c in values for c in cells_of(s, form))]
    rng.shuffle(usable)
    chosen = usable[:rng.randint(2, 5)] if usable else []
    # a slip goes where the table can tell: every sum the figure may mean is printed
    can_slip = [i for i, st in enumerate(chosen)
                if all(c in values for alt in STATS[st].get("also", {}).get(form, []) for c in alt)]
    bd = breakdown(rng, False) if rng.random() < 0.6 else None
    if slip and bd is not None and rng.random() < 0.3:  # the slip in the breakdown instead
        bd = breakdown(random.Random(f"prose/{seed}/bd"), True)
        can_slip = []
    slipped = rng.choice(can_slip) if slip and can_slip else -1
    fullwidth = rng.random() < 0.2
    statements = []
    for i, s in enumerate(chosen):
        d = STATS[s]
        cells = cells_of(s, form)
        v = sum(values[c] for c in cells)
        others = [sum(values.get(c, 0) for c in alt) for alt in d.get("also", {}).get(form, [])]
        for _ in range(20):
            num, w, q = claim(rng, v, i == slipped)
            if i != slipped or not any(agrees(w, q, o) for o in others):
                break
        if fullwidth:
            num = num.translate(str.maketrans("0123456789", "０１２３４５６７８９"))  # ({u} stays)
        phr = rng.choice(d["phrasings"])
        unit = rng.choice(d["units"])
        n_text = num.replace("{u}", unit) if "{u}" in num else num + unit  # 40件以上
        x_text = str(int(v) + rng.randint(5, 200)) + "条"
        head = phr.replace("{x}", x_text)
        text = head.replace("{n}", n_text)
        first_digit = next(j for j, ch in enumerate(num) if ch in DIGITS)
        st = Statement(s, text, w, q, cells, v, i == slipped)
        st.offset = head.index("{n}") + first_digit
        statements.append(st)
    # the paragraph: statements and negative sentences, in sentences of one to three clauses
    year = base.year
    parts = [(st, st.text) for st in statements]
    for neg in rng.sample(NEGATIVE, rng.randint(1, 3)):
        parts.append((None, neg.replace("{y}", str(year))))
    if bd is not None:
        parts.append((bd, bd.text))
    rng.shuffle(parts)
    para = ""
    marks = []  # (statement, offset of its number in para)
    k = 0
    while k < len(parts):
        take = rng.randint(1, 3)
        group = parts[k:k + take]
        k += take
        for j, (st, t) in enumerate(group):
            if isinstance(st, Breakdown):  # a sentence of its own
                if para and not para.endswith("。"):
                    para = para[:-1] + "。"
                marks.append((st, len(para) + st.at))
                para += t + "。"
                continue
            if st is not None:
                marks.append((st, len(para) + st.offset))
            para += t + ("。" if j == len(group) - 1 else "，")
        if not para.endswith("。"):
            para = para[:-1] + "。"
    # wrapped as converters leave it
    width = rng.choice([0, 0, 24, 30, 36])
    lines = wrap_width(para, width)
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln)
    # into the report, after its title block
    text = base.text
    crlf = "\r\n" in text
    src_lines = text.replace("\r\n", "\n").split("\n")
    if width:  # the whole report's prose wrapped alike, as pdftotext leaves it
        wrapped = []
        for ln in src_lines:
            if dwidth(ln) > 2 * width and "|" not in ln and "\t" not in ln and not ln.startswith(" "):
                wrapped.extend(wrap_width(ln, width))
            else:
                wrapped.append(ln)
        src_lines = wrapped
    at = src_lines.index("") + 1 if "" in src_lines else 1
    traditional = "trad" in base.tags
    body = [trad.convert(ln) if traditional else ln for ln in lines]
    new_lines = src_lines[:at] + body + [""] + src_lines[at:]
    for st, off in marks:
        li = max(i for i, s0 in enumerate(starts) if s0 <= off)
        st.line = at + li + 1
    out = "\n".join(new_lines)
    if crlf:
        out = out.replace("\n", "\r\n")
    data = report.encode(out, base.encoding) or report.encode(out, "UTF-8")
    case = ProseCase(seed, form, list(base.tags) + [f"wrap={width}", f"fw={int(fullwidth)}"],
                     base.encoding, out, data, statements,
                     statements[slipped] if slipped >= 0 else None)
    case.breakdown = bd
    return case


def show(case, out=sys.stdout):
    out.write(f"# seed {case.seed}  form {case.form}  encoding {case.encoding}\n")
    out.write(f"# tags: {' '.join(case.tags)}\n")
    bd = getattr(case, "breakdown", None)
    if bd is not None:
        out.write(f"# {'SLIP ' if bd.slip else ''}breakdown ({bd.rule}) line {bd.line}: {bd.text}\n")
    for st in case.statements:
        out.write(f"# {'SLIP ' if st.slip else ''}{st.stat} line {st.line}: {st.text} "
                  f"(claims {st.qualifier} {st.value}; table {st.table_value})\n")
    for i, ln in enumerate(case.text.replace("\r\n", "\n").split("\n")[:40], 1):
        out.write(f"{i:5d}  {ln}\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--slip", action="store_true")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    case = generate(a.seed, a.slip)
    if a.out:
        with open(a.out, "wb") as f:
            f.write(case.data)
    if a.show or not a.out:
        show(case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
