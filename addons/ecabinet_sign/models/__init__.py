from . import (
    ecabinet_sign_audit,
    ecabinet_sign_request,
    ecabinet_sign_signer,
    ecabinet_sign_trust_root,
    ecabinet_sign_verification,
    ecabinet_ballot,
    ecabinet_meeting,
    res_company,
    res_config_settings,
    res_partner,
)
