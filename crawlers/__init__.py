"""Crawlers: agency disclosure sites (driven by site definitions), sites without a definition, and the
厦门日报 digital edition, fetched incrementally and handed to the one ingest path (the run's ingest session, Engine.ingest_session).

Public entry points (import them from their modules; importing this package loads no Scrapy):
- gongkai.crawlers.sitedef: load_sites, load_site_file, DisclosureSite, NewspaperSite, SiteDefinitionError
- gongkai.crawlers.in_process: crawl_sites, crawl_start_url, crawl_newspaper, CrawlOptions
- gongkai.crawlers.child_process: `python -m gongkai.crawlers.child_process` (one crawl per process); run_crawl_process starts one
  (scheduler jobs, tests, benchmarks: the one child runner), CrawlFailed
- gongkai.crawlers.state: CrawlState (crawl_pages, crawl_runs tables)
- gongkai.crawlers.check: check_site (for `gongkai sources check`)
- gongkai.crawlers.fixture_server: start_fixture_sites, FixtureSites, fixture_sites_dir
- gongkai.crawlers.demo: crawl_fixture_sites (for `gongkai demo`)
"""
