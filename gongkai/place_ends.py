"""How the names of places end, where a number with 号 after them is a house's (湖滨南路7号, 五缘湾1号), not a day's.

One definition for both sides of the outage lookup: the notice parser (parsers.notices.timewindows: a number printed with 号
and no month after a place is a house number) and the question reader (gongkai.asked_days: 7号 after a place is no day).
They used two character sets of their own (the notice's had 楼 and no 幢/院/园, the question's no 楼 but 幢/院/园/苑/期/坊), so
a number one side read as a house the other read as a day.
"""

from __future__ import annotations

#: A road's last character (湖滨南路, 中山街, 古城西巷, 大同路3弄, 环岛干道).
ROAD_ENDS = "路街巷弄道"
#: A neighbourhood's, village's or compound's (湖滨一里, 军营村, 省委大院, 万科城二期, 沙坡尾艺术西区的坊).
NEIGHBOURHOOD_ENDS = "里村院期坊"
#: An estate's, where its own number follows its name (五缘湾1号, 中央公园1号, 蓝湾3号, 龙山1号; outages12: 五缘湾1号明天停电吗 was
#: read from the 1st on). Not 区/镇/社区: 思明区7号, 高殿社区7号 are the 7th (a district is numbered by its roads' houses).
ESTATE_ENDS = "湾湖山城园苑府庭邸"
#: Further estate endings said only with a Chinese-numeral 一号 as their name (海峡一号, 鼓浪屿一号, 海港一号): in digits after
#: them a number stays a day (鼓浪屿7号停电吗 asks about the 7th).
NAMED_ONE_ENDS = "海港岛屿峡"
#: A building's (5号楼, 3栋, 2幢, A座): a number with 号 after one is a house's or a room's (a 楼 after N号 is the question
#: side's own rule: 瑞景花园5号楼6号 is the 6th).
BUILDING_ENDS = "楼栋幢座"
#: Every ending after which a number with 号 is a house number.
HOUSE_NUMBER_AFTER = ROAD_ENDS + NEIGHBOURHOOD_ENDS + ESTATE_ENDS + BUILDING_ENDS
