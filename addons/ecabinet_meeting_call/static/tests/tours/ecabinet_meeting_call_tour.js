/** @odoo-module **/

import { registry } from "@web/core/registry";

// The chair's console and the remote member's tablet run at the same time in two
// browsers (see tests/test_remote_ui.py): the steps that wait for the other side
// pass only once the bus has delivered its change.
const CROSS = 30000; // ms a step may wait for another browser
// Inside the call framed on the tablet (Odoo's Discuss page of the session's channel)
const FRAME = "iframe.o_ecabinet_call_frame:iframe";

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
            content: "The member joins the session's call in the frame",
            // the call action of the chat window the narrow frame shows
            trigger: `${FRAME} .o-mail-ChatWindow-command.o-quick:has(i.fa-phone):enabled`,
            run: "click",
        },
        {
            trigger: `${FRAME} .o-discuss-Call .o-discuss-CallParticipantCard`,
        },
        {
            content: "They mute their microphone while others speak",
            trigger: `${FRAME} .o-discuss-CallActionList button:has(i.fa-microphone)`,
            run: "click",
        },
        {
            trigger: `${FRAME} .o-discuss-CallActionList i.fa-microphone-slash`,
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
        {
            content: "The member online asks to speak from the tablet",
            trigger: "input.o_ecabinet_live_topic",
            run: "edit Từ Đà Nẵng",
        },
        {
            trigger: "button.o_ecabinet_live_ask",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_live_queued",
        },
        {
            content: "The chair calls them: they have the floor, marked online",
            trigger: ".o_ecabinet_live_my_turn",
            timeout: CROSS,
        },
        {
            trigger: ".o_ecabinet_live_speaking:contains(Vũ Thị Giang) .o_ecabinet_speaker_online",
        },
        {
            content: "The chair's call unmutes their microphone for the speaker's time",
            trigger: `${FRAME} .o-discuss-CallActionList i.fa-microphone`,
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_meeting_call_member_floor_end", {
    steps: () => [
        {
            content: "The chair ends the speech: the member's microphone is muted again",
            trigger: ".o_ecabinet_live_speak:not(:has(.o_ecabinet_live_my_turn))",
            timeout: CROSS,
        },
        {
            trigger: `${FRAME} .o-discuss-CallActionList i.fa-microphone-slash`,
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
        {
            content: "The member online asks to speak",
            trigger: ".o_ecabinet_waiting_speaker:contains(Vũ Thị Giang):contains(Từ Đà Nẵng)",
            timeout: CROSS,
        },
        {
            content: "Call the next speaker",
            trigger: ".o_ecabinet_call_next:enabled",
            run: "click",
        },
        {
            content: "The speaker is marked as attending online",
            trigger: ".o_ecabinet_speaking:contains(Vũ Thị Giang) .o_ecabinet_speaker_online",
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_meeting_call_chair_floor_end", {
    steps: () => [
        {
            content: "The chair ends the speech of the member online",
            trigger: ".o_ecabinet_speaking:contains(Vũ Thị Giang) .o_ecabinet_stop_speaker",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_speakers:not(:has(.o_ecabinet_speaking)):contains(Spoken):contains(Vũ Thị Giang)",
        },
    ],
});
