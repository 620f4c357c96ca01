"""Demo content for the case library: invented cases in every authority tier, a draft from a meeting, a rule.

Everything here is fictional and says so (发布编号 and 备注 carry "演示"), so the demo can never be
mistaken for real guiding cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetingdesk.library.cases import CaseInput, insert_case, validate
from meetingdesk.library.from_meeting import draft_from_item
from meetingdesk.library.rules import RuleInput, create_rule
from meetingdesk.search import index
from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk

DEMO_NOTE = "演示数据：本案例为虚构，仅用于演示检索功能。"


@dataclass(frozen=True)
class _Demo:
    title: str
    category: str
    cause: str
    court: str
    decided_on: str
    number: str
    key_points: str
    facts: str
    result: str
    keywords: tuple[str, ...]
    issuer: str = ""
    issue_no: str = ""


_CASES: tuple[_Demo, ...] = (
    _Demo(
        "被告人甲某入户盗窃案",
        "guiding",
        "盗窃罪",
        "某省高级人民法院",
        "2016-06-20",
        "（2016）某刑终1号",
        "入户盗窃的，不论数额大小，均应以盗窃罪定罪处罚；行为人对所窃财物价值的认识不影响定罪。",
        "甲某白天撬锁进入邻居住宅，窃得现金人民币八百元。",
        "甲某犯盗窃罪，判处有期徒刑六个月，并处罚金。",
        ("刑事", "盗窃", "入户盗窃"),
        "（演示）最高人民法院",
        "演示-指导性案例第1号",
    ),
    _Demo(
        "被告人乙某职务侵占案",
        "own",
        "职务侵占罪",
        "东江市中级人民法院",
        "2024-05-10",
        "（2024）东刑终88号",
        "快递公司分拣员利用其对托运物品的经手便利，将物品据为己有的，构成职务侵占罪。",
        "乙某系某快递公司分拣员，多次将经手的快件私自带离分拣中心，价值共计三万余元。",
        "乙某犯职务侵占罪，判处有期徒刑一年六个月。",
        ("刑事", "职务侵占", "经手便利", "物流"),
    ),
    _Demo(
        "被告人丙某盗窃案",
        "reference",
        "盗窃罪",
        "某省高级人民法院",
        "2023-09-12",
        "（2023）某刑终205号",
        "物流仓库临时装卸工对托运物品不具有主管、管理或经手的职务便利，秘密窃取的，构成盗窃罪。",
        "丙某系某物流公司临时装卸工，趁装车之机窃取托运的手机十部，价值四万余元。",
        "丙某犯盗窃罪，判处有期徒刑三年，并处罚金。",
        ("刑事", "盗窃", "职务便利", "物流"),
    ),
    _Demo(
        "被告人丁某帮助信息网络犯罪活动案",
        "typical",
        "帮助信息网络犯罪活动罪",
        "最高人民法院",
        "2024-11-01",
        "（2024）演示典型案例",
        "出售本人银行卡供他人接收诈骗资金，支付结算金额达二十万元以上的，属于“情节严重”。",
        "丁某以每张四百元的价格出售本人名下银行卡三张，银行卡被用于接收诈骗资金，支付结算金额共计六十万元。",
        "丁某犯帮助信息网络犯罪活动罪，判处有期徒刑一年，并处罚金。",
        ("刑事", "帮信罪", "银行卡", "情节严重"),
        "（演示）最高人民法院",
        "演示-典型案例第3号",
    ),
    _Demo(
        "被告人戊某危险驾驶案",
        "reference",
        "危险驾驶罪",
        "某省高级人民法院",
        "2025-03-18",
        "（2025）某刑终31号",
        "醉酒后在小区内部道路挪车，该道路允许社会车辆通行的，属于刑法上的“道路”。",
        "戊某酒后在住宅小区内部道路驾驶机动车挪车十余米，血液酒精含量为一百二十毫克每百毫升。",
        "戊某犯危险驾驶罪，判处拘役一个月，缓刑二个月。",
        ("刑事", "危险驾驶", "醉驾", "道路"),
    ),
    _Demo(
        "被告人己某故意伤害案",
        "own",
        "故意伤害罪",
        "东江市中级人民法院",
        "2025-01-09",
        "（2024）东刑终301号",
        "因邻里纠纷互殴致人轻伤，被害人有过错的，可以对被告人从轻处罚。",
        "己某与邻居因排水问题发生争执并互殴，己某用拳头击打对方面部致轻伤二级。",
        "己某犯故意伤害罪，判处有期徒刑八个月，缓刑一年。",
        ("刑事", "故意伤害", "邻里纠纷", "被害人过错"),
    ),
    _Demo(
        "某甲诉某乙民间借贷纠纷案",
        "typical",
        "民间借贷纠纷",
        "最高人民法院",
        "2023-12-01",
        "（2023）演示民终1号",
        "出借人仅提供转账凭证，借款人抗辩系偿还双方之前借款或其他债务的，应由借款人对其主张承担举证责任。",
        "某甲通过银行转账向某乙支付二十万元，未签订借条，某乙称该款系归还此前借款。",
        "判决某乙返还借款二十万元及利息。",
        ("民事", "民间借贷", "举证责任", "转账凭证"),
        "（演示）最高人民法院",
        "演示-典型案例第7号",
    ),
    _Demo(
        "某丙诉某房地产公司商品房买卖合同纠纷案",
        "own",
        "商品房买卖合同纠纷",
        "东江市中级人民法院",
        "2024-08-22",
        "（2024）东民终512号",
        "开发商逾期交房超过约定期限，买受人请求解除合同并赔偿损失的，应予支持。",
        "某房地产公司约定于2022年底交房，至2024年仍未交付，某丙诉请解除合同。",
        "判决解除合同，开发商返还购房款并赔偿损失。",
        ("民事", "商品房买卖", "逾期交房", "合同解除"),
    ),
    _Demo(
        "某丁诉某科技公司劳动争议案",
        "reference",
        "劳动争议",
        "某省高级人民法院",
        "2024-04-15",
        "（2024）某民再9号",
        "用人单位以“末位淘汰”为由单方解除劳动合同的，属于违法解除。",
        "某科技公司以某丁年度考核排名末位为由解除劳动合同，某丁请求支付违法解除赔偿金。",
        "判决某科技公司支付违法解除劳动合同赔偿金。",
        ("民事", "劳动争议", "末位淘汰", "违法解除"),
    ),
    _Demo(
        "某戊诉某保险公司机动车交通事故责任纠纷案",
        "own",
        "机动车交通事故责任纠纷",
        "东江市中级人民法院",
        "2025-06-30",
        "（2025）东民终77号",
        "受害人体质状况对损害后果的影响，不属于可以减轻侵权人责任的法定情形。",
        "某戊被机动车撞伤，保险公司以某戊患有骨质疏松为由主张按损伤参与度减少赔偿。",
        "判决保险公司在交强险和商业三者险限额内全额赔偿。",
        ("民事", "交通事故", "损伤参与度", "体质"),
    ),
)


def add_demo_library(desk: Desk, actor: Actor) -> int:
    """Add the demo cases (published), a 草稿 from the first discussed item, and a 裁判规则; returns the count."""
    ids: list[int] = []
    with desk.write(actor, "demo.library") as tx:
        for d in _CASES:
            data = validate(
                CaseInput(
                    title=d.title,
                    keywords=d.keywords,
                    key_points=d.key_points,
                    facts=d.facts,
                    result=d.result,
                    reasoning=d.key_points,
                    case_numbers=(d.number,),
                    court=d.court,
                    decided_on=d.decided_on,
                    cause=d.cause,
                    category=d.category,
                    issuer=d.issuer,
                    issue_no=d.issue_no,
                    notes=DEMO_NOTE,
                )
            )
            ids.append(insert_case(tx, data, status="published"))
    index.sync(desk)
    item = desk.one("SELECT id FROM agenda_items WHERE status = 'discussed' ORDER BY id LIMIT 1")
    if item is not None:
        draft = draft_from_item(desk, actor, int(item["id"]))
        create_rule(
            desk,
            actor,
            RuleInput(
                title="物流从业人员窃取托运物品的定性",
                statement="物流从业人员仅对托运物品有临时经手的劳务便利的，窃取托运物品以盗窃罪论处；"
                "对托运物品负有保管职责的，以职务侵占罪论处。",
                cause="盗窃罪、职务侵占罪",
                articles="《中华人民共和国刑法》第二百六十四条、第二百七十一条",
                keywords=("刑事", "盗窃", "职务侵占", "物流"),
                item_ids=(int(item["id"]),),
                case_ids=(ids[1], ids[2]),
            ),
        )
        ids.append(draft)
    return len(ids)
