"""Held-out citizen queries, session 19 (search14), each round written with its expectations before it was run (the rounds
are files: tests/fixtures/heldout19/search14/round*.tsv, one query a line: check, query, expected), over the demo data and
the corpus's documents: a street and an outage asked with its particle, a lost item by its holder or in everyday words, a
company's notice by its short name, land and 拆迁 notices, 文号 said every which way, titles remembered, Traditional,
typos, dates in any form.
The rules behind the failures are tested below, each test failing without its rule (README Known gaps, search14; LEFT
below). Real records through the real ingest path, store and index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import assert_held_out_query, demo_and_corpus_fixture, held_out_query_cases

demo = demo_and_corpus_fixture("heldout14")

ROUNDS = Path(__file__).parent / "fixtures" / "heldout19" / "search14"

#: Queries of the rounds whose failure is left (README Known gaps, search14), with why.
LEFT: dict[str, str] = {}  # 社保卡遗失 was left here (search14) until search16 (session 21) searched a notice's headline as its title


CASES = held_out_query_cases(ROUNDS, LEFT)


@pytest.mark.parametrize(("check", "query", "expected"), CASES)
def test_held_out_query(demo, check, query, expected) -> None:
    assert_held_out_query(demo, check, query, expected)


@pytest.mark.parametrize("query", ["11.17停电", "11/17停电", "11-17停电", "１１．１７停电"])
def test_a_month_and_day_written_with_a_dot_or_slash_is_that_day_of_any_year(demo, query) -> None:
    # round 1: 11.17停电 was a day said from today (2026-11-17 in December 2026, its notice published since October), so the
    # notice of 11月17日 published in 2025 got no day bonus and a 停电通知 of September came first; 11月17日 typed got it
    from tests.support import search, shown

    hits = search(demo, query).hits
    assert hits and hits[0].id == "5a0661955e8d58ca4ff3", shown(hits[:3])


@pytest.mark.parametrize(("query", "expected"), [("厦门市2016年食品安全", "d52a8294e7f6133d13e4"),
                                                 ("2016年食品安全", "d52a8294e7f6133d13e4")])
def test_a_typed_year_never_outweighs_the_topic_a_relaxed_answer_dropped(demo, query, expected) -> None:
    # search11's leftover (search13 left it): no record of 2016 is on 食品安全, and 2016年 weighed twice 食品安全 (whose weight
    # counts its common part 安全), so every 2016 record holding 安全 came before the one 食品安全 document; a date segment
    # now weighs at most part_credit of the heaviest other word (natural.dates_below_topics)
    from tests.support import search, shown

    response = search(demo, query)
    assert response.relaxed and response.hits and response.hits[0].id == expected, shown(response.hits[:3])
    assert response.dropped == ["2016年"], response.dropped


def test_a_date_weighs_at_most_part_credit_of_the_heaviest_word() -> None:
    from gongkai.indexer.natural import dates_below_topics
    from gongkai.indexer.understand import Segment

    segments = [Segment("厦门市", ("厦门市",), kind="name"), Segment("2016年", ("2016年", "二〇一六年"), kind="date"),
                Segment("食品安全", ("食品安全",))]
    assert dates_below_topics(segments, [0.1, 3.0, 1.5], 0.5) == [0.1, 0.75, 1.5]
    assert dates_below_topics(segments[1:2], [3.0], 0.5) == [3.0]  # a date alone keeps its weight


@pytest.mark.parametrize(("typed", "also"), [("第101期", "第一百零一期"), ("101期", "一百零一期"), ("第110届", "第一百一十届"),
                                            ("十二集", "12集"), ("三十二集", "32集"), ("二十集", "20集")])
def test_ordinals_beyond_99_and_episodes_without_di_are_read_both_ways(typed, also) -> None:
    # the lead's session-18 leftovers: counts beyond 99 in digits stayed as typed (a bulletin prints 第一百零一期 as often),
    # and 十二集 without 第 was cut 十二 + 集, each required anywhere
    from gongkai.indexer.understand import Rules, understand
    from gongkai.indexer.vocabulary import build_vocabulary
    from gongkai.settings import SearchSettings

    settings = SearchSettings()
    segments = understand(typed, build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms)).segments
    assert [(s.text, s.alternatives) for s in segments] == [(typed, (typed, also))]


@pytest.mark.parametrize("typed", ["第707号", "第2023号", "第1000期", "十二集团", "一二季度"])
def test_serials_of_hao_beyond_99_and_words_stay_as_typed(typed) -> None:
    from gongkai.indexer.understand import Rules, understand
    from gongkai.indexer.vocabulary import build_vocabulary
    from gongkai.settings import SearchSettings

    settings = SearchSettings()
    segments = understand(typed, build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms)).segments
    assert all(s.alternatives == (s.text,) for s in segments), [(s.text, s.alternatives) for s in segments]


@pytest.mark.parametrize(("query", "expected"), [("帮我查下鼎泰进出口的遗失声明", "21784499a893e60b4099"),
                                                 ("我想查鼎泰进出口遗失", "21784499a893e60b4099"),
                                                 ("找下盛世华发票", "4e1071f3a472eb973e0a"),
                                                 ("看下鼎泰进出口", "21784499a893e60b4099")])
def test_the_request_a_query_opens_with_is_never_joined_to_a_name(demo, query, expected) -> None:
    # round 4: 帮我查下鼎泰进出口 was cut 帮 我 查下鼎泰 (rjieba knows neither 鼎泰 nor 查下: its characters were joined into
    # one unknown name), a relaxed answer listing two other 进出口 companies first; 找下/看下 (查一下 said short) were required
    from tests.support import search, shown

    response = search(demo, query)
    assert not response.relaxed and response.hits and response.hits[0].id == expected, shown(response.hits[:3])


@pytest.mark.parametrize("typed", ["查济村", "看守所", "查处违法", "湖里查下"])
def test_a_request_character_joins_a_name_only_at_the_start(typed) -> None:
    # the rule reads the opening only, and a run of two characters at least after it: 湖里查下 keeps its 查下 a word
    from gongkai.indexer.understand import Rules, understand
    from gongkai.indexer.vocabulary import build_vocabulary
    from gongkai.settings import SearchSettings

    settings = SearchSettings()
    rules = Rules(settings.stop_words, settings.synonyms, request_words=settings.request_words)
    words = [s.text for s in understand(typed, build_vocabulary([], [], []), rules).segments if not s.stop]
    assert "".join(words) in (typed, typed[1:]), words


@pytest.mark.parametrize(("query", "dropped"), [("驾驶证丢了", "驾驶证"), ("驾照丢了怎么办", "驾照"), ("结婚证遗失", "结婚证")])
def test_a_lost_thing_no_declaration_names_is_what_a_relaxed_answer_drops(demo, query, dropped) -> None:
    # search5's 驾驶证丢了 (search11 and 13 left it): no notice declares a 驾驶证 lost, and the relaxed answer listed the 号牌
    # disclosure printing 驾驶证 first, dropping 丢了; the word saying it was lost stays required in every step, as a carried
    # 文号 does (segment_query._declared_lost): the declarations, newest first, 未包含“驾驶证”
    from tests.support import search, shown

    response = search(demo, query)
    assert response.relaxed and response.dropped == [dropped], response.dropped
    assert response.hits and all(hit.notice_type == "lost" for hit in response.hits), shown(response.hits[:3])


def test_a_homophone_making_a_word_of_the_synonym_groups_is_offered() -> None:
    # round 5: 社保咔丢了 was offered nothing: 社保卡 is no record's word (notices print 社会保障卡), so 保卡 is no pair the
    # index holds and the offer's pairs were never common enough; a replacement making a word of the groups is offered
    from gongkai.indexer.homophones import sound_alikes
    from gongkai.indexer.understand import Rules
    from gongkai.settings import SearchSettings

    settings = SearchSettings()
    names = Rules(settings.stop_words, settings.synonyms).synonyms
    assert "社保卡丢了" in sound_alikes("社保咔丢了", lambda field, pair: 0, names)
    assert "公积金提取" in sound_alikes("公积进提取", lambda field, pair: 0, names)
    assert "社保卡丢了" in sound_alikes("社保咔丢了", lambda field, pair: 0)  # the default groups' words
    assert sound_alikes("社保咔丢了", lambda field, pair: 0, ()) == []  # without the names: the pairs decide, as before


@pytest.mark.parametrize(("typed", "required"), [("公司要注销怎么办理", ["公司", "注销"]), ("不动产登记如何办理", ["不动产", "登记"]),
                                                ("办理营业执照", ["办理", "营业执照"]), ("怎么办理护照", ["办理", "护照"])])
def test_banli_ending_a_how_question_is_the_questions(typed, required) -> None:
    # round 6: 公司要注销怎么办理 required 办理, which no 注销 notice prints, and a gov.cn document holding 公司, 注销 and 办理
    # anywhere was the one answer; 办理 ends the question as 办 does (怎么办), and stays a word anywhere else
    from gongkai.indexer.understand import Rules, understand
    from gongkai.indexer.vocabulary import build_vocabulary
    from gongkai.settings import SearchSettings

    settings = SearchSettings()
    segments = understand(typed, build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms)).segments
    assert [s.text for s in segments if not s.stop] == required


def _snippet_cases() -> list[tuple[str, str]]:
    lines = (ROUNDS / "snippets.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")[:2]) for line in lines if line.strip() and not line.startswith("#")]  # type: ignore[misc]


@pytest.mark.parametrize(("query", "word"), _snippet_cases())
def test_the_first_snippet_marks_the_word_printed_for_what_was_typed(demo, query, word) -> None:
    # a citizen reads why a hit answers in its snippet: the word the record prints for the one typed (社会保障卡 for 社保卡,
    # 遗失 for 丢了, 征收 for 拆迁) is marked 【…】 there, every character of it
    from tests.support import search

    hits = search(demo, query).hits
    assert hits, query
    marked, plain, inside = hits[0].snippet_text, [], False
    for char in marked:
        if char in "【】":
            inside = char == "【"
        else:
            plain.append((char, inside))
    text = "".join(char for char, _ in plain)
    at = text.find(word)
    assert at >= 0 and all(flag for _, flag in plain[at : at + len(word)]), (query, marked)
