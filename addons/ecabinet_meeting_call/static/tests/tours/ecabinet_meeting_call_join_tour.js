/** @odoo-module **/

import { registry } from "@web/core/registry";

// On Odoo's Discuss page of the session's channel (mail's public page, which a
// portal member of the channel opens): its own bundle of test tours.
registry.category("web_tour.tours").add("ecabinet_meeting_call_join", {
    steps: () => [
        {
            content: "The member admitted online joins the session's call in Discuss",
            trigger: "button[title='Start a Call']",
            run: "click",
        },
        {
            trigger: ".o-discuss-Call .o-discuss-CallParticipantCard",
        },
    ],
});
