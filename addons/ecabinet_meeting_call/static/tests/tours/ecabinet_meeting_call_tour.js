/** @odoo-module **/

import { registry } from "@web/core/registry";

// The chair's console and the remote member's tablet run at the same time in two
// browsers (see tests/test_remote_ui.py): the steps that wait for the other side
// pass only once the bus has delivered its change.
const CROSS = 30000; // ms a step may wait for another browser

registry.category("web_tour.tours").add("ecabinet_meeting_call_member", {
    steps: () => [
        {
            content: "A member who cannot come asks to attend online",
            trigger: "input.o_ecabinet_call_reason",
            run: "edit On mission in Đà Nẵng",
        },
        {
            trigger: "button.o_ecabinet_call_ask",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_call_waiting",
        },
        {
            content: "The secretariat admits them: the call opens on the tablet",
            trigger: ".o_ecabinet_call_admitted",
            timeout: CROSS,
        },
        {
            trigger: "iframe.o_ecabinet_call_frame",
        },
        {
            content: "The vote the chair opens appears; the member online votes",
            trigger: ".o_ecabinet_live_vote button.o_ecabinet_vote_agree",
            timeout: CROSS,
            run: "click",
        },
        {
            trigger: ".o_ecabinet_live_voted",
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_meeting_call_chair", {
    steps: () => [
        {
            trigger: "button.o_ecabinet_open_console",
            run: "click",
        },
        {
            content: "Without the member online, no quorum",
            trigger: ".o_ecabinet_quorum:contains(not reached)",
        },
        {
            content: "The request to attend online arrives",
            trigger:
                ".o_ecabinet_console_call_request:contains(Vũ Thị Giang):contains(On mission) .o_ecabinet_console_call_admit",
            timeout: CROSS,
            run: "click",
        },
        {
            trigger: ".o_ecabinet_console_call_request:contains(Vũ Thị Giang):contains(Attends online)",
        },
        {
            content: "The member online counts toward the quorum",
            trigger: ".o_ecabinet_quorum:contains(reached):not(:contains(not reached))",
        },
        {
            trigger: ".o_ecabinet_open_vote",
            run: "click",
        },
        {
            content: "The member online has voted",
            trigger: ".o_ecabinet_vote_answered:contains(1)",
            timeout: CROSS,
        },
    ],
});
