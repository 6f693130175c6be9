"""What `gongkai serve` says at start about settings an operator must set before harvesters come (probe3)."""

from __future__ import annotations


def test_the_server_says_at_start_that_the_oai_admin_email_is_a_placeholder(settings, caplog):
    """Harvesters of the national platform saw adminEmail admin@example.org, an undocumented default nobody set."""
    from gongkai.engine import Engine
    from gongkai.web.app import create_app

    engine = Engine(settings)
    try:
        with caplog.at_level("WARNING", logger="gongkai.web"):
            create_app(engine)
        assert "feeds.oai_admin_email is the placeholder admin@example.org" in caplog.text
        caplog.clear()
        settings.feeds = settings.feeds.model_copy(update={"oai_admin_email": "gongkai@xm.gov.cn"})
        with caplog.at_level("WARNING", logger="gongkai.web"):
            create_app(engine)
        assert "oai_admin_email" not in caplog.text
    finally:
        engine.close()
