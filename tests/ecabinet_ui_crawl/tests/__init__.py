from . import test_crawl
from . import test_reports_pdf
