/** @odoo-module **/

import { Component, useExternalListener, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { useService } from "@web/core/utils/hooks";
import { formatSeconds, useLiveSession } from "../shared/live_session";

/**
 * A short beep through Web Audio (no sound file): higher and longer when the
 * time is up. The browser lets a page play sound after the user's first click
 * or key, which a console always has.
 */
let audio = null;
function beep(up) {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) {
        return;
    }
    audio = audio || new AudioContext();
    if (audio.state === "suspended") {
        audio.resume();
    }
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = up ? 880 : 660;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + (up ? 0.8 : 0.25));
}

function htmlToText(html) {
    const div = document.createElement("div");
    div.innerHTML = html || "";
    return (div.innerText || div.textContent || "").trim();
}

/**
 * The console of a session: "chair" mode runs the session (items, speakers,
 * votes, conclusion); "secretariat" mode adds check-in at the door and the notes
 * for the minutes. Every action is an ORM call to the models' action methods;
 * the screen re-reads its state when the bus says the session changed.
 */
export class SessionConsole extends Component {
    static template = "ecabinet_console.SessionConsole";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        const params = this.props.action.params || {};
        const context = this.props.action.context || {};
        this.meetingId = params.meeting_id || context.active_id;
        this.mode = params.mode || context.mode || "chair";
        this.live = useLiveSession({
            channel: `ecabinet_live_${this.meetingId}`,
            meetingId: () => this.meetingId,
            load: () =>
                rpc(`/ecabinet/live/${this.meetingId}/state`, { screen: "console" }),
            onTick: () => this.onTick(),
        });
        // What the console did about each speech's countdown: {id: phase} beeped,
        // {id: when} the end was last asked of the server.
        this.signalled = {};
        this.timeUpAsked = {};
        this.ui = useState({
            search: "",
            conclusion: null,
            notes: null,
            itemId: null,
            substituteFor: null,
            substituteName: "",
            pickedItemId: null,
            beeps: 0,
        });
        this.formatSeconds = formatSeconds;
        this.shortcuts = [
            ["N", _t("Next item")],
            ["S", _t("Call the next speaker")],
            ["T", _t("Stop the speaker's time")],
            ["K", _t("Skip the next speaker")],
            ["E", _t("Give the speaker one more minute")],
        ];
        if (this.mode === "chair") {
            this.shortcuts.push(["V", _t("Open or close the vote")], ["P", _t("Publish the result")]);
        }
        useExternalListener(window, "keydown", this.onKeydown);
    }

    get data() {
        return this.live.data;
    }

    get meeting() {
        return this.data.meeting;
    }

    get currentItem() {
        return this.data.items.find((item) => item.id === this.meeting.current_item_id);
    }

    get waiting() {
        return this.data.speeches.filter((speech) => speech.state === "requested");
    }

    get speaking() {
        return this.data.speeches.find((speech) => speech.state === "speaking");
    }

    get spoken() {
        return this.data.speeches.filter((speech) => ["done", "skipped"].includes(speech.state));
    }

    get vote() {
        return this.data.vote;
    }

    get isChair() {
        return this.mode === "chair";
    }

    get attendees() {
        const search = this.ui.search.trim().toLowerCase();
        return this.data.attendees.filter(
            (attendee) => !search || attendee.name.toLowerCase().includes(search)
        );
    }

    /** The item whose conclusion and notes are edited: the one picked in the
     * agenda (in progress or done), else the current one. */
    get noteItem() {
        const picked = this.data.items.find(
            (item) => item.id === this.ui.pickedItemId && item.state !== "planned"
        );
        return picked || this.currentItem;
    }

    pickItem(item) {
        if (item.state !== "planned") {
            this.ui.pickedItemId = item.id;
        }
    }

    get conclusion() {
        const item = this.noteItem;
        if (!item) {
            return "";
        }
        if (this.ui.itemId !== item.id) {
            this.ui.itemId = item.id;
            this.ui.conclusion = htmlToText(item.conclusion);
            this.ui.notes = item.minute_notes;
        }
        return this.ui.conclusion;
    }

    itemTimer(item) {
        const elapsed = this.live.elapsed(item.actual_start, item.actual_end);
        return formatSeconds(elapsed);
    }

    itemOverrun(item) {
        return this.live.elapsed(item.actual_start, item.actual_end) > item.planned_duration * 60;
    }

    speechTimer(speech) {
        return formatSeconds(this.live.elapsed(speech.started_at, speech.ended_at));
    }

    /** Beep at the warning and at the end of the speaker's time; when the time
     * is up and the committee stops speakers, ask the server to end the speech
     * (the server checks on its own clock). */
    onTick() {
        const speech = this.data && this.speaking;
        const countdown = speech && this.live.countdown(speech);
        if (!countdown || countdown.phase === "running") {
            return;
        }
        const before = this.signalled[speech.id];
        if (before !== countdown.phase && !(before === "up" && countdown.phase === "warning")) {
            this.signalled[speech.id] = countdown.phase;
            this.ui.beeps++;
            beep(countdown.phase === "up");
        }
        // The screen's clock is the server's to the second: asked too early, the
        // server ends nothing, and the console asks again a second later.
        const now = Date.now();
        if (
            countdown.phase === "up" &&
            this.meeting.speaking_auto_stop &&
            now - (this.timeUpAsked[speech.id] || 0) >= 1000
        ) {
            this.timeUpAsked[speech.id] = now;
            this.run("ecabinet.meeting", "ecabinet_speech_time_up", [this.meetingId]);
        }
    }

    /** The speaker's box: amber in the warning, red when the time is up. */
    get speakingAlert() {
        const countdown = this.live.countdown(this.speaking);
        const phase = countdown && countdown.phase;
        return { warning: "warning", up: "danger" }[phase] || "primary";
    }

    extendSpeaker() {
        if (this.speaking) {
            // a new end: the warning and the end sound again
            delete this.signalled[this.speaking.id];
            return this.run("ecabinet.meeting.speech", "action_extend", [this.speaking.id], [60]);
        }
    }

    async run(model, method, ids, args = []) {
        try {
            await this.orm.call(model, method, [ids, ...args]);
        } catch (error) {
            if (error.data && error.data.message) {
                this.notification.add(error.data.message, { type: "danger" });
                return false;
            }
            throw error;
        }
        await this.live.reload();
        return true;
    }

    nextItem() {
        return this.run("ecabinet.meeting", "ecabinet_next_item", [this.meetingId]);
    }

    startItem(item) {
        return this.run("ecabinet.meeting.agenda.item", "action_start", [item.id]);
    }

    callNext() {
        return this.run("ecabinet.meeting", "ecabinet_call_next_speaker", [this.meetingId]);
    }

    call(speech) {
        return this.run("ecabinet.meeting.speech", "action_call", [speech.id]);
    }

    skip(speech) {
        return this.run("ecabinet.meeting.speech", "action_skip", [speech.id]);
    }

    stopSpeaker() {
        if (this.speaking) {
            return this.run("ecabinet.meeting.speech", "action_done", [this.speaking.id]);
        }
    }

    openVote(secret = false) {
        if (this.currentItem) {
            return this.run("ecabinet.meeting.agenda.item", "action_open_vote", [
                this.currentItem.id,
            ], [secret]);
        }
    }

    closeVote() {
        return this.run("ecabinet.ballot", "action_close", [this.vote.id]);
    }

    get nudgeTitle() {
        return _t("Remind on their tablet");
    }

    /** Remind a member present who has not voted yet, on their own tablet. */
    async nudge(voter) {
        if (await this.run("ecabinet.ballot.voter", "action_nudge", [voter.voter_id])) {
            this.notification.add(_t("%(name)s is reminded to vote.", { name: voter.name }), {
                type: "info",
            });
        }
    }

    publishResult() {
        return this.run("ecabinet.ballot", "action_publish_result", [this.vote.id]);
    }

    toggleVote() {
        if (this.vote && this.vote.state === "sent") {
            return this.closeVote();
        }
        return this.openVote(false);
    }

    checkIn(attendee, attendance) {
        return this.run("ecabinet.meeting.attendee", "action_check_in", [attendee.id], [
            attendance,
        ]);
    }

    async checkInSubstitute(attendee) {
        const done = await this.run(
            "ecabinet.meeting.attendee",
            "action_check_in_substitute",
            [attendee.id],
            [this.ui.substituteName]
        );
        if (done) {
            this.ui.substituteFor = null;
            this.ui.substituteName = "";
        }
    }

    async saveConclusion() {
        const vals = { conclusion: this.ui.conclusion };
        if (!this.isChair) {
            vals.minute_notes = this.ui.notes;
        }
        if (await this.run("ecabinet.meeting.agenda.item", "write", [this.noteItem.id], [vals])) {
            this.notification.add(_t("Saved."), { type: "success" });
        }
    }

    onKeydown(ev) {
        const target = ev.target;
        if (
            !this.data ||
            ev.ctrlKey ||
            ev.metaKey ||
            ev.altKey ||
            ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
            target.isContentEditable
        ) {
            return;
        }
        const actions = {
            n: () => this.isChair && this.nextItem(),
            s: () => this.callNext(),
            t: () => this.stopSpeaker(),
            e: () => this.extendSpeaker(),
            k: () => this.waiting.length && this.skip(this.waiting[0]),
            v: () => this.isChair && this.toggleVote(),
            p: () =>
                this.isChair &&
                this.vote &&
                ["closed", "decided"].includes(this.vote.state) &&
                !this.vote.published &&
                this.publishResult(),
        };
        const action = actions[ev.key.toLowerCase()];
        if (action) {
            ev.preventDefault();
            action();
        }
    }
}

registry.category("actions").add("ecabinet_console.console", SessionConsole);
