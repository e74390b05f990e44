/** @odoo-module **/

import { registry } from "@web/core/registry";

// On Odoo's Discuss page of the session's channel (mail's public page, which a
// portal member of the channel opens): its own bundle of test tours.
registry.category("web_tour.tours").add("ecabinet_meeting_call_join", {
    steps: () => [
        {
            content: "The member admitted online joins the session's call in Discuss",
            // the thread's "call" action (its title is in the member's language)
            trigger: ".o-mail-Discuss-headerActions button[name='call']:enabled",
            run: "click",
        },
        {
            trigger: ".o-discuss-Call .o-discuss-CallParticipantCard",
        },
    ],
});
