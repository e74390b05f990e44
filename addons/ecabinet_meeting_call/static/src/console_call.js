/** @odoo-module **/

import { Component } from "@odoo/owl";
import { SessionConsole } from "@ecabinet_console/console/session_console";
import { useCallState } from "./remote_call";

/** On the console: the requests to attend online (admit, refuse), the people
 * online (end their attendance) and the session's call. */
export class ConsoleCall extends Component {
    static template = "ecabinet_meeting_call.ConsoleCall";
    static props = { meetingId: Number, run: Function };

    setup() {
        this.call = useCallState(this.props.meetingId, "console");
    }

    get data() {
        return this.call.data;
    }

    async act(request, method) {
        await this.props.run("ecabinet.meeting.remote.request", method, [request.id]);
        await this.call.reload();
    }
}

SessionConsole.components = { ...(SessionConsole.components || {}), ConsoleCall };
