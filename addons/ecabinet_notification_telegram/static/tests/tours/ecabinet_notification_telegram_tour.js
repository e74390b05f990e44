/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ecabinet_notification_telegram_link", {
    url: "/my",
    steps: () => [
        {
            content: "Open the notification settings from the portal home",
            trigger: 'a[href="/my/ecabinet/notifications"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Telegram is not linked yet",
            trigger: ".o_ecabinet_telegram_status:contains(Not linked)",
        },
        {
            content: "Ask for a link code",
            trigger: "button.o_ecabinet_telegram_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The bot's deep link and the one-time code are shown",
            trigger: ".o_ecabinet_telegram_code a.o_ecabinet_telegram_deep_link[href*='https://t.me/ubnd_ecabinet_bot?start=']",
        },
        {
            trigger: ".o_ecabinet_telegram_code code:contains(/start )",
        },
        {
            content: "Also receive session invitations by email",
            trigger: "tr:contains(Session invitation (test)) input[name$='_email']",
            run: "check",
        },
        {
            content: "Save",
            trigger: "button.o_ecabinet_save_preferences",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved",
            trigger: ".o_ecabinet_saved",
        },
    ],
});
