"""Scrapy settings: polite by default (robots.txt, AutoThrottle, ≤ 1 request/s, an identifying
User-Agent, bounded retries that honour Retry-After). Relance's own settings (base URLs,
data folder, contact URL) come from ``relance.config`` and the environment."""

from relance.config import load_settings

_relance = load_settings()

BOT_NAME = "relance"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

USER_AGENT = _relance.user_agent
ROBOTSTXT_OBEY = True

# Politeness: one request at a time per site, at most one per second, slower when the
# server slows down (AutoThrottle never goes below DOWNLOAD_DELAY).
CONCURRENT_REQUESTS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 120

# Bounded retries; 429 and 503 wait for the server's Retry-After (spiders.middlewares).
RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "spiders.middlewares.HttpCacheMiddleware": 900,
}
RETRY_AFTER_MAX = 600  # seconds: never sleep longer than this on one Retry-After

ITEM_PIPELINES = {
    "spiders.pipelines.NormalizePipeline": 100,
    "spiders.pipelines.MergePipeline": 150,
    "spiders.pipelines.ValidatePipeline": 200,
    "spiders.pipelines.StorePipeline": 300,
}

# Open-data zips are downloaded in ranges of this size: bounded memory, and a download cut
# by the server resumes where it stopped (If-Range keeps the pieces consistent).
RELANCE_DOWNLOAD_CHUNK = 8 * 1024 * 1024
RELANCE_DATA_DIR = str(_relance.data_dir)
RELANCE_DATABASE_URL = _relance.database_url
RELANCE_OPENDATA_BASE = _relance.opendata_base
RELANCE_SITE_BASE = _relance.site_base
RELANCE_QUESTIONS_SITE_BASE = _relance.questions_site_base
RELANCE_STORE_BATCH = 1000  # records per database transaction
RELANCE_STORE_FLUSH_SECONDS = 0  # also commit at least this often (0: only by batch)
RELANCE_TODAY = None  # "YYYY-MM-DD" to pin "today" (tests); default: today in Paris

# The pages crawl (an_questions) turns this cache on, to make conditional requests.
HTTPCACHE_DIR = str((_relance.data_dir / "httpcache").resolve())
HTTPCACHE_POLICY = "spiders.middlewares.RevalidatePolicy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_GZIP = True
HTTPCACHE_IGNORE_HTTP_CODES = [404, 410, 429, 500, 502, 503, 504]

EXTENSIONS = {"spiders.progress.ProgressBar": 500}
RELANCE_PROGRESS = False

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "spiders.logformatter.RelanceLogFormatter"
