"""Natural relaxed queries: CPU per query and the answers, on an ingested folder, for one source tree (an A/B of two codes).

    python bench/index_search.py --n 100000 --parts engine --keep          # once: prints the kept folder
    python bench/natural_queries.py --data-dir FOLDER/gongkai --jsonl FOLDER/records.jsonl --out new.json
    python bench/natural_queries.py ... --tree /tmp/old-checkout --out old.json   # the same, another code's gongkai
    python bench/natural_queries.py --compare old.json new.json
    python bench/natural_queries.py ... --interleave /tmp/old-checkout . --rounds 3 --out ab   # both at once: ab-a/b.json

The segmented, relaxed and natural groups of index_search.py and NATURAL below (long questions and pasted titles a citizen
types, which no record holds whole: relaxed answers). Each query: a warm-up call, then `--repeats` timed calls, result cache
off; the minimum and median of the process's CPU time (all threads: tantivy counts on a second one), which a loaded shared
machine inflates less than wall time. `--dump` also keeps each answer (ids, scores, totals, relaxed, dropped words,
approximate, did-you-mean, facets; page 1, page 2 and the filled page 1 the API asks for); `--compare` lists the answers
that differ and each group's CPU, the minimum of each query over the files given (alternate the two codes' runs).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

NATURAL = [
    "湖里区金山社区附近这周有没有停水通知", "思明区莲花新村明天几点开始停电", "我的营业执照正本丢了要怎么登报声明",
    "厦门市义务教育阶段学校招生政策什么时候公布", "请问厦门市财政局政府采购管理办法在哪里可以下载",
    "公司要注销了需要在报纸上发债权人公告吗", "集美区杏林湾路附近为什么经常停电", "老旧小区改造补助资金怎么申请",
    "湖里区旧村改造征地拆迁补偿标准是多少", "我想了解一下厦门居民阶梯电价是怎么收费的",
    "海沧区新阳街道东孚社区最近有没有停水安排", "校外培训机构管理有哪些新的规定出台", "个体工商户登记需要准备哪些材料和证件",
    "食品安全监督抽检结果在哪个网站可以查到", "同安区西柯社区停电一般要停多久", "翔安区新店镇土地征收补偿安置方案公示了没有",
    "社保卡丢了以后在哪里补办比较快", "中考改革以后体育考试分数怎么算", "管道天然气价格调整听证会什么时候召开",
    "厦门市噪声污染防治管理办法对夜间施工有什么规定", "身份证和驾驶证一起遗失了要怎么登报", "鼓浪屿周边环境整治工作进展到哪一步了",
    "厦门市人民政府办公厅关于印发厦门市公共数据开放管理暂行办法的通知", "厦门市人民政府关于进一步优化营商环境的若干措施",
    "关于做好2024年春运工作的通知", "厦门市自然资源和规划局关于不动产登记若干问题的处理意见", "关于调整厦门市自来水价格有关事项的通知",
    "厦门市生态环境局关于建设项目环境影响评价文件审批程序的公告", "湖里区人民政府关于五缘湾片区开发建设征收土地的公告",
    "关于开展2025年度药品零售企业检查专项行动的通知", "思明区人民政府办公室关于印发背街小巷改造提升三年行动方案的通知",
    "厦门市教育局关于2024年中小学校园安全隐患排查整治工作情况的报告", "国务院办公厅关于全面推进政务公开工作的意见",
    "厦门市市场监督管理局特种设备安全监察条例实施细则", "中华人民共和国政府信息公开条例第十九条规定",
    "集美区农村人居环境整治三年行动实施方案（2021—2023年）", "厦门市城市管理行政执法局关于违法建设查处的通告",
    "厦门鑫源达贸易有限公司遗失营业执照副本及公章声明", "厦门鹭岛科技有限公司减资公告债权人申报", "莲前东路何厝社区计划停水通知2025年",
    "国有建设用地使用权挂牌出让公告翔安区", "湖滨南路厦禾路交叉口电力线路改造停电公告", "廈門市教育局關於義務教育招生的通知",
    "请问思明区鹭江道　中山路一带停电到几点", "厦门市财政局２０２３年预算绩效管理工作情况报告",
]

#: qspeed2 (session 19): more of the same kinds, other wordings: questions with a place and a thing, pasted titles of
#: notices and documents (with 文号-like years, brackets and the issuer first), outage and lost-property questions
#: as typed on a phone, Traditional characters and full-width digits.
MORE_NATURAL = [
    "思明区筼筜街道湖滨社区今天下午会不会停电", "湖里区殿前街道高殿社区停水什么时候恢复", "海沧区嵩屿街道最近的停电计划有哪些",
    "同安区大同街道停水通知哪里可以看到", "翔安区新圩镇农村电网改造什么时候完成", "集美区侨英街道叶厝社区自来水管道维修",
    "我家在莲坂附近明天要停水吗", "厦门大学附近的道路施工什么时候结束", "营业执照和税务登记证都丢了怎么补办",
    "公司公章和法人章遗失后需要登报吗", "个人身份证丢失登报声明的格式是什么", "道路运输经营许可证遗失怎么处理",
    "食品经营许可证正本不慎遗失作废声明", "建设工程规划许可证遗失公告怎么写", "厦门某某建材有限公司拟注销清算组成立公告",
    "关于公司减少注册资本的债权人通知公告", "厦门市住房保障和房屋管理局关于公共租赁住房租金标准的通知",
    "厦门市人力资源和社会保障局关于2024年度企业工资指导线的通知", "厦门市交通运输局关于调整公交线路的公告",
    "思明区教育局关于2025年秋季小学一年级招生工作的通告", "湖里区人民政府关于殿前片区旧村改造房屋征收决定的公告",
    "厦门市卫生健康委员会关于印发基本公共卫生服务项目实施方案的通知", "厦门市发展和改革委员会关于居民用电阶梯价格的批复",
    "厦府办〔2023〕关于印发进一步支持民营经济发展若干措施的通知", "关于开展城镇燃气安全隐患排查整治的紧急通知",
    "市政府关于表彰2023年度优秀企业家的决定", "集美区人民政府关于印发杏林湾片区控制性详细规划的批复",
    "海沧区2024年政府信息公开工作年度报告", "厦门市财政局关于下达2024年城乡居民基本医疗保险补助资金的通知",
    "最低生活保障家庭申请条件和办理流程", "新生儿落户需要哪些材料在哪个派出所办理", "退休人员养老金调整标准什么时候发放",
    "高龄老人补贴每月发多少怎么领取", "残疾人两项补贴申请需要提交什么", "公租房申请条件收入标准是多少",
    "城中村改造拆迁补偿按什么标准计算", "小区物业费收费标准由哪个部门定", "电动自行车上牌登记需要带什么证件",
    "夜间施工噪音扰民应该向哪个部门投诉", "违章建筑举报后多久会处理", "幼儿园普惠性收费标准2024年调整了吗",
    "廈門市人力資源和社會保障局關於失業保險金標準的通知", "湖裡區停電通知２０２５年１２月", "ＸＭ思明区　中山路　施工　停水",
]


def _use_tree(tree: str) -> None:
    """Import gongkai from another checkout: the editable install's folder mapping, pointed there."""
    import __editable___gongkai_0_1_0_finder as finder  # type: ignore[import-not-found]

    for name, path in list(finder.MAPPING.items()):
        finder.MAPPING[name] = str(Path(tree) / Path(path).name)


def run(args: argparse.Namespace) -> None:
    if args.tree:
        _use_tree(args.tree)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from index_search import fixed_queries

    from gongkai.engine import Engine
    from gongkai.search_types import SearchRequest
    from gongkai.settings import load_settings

    first = None
    with open(args.jsonl, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("doc_number", "").startswith("厦府〔"):
                first = record
                break
    if first is None:
        raise SystemExit("no 厦府 document in the records")
    queries = [(q.label, q) for q in fixed_queries(first["doc_number"], first["index_number"])
               if q.label in ("segmented", "relaxed", "natural")]
    queries += [("mine", SearchRequest(q=q)) for q in NATURAL]
    queries += [("mine2", SearchRequest(q=q)) for q in MORE_NATURAL]
    engine = Engine(load_settings(data_dir=args.data_dir, search={"cache_entries": 0}))

    def request(query, **more) -> SearchRequest:
        fields = {name: getattr(query, name, None) for name in ("kind", "year", "issuer", "notice_type")}
        return SearchRequest(q=query.q, **fields, **more)

    def answer(response) -> dict:
        return {"total": response.total, "relaxed": response.relaxed, "dropped": response.dropped,
                "approx": response.approximate, "dym": response.did_you_mean, "facets": response.facets,
                "hits": [(h.id, round(h.score, 4), h.partial, h.snippet_text) for h in response.hits]}

    if args.serve:  # one of --interleave's two codes: a query's number in, its CPU out
        print(len(queries), flush=True)
        for line in sys.stdin:
            label, query = queries[int(line)]
            engine.search(request(query))  # warm
            cpus = []
            for _ in range(args.repeats):
                started = time.process_time()
                engine.search(request(query))
                cpus.append((time.process_time() - started) * 1000)
            print(json.dumps([label, query.q, min(cpus)], ensure_ascii=False), flush=True)
        engine.close()
        return
    out = {}
    for label, query in queries:
        engine.search(request(query))  # warm
        cpus = []
        for _ in range(args.repeats):
            started = time.process_time()
            engine.search(request(query))
            cpus.append((time.process_time() - started) * 1000)
        cpus.sort()
        entry = {"label": label, "cpu_min": round(cpus[0], 2), "cpu_med": round(cpus[len(cpus) // 2], 2)}
        if args.dump:
            entry |= {"p1": answer(engine.search(request(query))), "p2": answer(engine.search(request(query, offset=10))),
                      "fill": answer(engine.search(request(query, fill=True)))}
        out[query.q] = entry
        print(f"{label:10} {entry['cpu_min']:8.2f} {entry['cpu_med']:8.2f}  {query.q}", flush=True)
    engine.close()
    print(f"load average {os.getloadavg()[0]:.1f}")
    if args.out:
        Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


def interleave(args: argparse.Namespace) -> None:
    """The two codes' CPU in two processes at once, query by query (each query's calls in one code, then in the other, the
    order alternating), over `--rounds` rounds: a shared machine's load moves both alike, which it does not between two
    runs of the whole list (qspeed4: whole groups moved by 10% between files). Writes OUT-a.json and OUT-b.json, the
    minimum of each query over the rounds, for --compare."""
    import subprocess

    sides = {}
    for name, tree in zip("ab", args.interleave):
        command = [sys.executable, str(Path(__file__).resolve()), "--data-dir", str(args.data_dir), "--jsonl", str(args.jsonl),
                   "--tree", str(Path(tree).resolve()), "--repeats", str(args.repeats), "--serve"]
        sides[name] = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    counts = {int(process.stdout.readline()) for process in sides.values()}  # type: ignore[union-attr]
    if len(counts) != 1:
        raise SystemExit(f"the two codes hold different queries: {counts}")
    total = counts.pop()
    results: dict[str, dict[str, dict]] = {"a": {}, "b": {}}
    for number in range(args.rounds):
        for index in range(total):
            for name in ("ab" if (index + number) % 2 == 0 else "ba"):
                process = sides[name]
                process.stdin.write(f"{index}\n")  # type: ignore[union-attr]
                process.stdin.flush()  # type: ignore[union-attr]
                label, q, cpu = json.loads(process.stdout.readline())  # type: ignore[union-attr]
                entry = results[name].setdefault(q, {"label": label, "cpus": []})
                entry["cpus"].append(round(cpu, 2))
        print(f"round {number + 1} of {args.rounds}, load average {os.getloadavg()[0]:.1f}", flush=True)
    for name, process in sides.items():
        process.stdin.close()  # type: ignore[union-attr]
        process.wait()
        out = {q: {"label": e["label"], "cpu_min": min(e["cpus"]), "cpu_med": sorted(e["cpus"])[len(e["cpus"]) // 2], "rounds": e["cpus"]}
               for q, e in results[name].items()}
        Path(f"{args.out}-{name}.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


def compare(before: list[Path], after: list[Path]) -> None:
    """The answers of the first files of each side compared, then each group's CPU (minimum of a query over its files)."""
    old = [json.loads(p.read_text(encoding="utf-8")) for p in before]
    new = [json.loads(p.read_text(encoding="utf-8")) for p in after]
    differing = 0
    for q, entry in old[0].items():
        for part in ("p1", "p2", "fill"):
            if part in entry and part in new[0].get(q, {}) and entry[part] != new[0][q][part]:
                differing += 1
                a, b = entry[part], new[0][q][part]
                same = [k for k in a if k != "hits" and a[k] == b[k]]
                ids = [h[0] for h in a["hits"]] == [h[0] for h in b["hits"]]
                gap = max((abs(x[1] - y[1]) for x, y in zip(a["hits"], b["hits"])), default=0.0)
                print(f"differs ({part}): {q}: ids and order {'the same' if ids else 'DIFFER'}, most score gap {gap:.4f}, "
                      f"the same {', '.join(same)}")
    print(f"answers differing: {differing}")
    groups: dict[str, tuple[list[float], list[float]]] = {}
    for q, entry in old[0].items():
        a, b = groups.setdefault(entry["label"], ([], []))
        a.append(min(f[q]["cpu_min"] for f in old))
        b.append(min(f[q]["cpu_min"] for f in new))
    for label, (a, b) in groups.items():
        a.sort()
        b.sort()
        print(f"{label:10} n={len(a):2}  CPU sum {sum(a):7.1f} -> {sum(b):7.1f} ms, median {a[len(a) // 2]:6.1f} -> "
              f"{b[len(b) // 2]:6.1f}, max {a[-1]:6.1f} -> {b[-1]:6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an ingested gongkai data directory")
    parser.add_argument("--jsonl", type=Path, help="the records it holds (a 厦府 文号 is taken from them)")
    parser.add_argument("--tree", help="a checkout whose gongkai is imported instead of this one")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dump", action="store_true", help="keep the answers (pages 1 and 2, the filled page)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--interleave", nargs=2, metavar="TREE", help="two checkouts, timed query by query at once (OUT-a/b.json)")
    parser.add_argument("--rounds", type=int, default=3, help="--interleave's rounds")
    parser.add_argument("--compare", nargs="+", type=Path, metavar="JSON",
                        help="BEFORE... -- AFTER...: or two files, before and after")
    args = parser.parse_args(argv)
    if args.compare:
        files = args.compare
        half = len(files) // 2
        compare(files[:half], files[half:])
        return 0
    if args.data_dir is None or args.jsonl is None:
        parser.error("--data-dir and --jsonl are needed (or --compare)")
    if args.interleave:
        if args.out is None:
            parser.error("--interleave needs --out PREFIX")
        interleave(args)
        return 0
    run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
