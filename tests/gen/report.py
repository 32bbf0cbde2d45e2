"""The report around the tables: title, opening paragraph, the standard sections, signature and
date; then page footers and form feeds, traditional characters, line ends and the encoding.

Prose here never contains a number other than a year or a date, so that the property test is
about tables: no prose figure can be compared with a cell.
"""

from lines import Line
from tables import cn_numeral
import trad

PLACES = ("淮安市", "宿迁市", "官渡区", "沭阳县", "嘉兴市", "临沂市", "绵阳市", "株洲市", "江门市", "遵义市",
          "昆明市", "洛阳市", "襄阳市", "赣州市", "泉州市", "南通市", "盐城市", "扬州市", "温州市", "金华市",
          "柳州市", "桂林市", "九江市", "芜湖市", "宜昌市", "岳阳市", "常德市", "衡阳市", "德阳市", "宜宾市",
          "南充市", "曲靖市", "咸阳市", "宝鸡市", "天水市", "包头市", "鞍山市", "潍坊市", "烟台市", "威海市",
          "济宁市", "泰安市", "邯郸市", "保定市", "唐山市", "大同市", "长治市", "开封市", "新乡市", "南阳市",
          "海淀区", "浦东新区", "南山区", "鼓楼区", "江宁区", "武侯区", "雁塔区", "天河区", "越秀区", "城关区",
          "昆山市", "江阴市", "义乌市", "晋江市", "慈溪市", "睢宁县", "丰县", "沛县", "涟水县", "盱眙县",
          "泗洪县", "东海县", "灌云县", "如东县")
DEPARTMENTS = ("人民政府", "人民政府办公室", "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局",
               "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "生态环境局", "住房和城乡建设局",
               "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会",
               "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "行政审批局")
OLD_DEPARTMENTS = ("环境保护局", "国土资源局", "规划局", "林业局", "粮食局", "物价局", "卫生局", "人口和计划生育局",
                   "安全生产监督管理局", "食品药品监督管理局", "环保局", "人民政府", "教育局", "民政局", "财政局")

SENTENCES = (
    "坚持以人民为中心的发展思想，全面推进决策、执行、管理、服务、结果公开。",
    "围绕中心工作，持续深化重点领域信息公开，不断提升政务公开质量和实效。",
    "严格落实公开属性源头认定机制，加强公文公开属性审查。",
    "进一步规范依申请公开办理流程，严格按照法定时限答复申请人。",
    "加强政府网站和政务新媒体管理，及时更新政府信息公开目录。",
    "认真做好政策解读工作，通过图文、视频等形式提高政策知晓度。",
    "完善政府信息公开保密审查机制，做到先审查、后公开。",
    "加强业务培训，提升工作人员依法公开的意识和能力。",
    "健全考核评议机制，将政务公开工作纳入年度绩效考核。",
    "畅通意见征集渠道，认真回应社会关切，积极引导社会预期。",
    "加强与申请人的沟通，准确了解申请人的实际需求。",
    "规范政府信息公开申请登记、审核、办理、答复、归档等环节。",
    "做好行政复议和行政诉讼的应诉工作，依法维护申请人的合法权益。",
    "及时发布权威信息，保障公众的知情权、参与权、表达权和监督权。",
    "加强政务公开专区建设，为群众查阅政府信息提供便利。",
    "对照上级要求，仍存在公开内容不够全面、解读形式较为单一等问题。",
    "下一步，我们将继续加强组织领导，推动政务公开工作提质增效。",
    "进一步拓展公开渠道，增强公开实效，提升群众满意度。",
    "严格执行政府信息公开信息处理费管理的有关规定。",
)
OLD_SECTIONS = ("概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
                "因政府信息公开申请行政复议、提起行政诉讼的情况", "存在的主要问题及改进措施", "其他需要报告的事项")
OLD_SECTIONS_SAMPLE = ("工作完成情况", "存在问题", "下步工作打算")
NEW_SECTIONS = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项")
NEW_SECTION_VARIANTS = {3: ("因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
                        4: ("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题和改进情况")}
SUBSECTIONS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")


class Doc:
    """The report being written: a list of Lines and the choices that shape its prose."""

    def __init__(self, rng, year, agency, spaced_years):
        self.rng, self.year, self.agency = rng, year, agency
        self.spaced = spaced_years  # '2024 年' as pdftotext writes text of CJK PDFs
        self.lines = []
        self.headings = []  # (level, marker, title), for the tests that read headings back

    def y(self, year=None):
        return f"{year or self.year} 年" if self.spaced else f"{year or self.year}年"

    def add(self, text=""):
        self.lines.append(Line(text, brk=True))

    def blank(self, n=None):
        for _ in range(self.rng.randint(0, 1) if n is None else n):
            self.add("")

    def para(self, k=None, wrap_at=0, indent=""):
        n = k or self.rng.randint(1, 3)
        text = indent + "".join(self.rng.sample(SENTENCES, n))
        if wrap_at:
            for i in range(0, len(text), wrap_at):
                self.add(text[i:i + wrap_at])
        else:
            self.add(text)

    def extend(self, lines):
        self.lines += lines


def draw_agency(rng, old):
    place = rng.choice(PLACES)
    dept = rng.choice(OLD_DEPARTMENTS if old else DEPARTMENTS)
    return place + dept


def title_lines(rng, agency, year, old, spaced):
    y = f"{year} 年" if spaced else f"{year}年"
    kinds = ["{a}{y}政府信息公开工作年度报告", "{a}{y}度政府信息公开工作年度报告",
             "{y}{a}政府信息公开工作年度报告", "{a}政府信息公开工作年度报告|（{y}度）"]
    if old:
        kinds += ["{a}{y}政府信息公开年度报告", "{a}{y}政府信息公开工作年度报告"]
    text = rng.choice(kinds).format(a=agency, y=y)
    parts = text.split("|")
    if len(parts) == 1 and rng.random() < 0.1:  # a title wrapped in two lines
        cut = text.index("政府信息公开")
        parts = [text[:cut + 6], text[cut + 6:]]
    return parts


def signature_date(rng, year):
    """A date inside the usual window: late December of the year to the end of next March."""
    if rng.random() < 0.25:
        return year, 12, rng.randint(15, 31)
    month = rng.randint(1, 3)
    return year + 1, month, rng.randint(1, 28)


def date_text(rng, ymd, spaced):
    y, m, d = ymd
    r = rng.random()
    if r < 0.15:
        digits = "".join("〇一二三四五六七八九"[int(ch)] for ch in str(y))
        return f"{digits}年{cn_numeral(m)}月{cn_numeral(d)}日"
    if spaced or r < 0.3:
        return f"{y} 年 {m} 月 {d} 日"
    return f"{y}年{m}月{d}日"


# ---- page footers -----------------------------------------------------------------------------

FOOTERS = ("-{n}-", "- {n} -", "— {n} —", "—{n}—", "第{n}页", "第 {n} 页")


def paginate(rng, lines, page_len, form_feed):
    """Insert page footers (and a form feed before the next page's first line) at breakable lines
    every `page_len` lines or so; a table's header is repeated after the break when the table
    says so. Returns the new list."""
    out, since, page = [], 0, 1
    style = rng.choice(FOOTERS)
    indent = " " * rng.choice((0, 0, 20, 40, 42, 90))
    for ln in lines:
        if since >= page_len and ln.brk:
            out += [Line("") for _ in range(rng.randint(0, 2))]
            out.append(Line(indent + style.format(n=page)))
            page += 1
            since = 0
            repeat = [Line(h.text) for h in (ln.repeat or [])] if rng.random() < 0.6 else []
            first = repeat[0] if repeat else ln
            if form_feed:
                first.text = "\f" + first.text
            out += repeat
        out.append(ln)
        since += 1
    out += [Line(""), Line(indent + style.format(n=page))]
    if form_feed:
        out.append(Line("\f"))
    return out


# ---- bytes ------------------------------------------------------------------------------------

ENCODINGS = ("UTF-8", "UTF-8-BOM", "GB18030", "UTF-16LE", "UTF-16BE", "BIG5")


def draw_encoding(rng, traditional):
    if traditional:
        return rng.choices(("UTF-8", "BIG5", "UTF-16LE", "GB18030", "UTF-8-BOM"),
                           weights=(35, 40, 10, 10, 5))[0]
    return rng.choices(("UTF-8", "UTF-8-BOM", "GB18030", "UTF-16LE", "UTF-16BE"),
                       weights=(60, 8, 18, 8, 6))[0]


def encode(text, encoding):
    """The file's bytes; None when the text cannot be written in that encoding."""
    try:
        if encoding == "UTF-8":
            return text.encode("utf-8")
        if encoding == "UTF-8-BOM":
            return b"\xef\xbb\xbf" + text.encode("utf-8")
        if encoding == "GB18030":
            return text.encode("gb18030")
        if encoding == "UTF-16LE":
            return b"\xff\xfe" + text.encode("utf-16-le")
        if encoding == "UTF-16BE":
            return b"\xfe\xff" + text.encode("utf-16-be")
        if encoding == "BIG5":
            return text.encode("big5")
    except UnicodeEncodeError:
        return None
    raise ValueError(encoding)


def to_traditional(text):
    return trad.convert(text)
