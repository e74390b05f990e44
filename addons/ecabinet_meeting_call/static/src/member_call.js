/** @odoo-module **/

import { Component, useState } from "@odoo/owl";
import { rpc } from "@web/core/network/rpc";
import { MemberLive } from "@ecabinet_console/public/member_live";
import { useCallState } from "./remote_call";

/** On the member's tablet: ask to attend online, the call once admitted, the
 * session's chat and the private line to the secretariat. */
export class MemberCall extends Component {
    static template = "ecabinet_meeting_call.MemberCall";
    static props = { meetingId: Number };

    setup() {
        this.call = useCallState(this.props.meetingId, "member");
        this.ui = useState({ reason: "", error: "", busy: false, showCall: true });
    }

    get data() {
        return this.call.data;
    }

    async post(route, params = {}) {
        this.ui.busy = true;
        this.ui.error = "";
        try {
            const result = await rpc(
                `/my/ecabinet/sessions/${this.props.meetingId}/live/${route}`,
                params
            );
            if (result.error) {
                this.ui.error = result.error;
            }
            return result;
        } finally {
            this.ui.busy = false;
            await this.call.reload();
        }
    }

    async askOnline() {
        const result = await this.post("remote", { reason: this.ui.reason });
        if (!result.error) {
            this.ui.reason = "";
        }
    }

    leave() {
        return this.post("remote/leave");
    }

    async writeSecretariat() {
        const result = await this.post("secretariat");
        if (result.url && !window.open(result.url, "_blank")) {
            // a blocked pop-up: open the line in this tab
            window.location.assign(result.url);
        }
    }
}

MemberLive.components = { ...(MemberLive.components || {}), MemberCall };
