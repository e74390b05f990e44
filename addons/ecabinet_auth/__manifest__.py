# Copyright 2026 e-Cabinet contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "e-Cabinet Two-Factor Sign-in",
    "summary": "Two-factor sign-in as a policy per group (members, agencies, staff) "
    "with Odoo's authenticator codes and passkeys; the secretariat follows who "
    "has not enrolled and signs lost devices out",
    "version": "18.0.1.0.0",
    "category": "e-Cabinet",
    "website": "https://github.com/ecabinet/ecabinet",
    "author": "e-Cabinet contributors",
    "license": "LGPL-3",
    "depends": ["ecabinet_base", "auth_totp", "auth_totp_portal", "auth_passkey"],
    "data": [
        "security/ecabinet_auth_security.xml",
        "views/res_config_settings_views.xml",
        "views/res_users_views.xml",
        "views/res_device_views.xml",
        "views/auth_templates.xml",
        "views/ecabinet_auth_menus.xml",
    ],
}
