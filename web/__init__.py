"""HTTP API and citizens' search page (FastAPI, server-rendered Jinja2, no script).

    app.py        create_app(engine), run_server(engine, host, port, workers=1)
    api.py        /api/search, /api/documents/{id}, /api/lookup, /api/notices/outages, /api/stats, /healthz
    pages.py      /, /search, /documents/{id}, /outages (templates/, static/)
    params.py     the search parameters shared by the API, the page and the feeds routes
    service.py    the calls into the engine (the one implementation of search semantics)
    errors.py     4xx/503 mapping and the catch-all 500; security.py: headers; server.py: uvicorn
    response_cache.py  finished /api/search and /api/notices/outages answers replayed per index state
"""
