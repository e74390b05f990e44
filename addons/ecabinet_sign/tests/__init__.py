from . import test_audit, test_certificates, test_sign_flow, test_verification
