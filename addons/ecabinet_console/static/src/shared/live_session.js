/** @odoo-module **/

import { onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";

export const LIVE_MESSAGE = "ecabinet.live/changed";

/** "2026-01-01 08:00:00" (UTC, as the server sends it) -> milliseconds. */
export function parseUtc(value) {
    return value ? Date.parse(value.replace(" ", "T") + "Z") : 0;
}

/** 754 -> "12:34"; 3754 -> "1:02:34". */
export function formatSeconds(total) {
    total = Math.max(0, Math.floor(total));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = String(total % 60).padStart(2, "0");
    return hours
        ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
        : `${minutes}:${seconds}`;
}

/** The requests the chair takes before the queue, marked on every screen. */
export function kindLabel(kind) {
    return { point_of_order: _t("Point of order"), reply: _t("Reply") }[kind] || "";
}

/**
 * Follow a session live: load its state, subscribe to its bus channel and load
 * it again on each message about it (one per change, sent by the server), show
 * a lost connection and load the state again when it comes back. No polling:
 * the one-second tick only moves the timers on screen.
 *
 * @param {Object} params
 * @param {string} params.channel what the server authorises (ecabinet_live_<id>
 *      or ecabinet_projector_<token>)
 * @param {() => number} params.meetingId
 * @param {() => Promise<Object>} params.load returns the screen's state
 * @param {() => void} [params.onTick] called on each tick of the timers
 */
export function useLiveSession({ channel, meetingId, load, onTick }) {
    const bus = useService("bus_service");
    const live = useState({
        data: null,
        offline: false,
        // The bus has opened its websocket at least once: before that, losing the
        // network cannot be noticed (there is nothing to lose yet).
        connected: false,
        now: Date.now(),
        offset: 0,
        loads: 0,
    });
    let loading = null;
    let again = false;

    async function reload() {
        if (loading) {
            again = true;
            return loading;
        }
        loading = (async () => {
            try {
                const data = await load();
                live.offset = data.server_time ? parseUtc(data.server_time) - Date.now() : 0;
                live.data = data;
                live.loads++;
            } finally {
                loading = null;
            }
            if (again) {
                again = false;
                await reload();
            }
        })();
        return loading;
    }

    const onMessage = (payload) => {
        if (payload && payload.meeting_id === meetingId()) {
            reload();
        }
    };
    const onLost = () => {
        live.offline = true;
    };
    const onBack = () => {
        live.connected = true;
        // The bus's shared worker forgets every page's channels when a page of
        // another kind joins it (bus/static/src/workers/websocket_worker.js,
        // _initializeConnection: a frontend page sends no database name, a
        // Discuss page - the call framed on the tablet - sends one): subscribe
        // again on each (re)connection; a channel already followed is a no-op.
        bus.addChannel(channel);
        if (live.offline) {
            live.offline = false;
            reload();
        }
    };
    let tick = null;

    onWillStart(reload);
    onMounted(() => {
        bus.subscribe(LIVE_MESSAGE, onMessage);
        bus.addEventListener("disconnect", onLost);
        bus.addEventListener("reconnecting", onLost);
        bus.addEventListener("connect", onBack);
        bus.addEventListener("reconnect", onBack);
        bus.addChannel(channel);
        // a quarter of a second: a countdown shows its warning and its end on time
        tick = setInterval(() => {
            live.now = Date.now();
            if (onTick) {
                onTick();
            }
        }, 250);
    });
    onWillUnmount(() => {
        clearInterval(tick);
        bus.unsubscribe(LIVE_MESSAGE, onMessage);
        bus.removeEventListener("disconnect", onLost);
        bus.removeEventListener("reconnecting", onLost);
        bus.removeEventListener("connect", onBack);
        bus.removeEventListener("reconnect", onBack);
        bus.deleteChannel(channel);
    });

    /** Seconds elapsed since a UTC datetime of the server, on the server's clock. */
    live.elapsed = (since, until) =>
        since ? ((until ? parseUtc(until) : live.now + live.offset) - parseUtc(since)) / 1000 : 0;
    /**
     * A speaker's countdown, on the server's clock (the server sends the start
     * and the limit, the screen counts down): ``null`` without a limit, else
     * ``{remaining, text, phase}``, phase "running", "warning" (the committee's
     * seconds before the end) or "up".
     */
    live.countdown = (speech) => {
        if (!speech || !speech.limit_seconds || !speech.started_at || !live.data) {
            return null;
        }
        const remaining = speech.limit_seconds - live.elapsed(speech.started_at, speech.ended_at);
        const warning = live.data.meeting.speaking_warning || 0;
        const phase = remaining <= 0 ? "up" : remaining <= warning ? "warning" : "running";
        return { remaining, phase, text: formatSeconds(Math.ceil(Math.max(0, remaining))) };
    };
    live.kindLabel = kindLabel;
    live.reload = reload;
    return live;
}
