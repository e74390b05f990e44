from . import test_reports_pdf
