"""One settings object: defaults < gongkai.toml < GONGKAI_* environment; bad values fail naming the setting."""

import pytest

from gongkai.settings import SettingsError, load_settings


def test_defaults_then_toml_then_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GONGKAI_CONFIG", raising=False)
    assert load_settings().search.max_page_size == 100
    (tmp_path / "gongkai.toml").write_text('data_dir = "/srv/gongkai"\n[search]\nmax_page_size = 40\n', encoding="utf-8")
    settings = load_settings()
    assert settings.search.max_page_size == 40 and str(settings.data_dir) == "/srv/gongkai"
    monkeypatch.setenv("GONGKAI_SEARCH__MAX_PAGE_SIZE", "25")
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(tmp_path / "d"))
    settings = load_settings()
    assert settings.search.max_page_size == 25 and settings.data_dir == tmp_path / "d"
    assert settings.resolved_database_url.startswith("sqlite:///") and settings.resolved_database_url.endswith("gongkai.sqlite3")


def test_bad_values_name_the_setting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GONGKAI_SEARCH__MAX_PAGE_SIZE", "many")
    with pytest.raises(SettingsError, match=r"search\.max_page_size"):
        load_settings()
    monkeypatch.delenv("GONGKAI_SEARCH__MAX_PAGE_SIZE")
    (tmp_path / "gongkai.toml").write_text("[serch]\nmax_page_size = 4\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="serch"):
        load_settings()
    monkeypatch.setenv("GONGKAI_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(SettingsError, match=r"missing\.toml"):
        load_settings()
