/** @odoo-module **/

import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { formatSeconds, useLiveSession } from "../shared/live_session";

/** The room's screen: no controls, large type, no login (the session's token). */
export class Projector extends Component {
    static template = "ecabinet_console.Projector";
    static props = { token: String };

    setup() {
        this.live = useLiveSession({
            channel: `ecabinet_projector_${this.props.token}`,
            meetingId: () => this.live.data && this.live.data.meeting.id,
            load: () => rpc(`/ecabinet/projector/${this.props.token}/state`),
        });
        this.formatSeconds = formatSeconds;
    }

    get data() {
        return this.live.data;
    }

    /** "Item 2 of 5": one term to translate (a word order of its own). */
    get position() {
        return _t("Item %(position)s of %(count)s", {
            position: this.data.item_position,
            count: this.data.item_count,
        });
    }
}

registry.category("public_components").add("ecabinet_console.projector", Projector);
