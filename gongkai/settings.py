"""The one settings object: defaults, then an optional TOML file, then GONGKAI_* environment variables.

The TOML file is `gongkai.toml` in the working directory, or the file named by GONGKAI_CONFIG.
Nested sections are overridden with a double underscore: GONGKAI_SEARCH__MAX_PAGE_SIZE=50.
A bad value stops the program at start with a message that names the setting.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource


class SettingsError(Exception):
    """A setting has a bad value; the message names it."""


class StoreSettings(BaseModel):
    batch_size: int = Field(500, ge=1, le=100_000, description="records per store transaction during ingest")


class IndexSettings(BaseModel):
    writer_heap_mb: int = Field(256, ge=16, le=4096)
    writer_threads: int = Field(0, ge=0, le=64, description="0: one per core")
    keep_generations: int = Field(2, ge=1, le=10, description="old index generations kept after a reindex")


class SearchSettings(BaseModel):
    max_query_length: int = Field(500, ge=10, le=10_000)
    default_page_size: int = Field(10, ge=1, le=100)
    max_page_size: int = Field(100, ge=1, le=1000)
    max_offset: int = Field(10_000, ge=0, description="deepest result a page may start at")
    snippet_chars: int = Field(120, ge=20, le=1000)


class ParserSettings(BaseModel):
    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1024)
    max_pdf_pages: int = Field(1000, ge=1)
    timeout_seconds: float = Field(60.0, gt=0)
    max_uncompressed_bytes: int = Field(200 * 1024 * 1024, ge=1024, description="DOCX: total unzipped size limit (zip bombs)")
    max_compression_ratio: int = Field(200, ge=10, description="DOCX: largest uncompressed/compressed ratio of one member")
    issuer_aliases: dict[str, str] = Field(
        default_factory=dict, description="short or old issuer names -> canonical name (市政府办 -> 厦门市人民政府办公厅)"
    )


class ServerSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GONGKAI_",
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    data_dir: Path = Field(Path("index_data"), description="store file, index, raw captures, quarantine")
    database_url: str = Field("", description="SQLAlchemy URL; empty: SQLite file in data_dir")
    store: StoreSettings = StoreSettings()
    index: IndexSettings = IndexSettings()
    search: SearchSettings = SearchSettings()
    parsers: ParserSettings = ParserSettings()
    server: ServerSettings = ServerSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = os.environ.get("GONGKAI_CONFIG", "gongkai.toml")
        # Precedence, strongest first: explicit arguments (CLI flags), environment, TOML file.
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'gongkai.sqlite3').resolve()}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning a validation error into one readable SettingsError."""
    config = os.environ.get("GONGKAI_CONFIG")
    if config and not Path(config).is_file():
        raise SettingsError(f"GONGKAI_CONFIG names {config!r}, which is not a file")
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = []
        for item in exc.errors():
            name = ".".join(str(p) for p in item["loc"])
            problems.append(f"setting {name!r}: {item['msg']} (got {item.get('input')!r})")
        raise SettingsError("; ".join(problems)) from None
    except ValueError as exc:  # e.g. a TOML file that does not parse
        raise SettingsError(f"cannot read settings: {exc}") from None
