/** @odoo-module **/

import { Component, onMounted, onWillUnmount, useEffect, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { useService } from "@web/core/utils/hooks";
import { closeReaderPanel } from "@ecabinet_meeting/reader/reader_panel";
import { formatSeconds, useLiveSession } from "../shared/live_session";

/** A member's tablet: the current item, its documents, asking to speak, voting. */
export class MemberLive extends Component {
    static template = "ecabinet_console.MemberLive";
    static props = { meetingId: Number };

    setup() {
        this.live = useLiveSession({
            channel: `ecabinet_live_${this.props.meetingId}`,
            meetingId: () => this.props.meetingId,
            load: () => rpc(`/ecabinet/live/${this.props.meetingId}/state`, { screen: "member" }),
        });
        this.ui = useState({ error: "", topic: "", reason: "", busy: false, nudged: false });
        this.formatSeconds = formatSeconds;
        // A reminder to vote from the chair or the secretariat, on this member's
        // own channel (the partner's): shown until the member votes.
        const bus = useService("bus_service");
        const onNudge = (payload) => {
            if (payload.meeting_id === this.props.meetingId) {
                this.ui.nudged = true;
                closeReaderPanel();
            }
        };
        // A vote opening while the member reads: the reader's panel closes on
        // the vote, the page under it is as it was.
        let voteId = null;
        useEffect(
            (openVoteId) => {
                if (openVoteId && openVoteId !== voteId) {
                    closeReaderPanel();
                }
                voteId = openVoteId;
            },
            () => [this.data?.open_vote?.id]
        );
        onMounted(() => bus.subscribe("ecabinet.live/nudge", onNudge));
        onWillUnmount(() => bus.unsubscribe("ecabinet.live/nudge", onNudge));
        this.buttonClass = { agree: "btn-success", disagree: "btn-danger", other: "btn-secondary" };
    }

    get data() {
        return this.live.data;
    }

    /** The choices of a vote, [[choice, label]], worded by the server as on
     * every other screen (ecabinet_opinion's selection). */
    get choices() {
        return this.data.choices;
    }

    /** 12 -> "12 p." (pages of a document). */
    pages(count) {
        return _t("%(count)s p.", { count });
    }

    choiceLabel(choice) {
        return (this.choices.find((c) => c[0] === choice) || [null, ""])[1];
    }

    async post(route, params) {
        this.ui.busy = true;
        this.ui.error = "";
        try {
            const result = await rpc(`/my/ecabinet/sessions/${this.props.meetingId}/live/${route}`, params);
            if (result.error) {
                this.ui.error = result.error;
            }
        } finally {
            this.ui.busy = false;
        }
        await this.live.reload();
    }

    askToSpeak(kind = "speech") {
        return this.post("speak", { topic: this.ui.topic, kind }).then(() => {
            this.ui.topic = "";
        });
    }

    cancelSpeech() {
        return this.post("cancel_speech", { speech_id: this.data.my_speech.id });
    }

    recuse() {
        return this.post("recuse", { reason: this.ui.reason }).then(() => {
            if (!this.ui.error) {
                this.ui.reason = "";
            }
        });
    }

    vote(choice) {
        this.ui.nudged = false;
        return this.post("vote", { ballot_id: this.data.open_vote.id, choice });
    }
}

registry.category("public_components").add("ecabinet_console.member_live", MemberLive);
