from . import (
    test_access_rights,
    test_audit,
    test_certificates,
    test_meeting_documents,
    test_pending,
    test_performance,
    test_portal,
    test_sign_flow,
    test_verification,
)
