"""``meetingdesk search "QUERY"`` and ``meetingdesk similar --report ID``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from meetingdesk.cli.context import CliContext, print_json, progress_printer
from meetingdesk.i18n import _, ngettext
from meetingdesk.library.choices import TIERS
from meetingdesk.search.query import SearchFilters, SearchHit, search
from meetingdesk.search.similar import facts_band, keyword_terms, similar_for_report


def register(sub: Any) -> None:
    p = sub.add_parser("search", help=_('检索参考案例库（支持 AND / OR / NOT、"短语"、字段前缀如 案由:盗窃）'))
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20, help=_("最多显示多少条（默认 20）"))
    p.add_argument("--tier", type=int, action="append", choices=sorted(TIERS), help=_("只看此效力层级（可重复）"))
    p.add_argument("--court", action="append", help=_("只看此法院（可重复）"))
    p.add_argument("--cause", action="append", help=_("只看此案由/罪名（可重复）"))
    p.add_argument("--from-year", type=int, dest="year_from", help=_("裁判年份起"))
    p.add_argument("--to-year", type=int, dest="year_to", help=_("裁判年份止"))
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance", help=_("按相关度或日期排序"))
    p.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    p.set_defaults(func=run_search, login="if-accounts")

    s = sub.add_parser("similar", help=_("为案件报告检索类案（按效力层级分组）"))
    s.add_argument("--report", type=int, required=True, metavar="ID", help=_("案件报告编号"))
    s.add_argument("--limit", type=int, default=20, help=_("最多显示多少条（默认 20）"))
    s.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
    s.set_defaults(func=run_similar, login="if-accounts")


def _line(n: int, hit: SearchHit) -> list[str]:
    meta = _("｜").join(
        x for x in (hit.court or _("法院不详"), hit.date or _("日期不详"), hit.tier_label, hit.source) if x
    )
    return [f"{n}. {hit.title}  {hit.case_number}".rstrip(), f"   {meta}", f"   {hit.snippet}"]


def run_search(args: argparse.Namespace, ctx: CliContext) -> int:
    filters = SearchFilters(
        tiers=tuple(args.tier or ()),
        courts=tuple(args.court or ()),
        causes=tuple(args.cause or ()),
        year_from=args.year_from,
        year_to=args.year_to,
    )
    results = search(
        ctx.desk(), ctx.actor(), args.query, filters, args.sort, args.limit, progress=progress_printer(_("建立索引"))
    )
    if args.json:
        print_json({"total": results.total, "hits": [asdict(h) for h in results.hits]})
        return 0
    print(
        ngettext(
            "共 {total} 条结果，显示前 {count} 条。", "共 {total} 条结果，显示前 {count} 条。", results.total
        ).format(total=results.total, count=len(results.hits))
    )
    for n, hit in enumerate(results.hits, start=1):
        print("\n".join(_line(n, hit)))
    return 0


def run_similar(args: argparse.Namespace, ctx: CliContext) -> int:
    results = similar_for_report(
        ctx.desk(), ctx.actor(), args.report, limit=args.limit, progress=progress_printer(_("建立索引"))
    )
    if args.json:
        print_json(
            {
                "charges": list(results.charges),
                "terms": list(results.terms[:30]),
                "groups": {
                    str(tier): [
                        asdict(h.hit)
                        | {
                            "similarity": h.score,
                            "shared_charges": list(h.shared_charges),
                            "recent": h.recent,
                        }
                        for h in hits
                    ]
                    for tier, hits in results.by_tier().items()
                },
            }
        )
        return 0
    print(
        _("案由/罪名：{charges}；检索词：{terms}").format(
            charges=_("、").join(results.charges) or _("未识别"), terms=_("、").join(keyword_terms(results.terms, 12))
        )
    )
    n = 0
    for tier, hits in results.by_tier().items():
        print("\n" + _("【第{tier}层级：{name}】").format(tier=tier, name=_(TIERS[tier])))
        for h in hits:
            n += 1
            print(
                "\n".join(_line(n, h.hit))
                + "\n   "
                + _("案情相似度{band}（为本次最相似者的{share:.0%}）").format(
                    band=_(facts_band(h.facts_score)), share=h.facts_score
                )
                + (_("；罪名/案由相同：{c}").format(c=_("、").join(h.shared_charges)) if h.shared_charges else "")
                + (_("（近三年）") if h.recent else "")
            )
    if n == 0:
        print(_("未找到类案。"))
    return 0
