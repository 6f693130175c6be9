"""Held-out citizen queries, session 16 (search10): 257 queries in four rounds (151, 45, 40, 21), each written with its expectation
before it was run, over the demo data and the corpus's documents, in the style of judged web queries but as people type them into a
phone or paste them: long spoken questions (我家在湖里区江头街道明天会不会停电啊), pasted titles with a word changed or missing,
titles with their 文号 pasted after them (in 〔〕, [], () or none), a body with a year and a kind of document (市教育局2022年通知,
国务院2018年38号), 办事 questions (怎么补办身份证), one character typed by its sound (管里, 争治, 心城, 五元湾), Traditional and
full-width forms, and prefixes typed in the search box; then issuers before titles, 文号 before them, punctuation, questions of
what and which, colloquial questions, titles with two slips, line numbers. 253 of them here: 4, 3, 0 and 3 failed first (4 are
left, README Known gaps; 2 were expectations of mine); the rules behind the others, and one found beside them (an ASCII run
answered by a bare number cut from it), are tested below.
Real records through the real ingest path, store and index."""

from __future__ import annotations

import pytest

from gongkai.indexer import SearchRequest
from tests.support import (
    assert_among_first,
    assert_completes,
    assert_first_hit,
    assert_first_hit_of_type,
    build_engine,
    demo_and_corpus_fixture,
    search,
    shown,
)

demo = demo_and_corpus_fixture("heldout10")


#: the first hit
TOP = [
    # A. long phone questions
    ('禾祥西路这段时间是不是在封路', '8c2a95a6713acfa263d9'),
    ('江头北路修地铁交通管制到什么时候', '80904140f64b5b426794'),
    ('中山路马拉松那天交通管制吗', '93e850fc59a4c0eb7a2b'),
    ('莲前西路停电通知有没有', 'fe51d62cea6207984773'),
    ('我想问下海沧大道4月3号停电是哪些地方', 'a9eae66840a56f9b714d'),
    ('仙岳路11月17号停电几点来电', '5a0661955e8d58ca4ff3'),
    ('杏林湾路12月17日停水几点恢复', '96fe0b07dd3cf17498ec'),
    ('湖里区兴湖路停电', '3b4730a71afe48f8feca'),
    ('集美大道沿线停气通知', '9297d0743a94b97d6300'),
    ('思明区文屏路停气吗', 'd6b1bf200bc556bd253a'),
    ('瑞景社区停电', 'bc417856b816c2e78418'),
    # B. pasted titles, a word changed or missing
    ('关于印发厦门市教师队伍建设管理办法的通知', '教师队伍建设管理办法'),
    ('关于进一步加强社区养老服务的通知', '4ef0248ff74f13ff1fbe'),
    ('关于加强老旧小区改造工作的通知', 'bfcc995b9ec873e9eb4c'),
    ('关于印发厦门市旧村改造方案的通知', '旧村改造实施方案'),
    ('关于开展鼓浪屿环境整治专项检查的通知', '0afbbdddb07bf749ebf8'),
    ('关于下达2013年中考改革资金的通知', '3e2742bb51f55dd27786'),
    ('关于做好2019年防汛防台风工作的通知', 'db2725251c9715f4aedd'),
    ('关于印发厦门市城市总体规划实施办法的通知', '3c86f4c9650ff052fd26'),
    ('关于开展居民阶梯电价检查的通知', '53fed3e2bc6ff05b1eb0'),
    ('关于公共数据开放的若干意见', '8cd40127ae25d97f9eb7'),
    ('国务院关于促进中医药传承和创新发展的意见', 'bjtcm-1338189'),
    ('国务院关于做好当前和今后一段时期促进就业工作的若干意见', 'govcn-5345808'),
    ('国务院办公厅关于推动政务新媒体健康有序发展的意见', 'govcn-5352666'),
    ('国务院关于加快推进农业机械化和农机装备转型升级的指导意见', 'govcn-5353308'),
    ('关于深入开展消费扶贫助力打赢脱贫攻坚战的意见', 'govcn-5357723'),
    ('国务院关于促进综合保税区高水平开放高质量发展的意见', 'govcn-5361158'),
    ('国务院办公厅关于印发国家组织药品集中采购试点方案的通知', 'govcn-5358604'),
    ('关于加强中成药合理使用的通知', 'bjtcm-1338588'),
    ('医疗机构药事管理办法', 'bjtcm-1337977'),
    ('中外合资合作医疗机构管理办法', 'bjtcm-1338060'),
    ('北京市发展中医药条例', 'bjtcm-1337933'),
    ('关于改善基层中医药服务措施的通知', 'bjtcm-1338572'),
    ('国务院办公厅关于全面推行行政规范性文件合法性审查机制的指导意见', 'govcn-5350427'),
    # C. titles with their 文号 pasted after
    ('关于印发厦门市电子政务建设实施方案的通知 厦府办〔2020〕9号', 'f9a4a6ca811cc2815146'),
    ('关于不动产登记的实施意见厦资源规划〔2017〕9号', '51a3e58aae82ccb8c31c'),
    ('关于城市更新有关问题的批复（厦资源规划〔2023〕1号）', '4f051a077fd064a23050'),
    ('国务院关于印发个人所得税专项附加扣除暂行办法的通知 国发〔2018〕41号', 'govcn-5351181'),
    ('国务院办公厅关于调整国家教材委员会组成人员的通知国办发〔2018〕109号', 'govcn-5344146'),
    ('关于粮食安全保障的实施意见 厦发改〔2010〕9号', 'cbb434fd5f5e2533cb98'),
    ('关于开展政务服务改革专项检查的通知 厦府〔2008〕16号', 'edd97e65d0dbd7bba58e'),
    ('关于2011年节能降耗工作情况的报告 厦发改投资[2011]15号', '5f9cd77d2da0a29f8290'),
    ('关于自来水价格调整有关问题的批复 厦发改(2015)1号', '85496011a213b0225b65'),
    ('关于征地拆迁补偿有关问题的批复 海政办〔2024〕3号', '3d76724a9c69a504b86b'),
    ('关于征地拆迁补偿有关问题的批复 湖政〔2018〕2号', 'b504834a0f5474779c78'),
    ('关于不动产登记有关问题的批复 厦资源规划函〔2011〕7号', '75b469405fc32e3d55d5'),
    ('关于印发《厦门市耕地保护管理办法》的通知 厦资源规划函〔2012〕3号', '45f61530c5af0bbbd6bb'),
    ('国务院关于2018年度国家科学技术奖励的决定 国发〔2018〕44号', 'govcn-5355822'),
    ('中华人民共和国个人所得税法实施条例（国令第707号）', 'govcn-5351177'),
    # D. agency + year + kind
    ('市财政局2019年实施方案', 'd6f45caeff1e72f0db6e'),
    ('湖里区政府2023年行动计划', '8bb6f60ed2dfca3aa054'),
    ('市发改委2020年三年行动计划', '874f760eb4480f2b1f91'),
    ('市市场监管局2025年专项资金', '25c7199036e6766dac64'),
    ('集美区政府2016年实施方案', 'ab9f414eac5037d79237'),
    ('海沧区政府2019年实施方案', '7c2c97cf2de04ac67fd0'),
    ('思明区政府2021年通知', '7d407de863c8153f974d'),
    ('资规局2025年专项资金', '6451bccc48042c5b2255'),
    ('国务院办公厅2019年指导意见', 'govcn-5365711'),
    ('国务院2004年工作规则', 'govcn-5345397'),
    ('北京市中医管理局2021年政府采购意向', 'bjtcm-2349156'),
    ('市教育局2020年专项资金', '48801c7c88e5d9ed4d0b'),
    ('2023年市发改委通知', 'de5b6c13878a8b948743'),
    ('海沧区2024年批复', '3d76724a9c69a504b86b'),
    ('厦门市环保局2013年专项资金', '23f3d17957cdc9294b60'),
    # E. 办事 questions
    ('出生证明丢了怎么办', '2b6e8ce7023a0b5ba48a'),
    ('房产证丢了怎么办理挂失', 'b3c4c4f3d6b2d161785e'),
    ('教师资格证丢了', 'ccf94a8729c251ebe95c'),
    ('个税专项附加扣除有哪些', 'govcn-5351181'),
    ('中医医师资格考试收费多少钱', 'bjtcm-2284920'),
    ('2019年春节放假安排', 'govcn-5346276'),
    # G. Traditional and mixed width
    ('關於開展居民階梯電價專項檢查的通知', '53fed3e2bc6ff05b1eb0'),
    ('國務院辦公廳關於2019年部分節假日安排的通知', 'govcn-5346276'),
    ('厦府辦〔２０１４〕６號', '89f87e1a5b40d2d89f5b'),
    ('湖裏區仙岳路停電', '5a0661955e8d58ca4ff3'),
    ('個人所得稅專項附加扣除', 'govcn-5351181'),
    ('杏林灣生態保護三年行動計劃', '09b73c79c2b51c90cc34'),
    ('國發〔2019〕4號', 'govcn-5365341'),
]

#: among the first three
IN3 = [
    # D. agency + year + kind
    ('市教育局2022年通知', '473f3dc0b5bc7e2ac56b'),
    ('生态环境局2024年通知', '171eddf8dcae261d0899'),
    ('市政府2014年实施方案', 'f78c02d803d035ecb405'),
    # E. 办事 questions
    ('个体户怎么办营业执照', '个体工商户登记'),
    ('中医确有专长怎么考医师资格', '确有专长'),
    ('老旧小区改造有补贴吗', '老旧小区改造'),
    ('阶梯电价怎么收费', '阶梯电价'),
    ('自来水价格怎么调整', '自来水价格调整'),
    ('去哪里申请学生资助', '学生资助'),
    # G. Traditional and mixed width
    ('廈門市教育局２０２２年通知', '473f3dc0b5bc7e2ac56b'),
    ('10ｋＶ江頭1號線停電', '5a0661955e8d58ca4ff3'),
]

#: the first hit is a notice of this kind
TYPE = [
    # A. long phone questions
    ('我家在湖里区江头街道明天会不会停电啊', 'outage'),
    ('请问一下集美杏林湾路这几天要停水吗', 'outage'),
    ('海沧新阳社区最近是不是要停气', 'outage'),
    ('我住在思明区莲花北路那边听说要停电是真的吗', 'outage'),
    ('翔安新店社区什么时候恢复供水', 'outage'),
    ('同安西柯社区停电到几点结束', 'outage'),
    ('湖里后埔社区停电是怎么回事', 'outage'),
    ('杏滨社区为什么没水了', 'outage'),
    ('何厝社区停电', 'outage'),
    # E. 办事 questions
    ('怎么补办身份证', 'lost'),
    ('身份证丢了怎么登报声明', 'lost'),
    ('公司营业执照丢了怎么办', 'lost'),
    ('社保卡丢了去哪里补', 'lost'),
    ('公章丢了需要登报吗', 'lost'),
    ('行驶证掉了怎么补办', 'lost'),
    ('公司注销要登报吗', 'business_tax'),
    ('公司减资公告怎么写', 'business_tax'),
    ('房子被征收补偿标准是多少', 'land_housing'),
    ('国有土地拍卖公告在哪看', 'land_housing'),
    # G. Traditional and mixed width
    ('遺失營業執照', 'lost'),
    ('國有建設用地使用權拍賣出讓公告', 'land_housing'),
    ('ＤＮ６００管道停水', 'outage'),
]

#: did-you-mean offers a query holding this
DYM = [
    # F. one wrong character
    ('厦门市教育句', '厦门市教育局'),
    ('湖里区仙月路停电', '仙岳路'),
    ('莲花北陆停电', '莲花北路'),
    ('同集南陆停水', '同集南路'),
    ('江头北路交通管治', '交通管制'),
    ('鼓浪屿周边环境争治', '整治'),
    ('社区网格化管里', '管理'),
    ('地质灾害防制', '防治'),
    ('阶梯电价专项检察', '检查'),
    ('公共数据开方', '开放'),
    ('厦门市财政句', '厦门市财政局'),
    ('海沧湾公圆管理', '公园'),
    ('杏林湾生太保护', '生态'),
    ('燥声污染防治', '噪声'),
    ('学生资注', '资助'),
    ('集美心城建设', '新城'),
    ('食品安全监督抽减', '抽检'),
]

#: the search box completes the prefix to a suggestion holding this
SUG = [
    # I. prefixes
    ('教师队伍', '教师队伍建设'),
    ('海沧湾', '海沧湾公园管理'),
    ('阶梯', '阶梯电价'),
    ('鼓浪屿周边', '鼓浪屿周边环境整治'),
    ('社会信用', '社会信用体系建设'),
    ('杏林湾生', '杏林湾生态保护'),
    ('國有建設', '国有建设用地'),
    ('政府债券', '政府债券资金使用'),
    ('厦门市财政', '厦门市财政局'),
    ('个人所得税', '个人所得税'),
    ('中医住院医师', '中医住院医师规范化培训'),
    ('噪声污染', '噪声污染防治'),
    ('国家职业', '国家职业教育改革'),
    ('湖里创新', '湖里创新园'),
    ('港口物流', '港口物流发展'),
    ('12345便民', '12345便民服务热线'),
    ('校外培训', '校外培训机构管理'),
    ('近岸海域', '近岸海域水质监测'),
    ('消费扶贫', '消费扶贫'),
    ('排污许可', '排污许可管理'),
    ('片区综合开发', '片区综合开发项目'),
]


#: round 2 (45 queries, 3 failed first: 国务院2018年38号, fixed below; 厦门市教育局2021年管理办法 lists the 2019 document first, left;
#: 2026G34, an expectation of mine)
TOP2 = [
    # R2a. agency + year + kind, other orders and forms
    ('湖里区政府2018年批复', 'b504834a0f5474779c78'),
    ('2019年资源规划局管理办法', '02e4f63f99939dac81ff'),
    ('市环保局2021年专项资金', '2374226bbe11e3861b70'),
    ('集美区2023年管理办法', 'e5f7bdb21d6fdb2bc3de'),
    ('思明区政府办2025年管理办法', 'e1d2b54af23ec5be6be9'),
    ('厦门市发改委2024年专项检查', '53fed3e2bc6ff05b1eb0'),
    ('市监局2014年管理办法', '377f5cd1e880d4fe746e'),
    ('北京中医局2020年绩效自查', 'bjtcm-2199930'),
    # R2b. 办事 and everyday questions
    ('集体土地征收预公告海沧', 'b2fcdd961ddd64f1040a'),
    # R2c. Traditional, full width, spaces
    ('國務院辦公廳關於印發政府網站集約化試點工作方案的通知', 'govcn-5338761'),
    ('關於印發廈門市旧村改造實施方案的通知 湖政〔2018〕7號', 'c2bfaf9d9d9e4b533979'),
    ('厦门市 鼓浪屿 周边环境 整治 管理办法', '鼓浪屿周边环境整治管理办法'),
    ('国办发〔２０１９〕３号', 'govcn-5360002'),
    ('ＣＯＶＩＤ疫情全员培训', 'bjtcm-2115863'),
    ('新冠肺炎疫情全员培训', 'bjtcm-2115863'),
    # R2e. long typed questions
    ('国家对综合保税区有什么新政策', 'govcn-5361158'),
    ('小微企业融资担保有什么支持政策', 'govcn-5365711'),
    ('农机装备产业转型升级指导意见', 'govcn-5353308'),
    ('政务新媒体怎么管', 'govcn-5352666'),
]

IN32 = [
    # R2b. 办事 and everyday questions
    ('开户许可证丢了怎么办', '开户许可证'),
    ('食品经营许可证遗失怎么补', '食品经营许可证'),
    ('土地挂牌出让公告2026', '2026G34'),
    ('房屋征收决定公告翔安', '翔安区'),
    ('棚户区改造征收补偿', '棚户区改造'),
    # R2e. long typed questions
    ('请问厦门市有没有出台公共数据开放的相关政策', '公共数据开放'),
    ('我想了解一下厦门的养老服务体系建设有哪些措施', '养老服务体系建设'),
    ('厦门中小学校园安全管理有什么规定', '中小学校园安全'),
    ('校外培训机构现在是怎么管理的', '校外培训机构管理'),
    ('厦门市的噪声污染防治工作做得怎么样', '噪声污染防治'),
    ('排污许可证怎么管理的有没有文件', '排污许可管理'),
]

TYPE2 = [
    # R2b. 办事 and everyday questions
    ('营业执照遗失登报在哪里登', 'lost'),
    ('公司合并要发什么公告', 'business_tax'),
    ('公司清算债权人公告', 'business_tax'),
    ('驾驶证行驶证丢了补办', 'lost'),
    # R2c. Traditional, full width, spaces
    ('遺失聲明', 'lost'),
    ('停電通知', 'outage'),
]

DYM2 = [
    # R2d. homophones in names
    ('湖里创心园建设', '创新园'),
    ('五元湾片区开发', '五缘湾'),
    ('背街小向改造', '小巷'),
    ('海仓区旧村改造', '海沧'),
    ('祥安区棚户区改造', '翔安'),
    ('港口物留发展', '物流'),
    ('节能降好', '节能降耗'),
]


#: rounds 3 and 4 (40 and 21 queries; 0 and 3 failed first: 噪音 for 噪声 and 6号线, fixed below; 行驶证丢了登报怎么写, an
#: expectation of mine written as the first hit's id, not its kind)
TOP3 = [
    # R3a. issuer prepended to a title that does not print it
    ('厦门市财政局关于印发厦门市政府债券资金使用实施方案的通知', 'd6f45caeff1e72f0db6e'),
    ('厦门市教育局关于开展中小学校园安全专项检查的通知', '7e6d8b3efc5b7b7cab09'),
    ('湖里区人民政府关于印发厦门市旧村改造实施方案的通知', '旧村改造实施方案'),
    ('国务院关于开展城镇小区配套幼儿园治理工作的通知', 'govcn-5360002'),
    ('市资源规划局关于城市更新有关问题的批复2023', '4f051a077fd064a23050'),
    # R3b. 文号 before the title, dates after
    ('厦府办〔2020〕9号 关于印发厦门市电子政务建设实施方案的通知', 'f9a4a6ca811cc2815146'),
    ('厦教〔2022〕5号关于公布2022年义务教育阶段学校招生有关事项的通知', '473f3dc0b5bc7e2ac56b'),
    ('关于印发厦门市教师队伍建设管理办法的通知 2021-12-23', '68722b27be3b4a7681a8'),
    ('关于公共数据开放的实施意见（2025年）', '8cd40127ae25d97f9eb7'),
    ('关于做好2025年电子政务建设工作的通知 厦府办〔2025〕10号 2025年', '16867434f9911d0f1687'),
    # R3c. punctuation and spaces in questions
    ('《厦门市商事主体登记管理办法》', '377f5cd1e880d4fe746e'),
    ('《医疗广告管理办法》全文', 'bjtcm-1338117'),
    # R3d. what/which questions
    ('国务院第五次大督查表扬了哪些典型经验', 'govcn-5343366'),
    ('2019年春节放假是哪几天', 'govcn-5346276'),
    ('雄安新区总体规划是哪一年批复的', 'govcn-5354222'),
    ('国家科学技术奖励2018年获奖名单', 'govcn-5355822'),
    ('行政执法公示制度是什么', 'govcn-5354528'),
    ('个人所得税法实施条例哪年发布的', 'govcn-5351177'),
    ('国家教材委员会组成人员名单', 'govcn-5344146'),
    # R3f. 文号 said in words
    ('厦府办二〇二〇年九号', 'f9a4a6ca811cc2815146'),
    ('国发二零一九年四号', 'govcn-5365341'),
    ('厦财二〇二三年第六号', 'e2a57d3d405e7c3d1ed7'),
    # R4b. pasted titles with two slips
    ('关于进一步加强噪音污染防治工作的通知', '噪声污染防治'),
    ('关于印发厦门市养老服务体系三年行动计划的通知', '95cfa37c5150d91f0022'),
    ('关于下达2021年固体废弃物污染防治专项资金的通知', '2374226bbe11e3861b70'),
    ('国务院办公厅关于印发国家粮食应急预案的通知', 'govcn-5345459'),
    ('关于湖北省巴东县地质灾害险情问题的复函', 'govcn-5351649'),
    ('国务院关于同意乌鲁木齐昌吉石河子高新区建设国家自主创新示范区的批复', 'govcn-5344150'),
    # R4c. ASCII and numbers mixed in
    ('2018H03挂牌出让', '8fa69deaec0ac6ed4bad'),
    ('2022G15地块', '3a1bd3f3f68b1b404b95'),
    ('12345热线管理专项检查', '75bc8b829b1badbf3554'),
]

IN33 = [
    # R3c. punctuation and spaces in questions
    ('关于\u3000不动产登记\u3000的实施意见', '51a3e58aae82ccb8c31c'),
    ('耕地保护、专项资金、2025', '6451bccc48042c5b2255'),
    ('“公共数据开放”三年行动计划', '990b4c20098a79f0af77'),
    # R3d. what/which questions
    ('消防救援车辆号牌是什么样的', 'govcn-5347765'),
    # R4a. colloquial phone questions
    ('背街小巷改造啥时候搞', '背街小巷改造'),
    ('学生资助政策有啥', '学生资助'),
    ('老旧小区改造咋申请', '老旧小区改造'),
    # R4c. ASCII and numbers mixed in
    ('DN800管道停气', '停气'),
    ('10kV杏林6号线停电', 'b6ee13aaaeb1fb09667c'),
]

TYPE3 = [
    # R3c. punctuation and spaces in questions
    ('湖里区仙岳路，明天停电吗？', 'outage'),
    ('停水！！集美杏林湾路', 'outage'),
    # R3e. Traditional 办事
    ('身份證遺失怎麼辦', 'lost'),
    ('營業執照丟了', 'lost'),
    ('公司註銷公告', 'business_tax'),
    ('停水通知 集美區', 'outage'),
    # R4a. colloquial phone questions
    ('社保卡掉了咋办', 'lost'),
    ('营业执照正本丢了要登报吗', 'lost'),
    ('仙岳路停电了咋回事', 'outage'),
    ('湖里区啥时候停水', 'outage'),
    ('集美那边最近停气不', 'outage'),
    ('新店路今天有没有停电哦', 'outage'),
    ('行驶证丢了登报怎么写', 'lost'),
]

SUG3 = [
    # R3g. prefixes
    ('公共数据', '公共数据开放'),
    ('不动产', '不动产登记'),
    ('城市更新', '城市更新'),
    ('政务公开', '政务公开工作'),
    ('預算績效', '预算绩效管理'),
    ('防汛', '防汛防台风'),
    ('背街小巷', '背街小巷改造'),
    ('学前教育', '学前教育发展'),
]


@pytest.mark.parametrize(("query", "expected"), TOP + TOP2 + TOP3)
def test_the_first_hit(demo, query, expected) -> None:
    assert_first_hit(demo, query, expected)


@pytest.mark.parametrize(("query", "expected"), IN3 + IN32 + IN33)
def test_among_the_first_three(demo, query, expected) -> None:
    assert_among_first(demo, query, expected, 3)


@pytest.mark.parametrize(("query", "expected"), TYPE + TYPE2 + TYPE3)
def test_the_first_hit_is_a_notice_of_the_kind_asked(demo, query, expected) -> None:
    assert_first_hit_of_type(demo, query, expected)


@pytest.mark.parametrize(("query", "expected"), DYM + DYM2)
def test_did_you_mean(demo, query, expected) -> None:
    offers = search(demo, query).did_you_mean
    assert any(expected in offer for offer in offers), (query, offers)


@pytest.mark.parametrize(("prefix", "expected"), SUG + SUG3)
def test_the_search_box_completes(demo, prefix, expected) -> None:
    assert_completes(demo, prefix, expected)


@pytest.mark.parametrize("query", ["COVID-19", "PM2.5", "ISO9001", "H1N1", "gbt3091-2008"])
def test_an_ascii_run_no_record_holds_is_not_answered_by_a_bare_number_cut_from_it(demo, query) -> None:
    # COVID-19 was a relaxed answer of the 118 records holding 19 in some number (6月19日, 2019年), PM2.5 of the 217 holding
    # a number ending in 5, ISO9001 of a lost notice whose 编号 10900159 holds 9001, H1N1 of the records holding 1
    response = search(demo, query)
    assert response.hits == [], (query, response.dropped, [h.title for h in response.hits[:3]])


def test_a_decimal_run_is_one_word_dropped_whole(demo) -> None:
    # PM2.5 was two segments, pm2 and 5, each required apart: the relaxed answer said 未包含“pm2” and required 5
    response = search(demo, "PM2.5治理")
    assert response.relaxed and response.dropped == ["pm2.5"], response.dropped


def test_runs_with_their_marks_are_still_found_where_printed(tmp_path) -> None:
    # PM2.5 is one phrase now (pm2 5), found where printed as before; the 6月19日 notice never answers COVID-19
    engine = build_engine(tmp_path / "data", [
        {"kind": "notice", "notice_type": "other", "issuer": "厦门市生态环境局", "publish_date": "2024-05-08", "title": title, "body": body}
        for title, body in (
            ("空气质量日报", "今日全市PM2.5平均浓度为23微克/立方米，PM10为41微克/立方米。"),
            ("防控工作通知", "根据COVID-19疫情防控形势变化，调整公共场所管理措施。"),
            ("6月19日停水通知", "编号25，6月19日停水。"),
        )
    ])
    try:
        for query, title in (("PM2.5", "空气质量日报"), ("pm2.5浓度", "空气质量日报"), ("COVID-19", "防控工作通知")):
            hits = engine.search(SearchRequest(q=query)).hits
            assert [h.title for h in hits] == [title], query
    finally:
        engine.close()


def test_a_body_named_by_its_level_alone_is_its_own_citys() -> None:
    # 市政府2014年实施方案 listed 北京市人民政府's 解读 first: 市政府 named no issuer (people in a city say 市政府, 市财政局)
    from gongkai.indexer.vocabulary import build_vocabulary

    districts = ["思明区人民政府", "湖里区人民政府", "集美区人民政府", "海沧区人民政府"]
    vocab = build_vocabulary(["厦门市人民政府", "厦门市财政局", *districts], [], [])
    assert vocab.issuers_named("市政府") == ["厦门市人民政府"]
    assert vocab.issuers_named("市人民政府") == ["厦门市人民政府"]
    assert vocab.issuers_named("区政府") == []  # every district's: none


def test_the_city_government_by_its_level_alone(demo) -> None:
    hits = search(demo, "市政府2014年实施方案").hits
    assert "f78c02d803d035ecb405" in [h.id for h in hits[:3]], shown(hits[:3])


@pytest.mark.parametrize(("query", "record"), [
    ("国务院2018年38号", "govcn-5342665"),  # read as the 文号 国务院〔2018〕38号: found nothing
    ("厦门市财政局2009年5号", "e6dcc1558061d075c691"),  # 厦财〔2009〕5号
    ("国办发2019年3号", "govcn-5360002"),  # a 文号 prefix: still a 文号
    ("国务院2018年第38号", "govcn-5342665"),  # 第38号 as a serial is said: the record prints 38号 (a relaxed answer dropping it)
])  # fmt: skip
def test_a_body_named_before_a_year_and_serial_is_no_doc_number_prefix(demo, query, record) -> None:
    response = search(demo, query)
    assert not response.relaxed and response.hits and response.hits[0].id == record, (query, [h.title for h in response.hits[:3]])


def test_the_everyday_word_for_noise_finds_what_documents_print(demo) -> None:
    # documents print 噪声 (the law's word): 噪音污染防治 was a relaxed answer 未包含“噪音”, led by 大气污染防治
    response = search(demo, "噪音污染防治")
    assert not response.relaxed and "噪声污染防治" in response.hits[0].title, (response.dropped, response.hits[0].title)


def test_a_line_number_stays_with_its_counter(demo) -> None:
    # 杏林6号线 was 杏林 + 6 + 号线, each anywhere: the notice of 殿前6号线 and 杏林路 came first; 6号线 is one phrase now
    from gongkai.indexer.understand import Rules, understand
    from gongkai.indexer.vocabulary import build_vocabulary
    from gongkai.settings import SearchSettings

    settings = SearchSettings()
    texts = [s.text for s in understand("10kV杏林6号线停电", build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms)).segments]
    assert "6号线" in texts, texts
    # pages print a line by its number in Chinese numerals as often (bench/search_quality.py: 西安地铁3号线 lost 西安三号线 …)
    line = next(s for s in understand("西安地铁3号线", build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms)).segments if s.text == "3号线")
    assert line.alternatives == ("3号线", "三号线")
    assert search(demo, "杏林6号线").hits[0].id == "b6ee13aaaeb1fb09667c"


@pytest.mark.parametrize(("query", "expected"), [
    ("市教育局中考改革", "中考改革"),
    ("市环保局噪声污染防治", "噪声污染防治"),
    ("区政府旧村改造批复", "旧村改造有关问题的批复"),
    ("市发改委阶梯电价", "阶梯电价"),
    ("市资源规划局耕地保护", "耕地保护"),
    ("市市场监督管理局药品零售企业检查", "药品零售企业检查"),
    ("市政府办公厅公共数据开放三年行动计划", "990b4c20098a79f0af77"),
    ("10kV莲坂5号线停电", "b6f3d40ba3ec8ad1ccb0"),
    ("殿前9号线", "a1fc4a954dd83ce28851"),
])  # fmt: skip
def test_round_5_a_body_by_its_level_and_lines_by_number(demo, query, expected) -> None:
    # written after the fixes (市政府, 6号线), before running: what they might have broken
    assert_among_first(demo, query, expected, 3)
