/** @odoo-module **/

import { onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { rpc } from "@web/core/network/rpc";
import { useService } from "@web/core/utils/hooks";
import { LIVE_MESSAGE } from "@ecabinet_console/shared/live_session";

// The changes after which the remote part of a screen reads its state again.
const CALL_CHANGES = ["remote", "attendance", "session"];

/**
 * The remote-participation state of a session for a screen ("member" or
 * "console"), read again when the session's bus message (the screen already
 * follows the session's channel) says the requests, the attendance or the
 * session changed.
 */
export function useCallState(meetingId, screen) {
    const bus = useService("bus_service");
    const call = useState({ data: null });
    const load = async () => {
        call.data = await rpc(`/ecabinet/live/${meetingId}/call`, { screen });
    };
    const onMessage = (payload) => {
        if (
            payload &&
            payload.meeting_id === meetingId &&
            (payload.changes || []).some((change) => CALL_CHANGES.includes(change))
        ) {
            load();
        }
    };
    onWillStart(load);
    onMounted(() => bus.subscribe(LIVE_MESSAGE, onMessage));
    onWillUnmount(() => bus.unsubscribe(LIVE_MESSAGE, onMessage));
    call.reload = load;
    return call;
}
