/** @odoo-module **/

import { registry } from "@web/core/registry";

// The chair, the member and the projector run at the same time in three
// browsers (see tests/test_live_ui.py): the steps that wait for the other side
// pass only once the bus has delivered its change.
const CROSS = 30000; // ms a step may wait for another browser

registry.category("web_tour.tours").add("ecabinet_console_chair", {
    steps: () => [
        {
            content: "Open the console from the session form",
            trigger: "button.o_ecabinet_open_console",
            run: "click",
        },
        {
            content: "The console is live, the quorum reached",
            trigger: ".o_ecabinet_console_chair .o_ecabinet_quorum:contains(reached):not(:contains(not reached))",
        },
        {
            content: "Move to the first item (shortcut N)",
            trigger: ".o_ecabinet_console .o_ecabinet_next_item",
            run: "press n",
        },
        {
            trigger: ".o_ecabinet_current_item:contains(Public investment plan 2027) .o_ecabinet_item_timer",
        },
        {
            content: "The member's request to speak appears in the queue",
            trigger: ".o_ecabinet_waiting_speaker:contains(Trần Thị Bình):contains(District 3)",
            timeout: CROSS,
        },
        {
            content: "Call the next speaker (shortcut S)",
            trigger: ".o_ecabinet_call_next:enabled",
            run: "press s",
        },
        {
            content: "The member speaks, timed",
            trigger: ".o_ecabinet_speaking:contains(Trần Thị Bình) .o_ecabinet_speech_timer",
        },
        {
            content: "Stop the speaker's time (shortcut T)",
            trigger: ".o_ecabinet_speaking:contains(Trần Thị Bình)",
            run: "press t",
        },
        {
            trigger: ".o_ecabinet_speakers:contains(Spoken):contains(Trần Thị Bình)",
        },
        {
            content: "Open a vote (shortcut V)",
            trigger: ".o_ecabinet_open_vote",
            run: "press v",
        },
        {
            trigger: ".o_ecabinet_vote_open",
        },
        {
            content: "The member's vote appears in the live count",
            trigger: ".o_ecabinet_vote_answered:contains(1)",
            timeout: CROSS,
        },
        {
            trigger: ".o_ecabinet_count_agree:contains(1)",
        },
        {
            content: "Record the conclusion",
            trigger: "textarea.o_ecabinet_conclusion",
            run: "edit The investment plan is approved as amended.",
        },
        {
            trigger: ".o_ecabinet_save_conclusion",
            run: "click",
        },
        {
            trigger: ".o_notification:contains(Saved) .o_notification_close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_notification))",
        },
        {
            content: "Close the vote (shortcut V)",
            trigger: ".o_ecabinet_close_vote",
            run: "press v",
        },
        {
            trigger: ".o_ecabinet_vote_closed",
        },
        {
            content: "Publish the result (shortcut P)",
            trigger: ".o_ecabinet_publish_result",
            run: "press p",
        },
        {
            trigger: ".o_ecabinet_vote_published",
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_chair_ends", {
    steps: () => [
        {
            content: "Next item",
            trigger: ".o_ecabinet_current_item:contains(Public investment plan 2027)",
            run: "press n",
        },
        {
            trigger: ".o_ecabinet_current_item:contains(Tết security plan)",
            run: "press n",
        },
        {
            content: "After the last item, no item is in progress",
            trigger: ".o_ecabinet_speakers:contains(No item is being discussed)",
        },
        {
            content: "Pick the first item again to complete its conclusion",
            trigger: ".o_ecabinet_agenda_item:contains(Public investment plan 2027) .o_ecabinet_item_name",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_conclusion_panel h5:contains(Public investment plan 2027)",
        },
        {
            trigger: "textarea.o_ecabinet_conclusion",
            run: "edit The investment plan is approved as amended; the department reports in March.",
        },
        {
            trigger: ".o_ecabinet_save_conclusion",
            run: "click",
        },
        {
            trigger: ".o_notification:contains(Saved)",
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_member", {
    steps: () => [
        {
            content: "The tablet follows the item the chair opens",
            trigger: ".o_ecabinet_live_item:contains(Public investment plan 2027)",
            timeout: CROSS,
        },
        {
            content: "The documents of the item",
            trigger: "a.o_ecabinet_live_document:contains(Draft investment plan)",
        },
        {
            content: "Ask to speak",
            trigger: "input.o_ecabinet_live_topic",
            run: "edit District 3",
        },
        {
            trigger: "button.o_ecabinet_live_ask",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_live_queued:contains(1)",
        },
        {
            content: "The chair gives the floor",
            trigger: ".o_ecabinet_live_my_turn, .o_ecabinet_live_speak:not(:has(.o_ecabinet_live_queued))",
            timeout: CROSS,
        },
        {
            content: "The vote the chair opens appears",
            trigger: ".o_ecabinet_live_vote button.o_ecabinet_vote_agree",
            timeout: CROSS,
            run: "click",
        },
        {
            trigger: ".o_ecabinet_live_voted:contains(Agree)",
        },
        {
            content: "The published result appears",
            trigger: ".o_ecabinet_live_result .o_ecabinet_result_verdict",
            timeout: CROSS,
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_projector", {
    steps: () => [
        {
            content: "The projector shows the item in progress",
            trigger: ".o_ecabinet_projector_item:contains(Public investment plan 2027)",
            timeout: CROSS,
        },
        {
            trigger: ".o_ecabinet_projector_timer",
        },
        {
            content: "The projector shows the result once published",
            trigger: ".o_ecabinet_projector_result .o_ecabinet_projector_agree:contains(1)",
            timeout: CROSS,
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_secretariat", {
    steps: () => [
        {
            content: "Open the secretariat's console from the session form",
            trigger: "button.o_ecabinet_open_secretariat_console",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_console_secretariat .o_ecabinet_quorum:contains(not reached)",
        },
        {
            content: "Search a name at the door",
            trigger: "input.o_ecabinet_checkin_search",
            run: "edit Lê Văn Cường",
        },
        {
            trigger: ".o_ecabinet_attendee:contains(Lê Văn Cường) .o_ecabinet_mark_present",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_attendee:contains(Lê Văn Cường) .badge:contains(Present)",
        },
        {
            trigger: "input.o_ecabinet_checkin_search",
            run: "edit Phạm Thị Dung",
        },
        {
            content: "A member follows online",
            trigger: ".o_ecabinet_attendee:contains(Phạm Thị Dung) .o_ecabinet_mark_online",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_attendee:contains(Phạm Thị Dung) .badge:contains(Attends online)",
        },
        {
            content: "The quorum is reached",
            trigger: ".o_ecabinet_quorum:contains(reached):not(:contains(not reached))",
        },
        {
            content: "Someone comes in a member's place",
            trigger: "input.o_ecabinet_checkin_search",
            run: "edit Vũ Thị Giang",
        },
        {
            trigger: ".o_ecabinet_attendee:contains(Vũ Thị Giang) .o_ecabinet_mark_substitute",
            run: "click",
        },
        {
            trigger: "input.o_ecabinet_substitute_name",
            run: "edit Ngô Văn Phó",
        },
        {
            trigger: ".o_ecabinet_substitute_check_in",
            run: "click",
        },
        {
            trigger: "input.o_ecabinet_checkin_search:not(:has(~ ul .o_ecabinet_substitute_form))",
            run: "clear",
        },
        {
            content: "The substitute is checked in",
            trigger: ".o_ecabinet_attendee:contains(Ngô Văn Phó):contains(Substitute) .badge:contains(Present)",
        },
        {
            trigger: "input.o_ecabinet_checkin_search",
            run: "clear",
        },
        {
            content: "Notes for the minutes of the item in progress",
            trigger: "textarea.o_ecabinet_minute_notes",
            run: "edit The Department of Finance presented the plan.",
        },
        {
            trigger: ".o_ecabinet_save_conclusion",
            run: "click",
        },
        {
            trigger: ".o_notification:contains(Saved) .o_notification_close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_notification))",
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_member_offline", {
    steps: () => [
        {
            content: "The tablet is live, its bus connected",
            trigger: ".o_ecabinet_member_live .o_ecabinet_online[data-connected='1']",
            timeout: CROSS,
        },
        {
            trigger: "button.o_ecabinet_live_ask",
            run() {
                window.dispatchEvent(new Event("offline"));
            },
        },
        {
            content: "The lost connection shows",
            trigger: ".o_ecabinet_member_live .o_ecabinet_offline",
            async run() {
                // A change made while the tablet is offline (from elsewhere: not
                // through this page's component).
                const response = await fetch(`${window.location.pathname}/speak`, {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({
                        jsonrpc: "2.0",
                        method: "call",
                        params: { topic: "Asked from another device" },
                    }),
                });
                const { result } = await response.json();
                if (!result || !result.ok) {
                    throw new Error(`The request to speak failed: ${JSON.stringify(result)}`);
                }
            },
        },
        {
            content: "Offline, the tablet does not know yet",
            trigger: ".o_ecabinet_member_live:not(:has(.o_ecabinet_live_queued)) .o_ecabinet_offline",
            run() {
                window.dispatchEvent(new Event("online"));
            },
        },
        {
            content: "Back online, the tablet catches up",
            trigger: ".o_ecabinet_member_live .o_ecabinet_online",
            timeout: CROSS,
        },
        {
            trigger: ".o_ecabinet_live_queued:contains(1)",
            timeout: CROSS,
        },
    ],
});

// The member's tablet and the projector in Vietnamese (tests/test_live_ui.py):
// the terms of the OWL components come from vi.po, the choices from the server.
registry.category("web_tour.tours").add("ecabinet_console_member_vi", {
    steps: () => [
        {
            content: "The tablet is live, in Vietnamese",
            trigger: ".o_ecabinet_member_live .o_ecabinet_online:contains(Trực tiếp)",
            timeout: CROSS,
        },
        {
            trigger: ".o_ecabinet_member_live .badge:contains(Đang thảo luận)",
        },
        {
            trigger: ".o_ecabinet_live_documents h5:contains(Tài liệu)",
        },
        {
            trigger: ".o_ecabinet_live_speak h5:contains(Phát biểu)",
        },
        {
            trigger: "button.o_ecabinet_live_ask:contains(Đăng ký phát biểu)",
        },
        {
            content: "The vote and its three choices, worded as everywhere else",
            trigger: ".o_ecabinet_live_vote h4:contains(Public investment plan 2027)",
        },
        {
            trigger: "button.o_ecabinet_vote_agree:contains(Đồng ý)",
        },
        {
            trigger: "button.o_ecabinet_vote_disagree:contains(Không đồng ý)",
        },
        {
            trigger: "button.o_ecabinet_vote_other:contains(Ý kiến khác)",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_live_voted:contains(Biểu quyết của bạn đã được ghi nhận):contains(Ý kiến khác)",
        },
        {
            content: "No English term left on the tablet",
            trigger: `.o_ecabinet_member_live${[
                "Live",
                "Now",
                "Speak",
                "Ask to speak",
                "Documents",
                "Your vote is recorded",
                "You can change it",
                "Agree",
                "Abstain",
            ]
                .map((term) => `:not(:contains(${term}))`)
                .join("")}`,
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_projector_vi", {
    steps: () => [
        {
            content: "The projector in Vietnamese",
            trigger: ".o_ecabinet_projector_quorum:contains(Có mặt)",
            timeout: CROSS,
        },
        {
            trigger: ".o_ecabinet_projector_position:contains(Nội dung)",
        },
        {
            trigger: ".o_ecabinet_projector_position:contains(Nội dung 1/2)",
        },
        {
            trigger: ".o_ecabinet_projector:not(:contains(Present)):not(:contains(Item 1 of))",
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_chair_not_voted", {
    steps: () => [
        {
            content: "Open the console from the session form",
            trigger: "button.o_ecabinet_open_console",
            run: "click",
        },
        {
            content: "The members present who have not voted yet, by name",
            trigger: ".o_ecabinet_not_voted .o_ecabinet_not_voted_member:contains(Lê Văn Cường)",
        },
        {
            content: "A member who has voted is not listed; no choice is shown",
            trigger: ".o_ecabinet_not_voted:not(:contains(Trần Thị Bình)):not(:contains(Agree))",
        },
        {
            content: "Remind a member on their tablet",
            trigger: ".o_ecabinet_not_voted_member:contains(Lê Văn Cường) .o_ecabinet_nudge",
            run: "click",
        },
        {
            trigger: ".o_notification:contains(Lê Văn Cường is reminded to vote)",
        },
    ],
});

// Speaking limits (tests/test_live_ui.py): the member called by the chair has a
// few seconds; the three screens show the warning, then the end; the chair's
// console beeps at each, gives one more minute, and ends the speech.
const LIMIT_WAIT = 30000; // ms: the limit (12 s) and the other browsers

registry.category("web_tour.tours").add("ecabinet_console_chair_open", {
    steps: () => [
        {
            content: "Open the console from the session form",
            trigger: "button.o_ecabinet_open_console",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_console_chair .o_ecabinet_speakers .o_ecabinet_call_next:enabled",
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_chair_limit_warning", {
    steps: () => [
        {
            content: "Open the console from the session form",
            trigger: "button.o_ecabinet_open_console",
            run: "click",
        },
        {
            content: "A point of order waits before the queue, marked",
            trigger: ".o_ecabinet_queue li:first-child:contains(Lê Văn Cường) .o_ecabinet_speech_kind[data-kind=point_of_order]",
        },
        {
            content: "Give the floor to the member in the queue",
            trigger: ".o_ecabinet_waiting_speaker:contains(Trần Thị Bình) .o_ecabinet_call",
            run: "click",
        },
        {
            content: "The countdown turns amber before the end, with a beep",
            trigger: ".o_ecabinet_speaking.alert-warning[data-beeps='1']:contains(Trần Thị Bình) .o_ecabinet_countdown[data-phase=warning]",
            timeout: LIMIT_WAIT,
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_chair_limit_up", {
    steps: () => [
        {
            content: "The time is up: red, and a second beep",
            trigger: ".o_ecabinet_speaking.alert-danger[data-beeps='2'] .o_ecabinet_countdown[data-phase=up]:contains(Time is up)",
            timeout: LIMIT_WAIT,
        },
    ],
});

registry.category("web_tour.tours").add("ecabinet_console_chair_limit_extend", {
    steps: () => [
        {
            content: "One more minute (shortcut E)",
            trigger: ".o_ecabinet_speaking .o_ecabinet_extend_speaker",
            run: "press e",
        },
        {
            content: "The countdown runs again",
            trigger: ".o_ecabinet_speaking.alert-primary .o_ecabinet_countdown[data-phase=running]",
        },
        {
            content: "The chair ends the speech (shortcut T)",
            trigger: ".o_ecabinet_speaking:contains(Trần Thị Bình)",
            run: "press t",
        },
        {
            trigger: ".o_ecabinet_speakers:contains(Spoken):contains(Trần Thị Bình)",
        },
    ],
});

for (const [screen, speaking] of [
    ["member", ".o_ecabinet_live_my_turn"],
    ["projector", ".o_ecabinet_projector_speaking"],
]) {
    registry.category("web_tour.tours").add(`ecabinet_console_${screen}_limit_warning`, {
        steps: () => [
            {
                content: "The speaker's countdown warns before the end",
                trigger: `${speaking} .o_ecabinet_countdown[data-phase=warning]`,
                timeout: LIMIT_WAIT,
            },
        ],
    });
    registry.category("web_tour.tours").add(`ecabinet_console_${screen}_limit_up`, {
        steps: () => [
            {
                content: "The speaker's time is up",
                trigger: `${speaking} .o_ecabinet_countdown[data-phase=up]:contains(Time is up)`,
                timeout: LIMIT_WAIT,
            },
        ],
    });
}

registry.category("web_tour.tours").add("ecabinet_console_chair_limit_auto_stop", {
    steps: () => [
        {
            content: "Open the console from the session form",
            trigger: "button.o_ecabinet_open_console",
            run: "click",
        },
        {
            content: "Call the next speaker (shortcut S)",
            trigger: ".o_ecabinet_call_next:enabled",
            run: "press s",
        },
        {
            trigger: ".o_ecabinet_speaking:contains(Trần Thị Bình) .o_ecabinet_countdown",
        },
        {
            content: "The committee stops speakers: at the end the speech ends by itself",
            trigger: ".o_ecabinet_speakers:not(:has(.o_ecabinet_speaking)):contains(Spoken):contains(Trần Thị Bình: 0:04)",
            timeout: LIMIT_WAIT,
        },
    ],
});
