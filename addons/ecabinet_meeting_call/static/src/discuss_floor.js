/** @odoo-module **/

import { registry } from "@web/core/registry";

// The message the member's tablet posts to the call it frames (member_call.js).
const FLOOR_MESSAGE = "ecabinet_meeting_call/floor";

/**
 * On Odoo's Discuss page of the session's channel framed on the member's tablet:
 * the tablet (the parent page, same origin) says when the member is given the
 * floor and when their speech ends; their microphone in the call is unmuted for
 * the speaker's time and muted at its end, as if they had pressed the call's own
 * button. Nothing happens out of a call or outside the tablet's frame.
 */
export const floorService = {
    dependencies: ["discuss.rtc"],
    start(env, { "discuss.rtc": rtc }) {
        if (window.parent === window) {
            return;
        }
        window.addEventListener("message", (event) => {
            if (
                event.source !== window.parent ||
                event.origin !== window.location.origin ||
                event.data?.type !== FLOOR_MESSAGE ||
                !rtc.selfSession
            ) {
                return;
            }
            if (event.data.floor && rtc.selfSession.isSelfMuted) {
                rtc.unmute();
            } else if (!event.data.floor && !rtc.selfSession.isSelfMuted) {
                rtc.mute();
            }
        });
    },
};

registry.category("services").add("ecabinet_meeting_call.floor", floorService);
