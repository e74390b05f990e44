/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ecabinet_meeting_member_answers", {
    url: "/my/ecabinet/sessions",
    steps: () => [
        {
            content: "Open the session from My sessions",
            trigger: 'a.o_ecabinet_session_link:contains("Regular session of February 2027")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The invitation waits for an answer",
            trigger: '.o_ecabinet_my_answer .badge:contains("No Answer Yet")',
        },
        {
            content: "Answer: I will attend",
            trigger: "button.o_ecabinet_attend",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded",
            trigger: '.o_ecabinet_message:contains("Your answer is recorded")',
        },
        {
            trigger: '.o_ecabinet_my_answer .badge:contains("Attends")',
        },
        {
            content: "The pack offers a download too",
            trigger:
                '.o_ecabinet_document:contains("Draft investment plan") a.o_ecabinet_download_document',
        },
        {
            content: "Open the document of the pack in the reader (a panel over the page)",
            trigger:
                '.o_ecabinet_document:contains("Draft investment plan") a.o_ecabinet_open_document',
            run: "click",
        },
        {
            content: "The reader shows its pages",
            trigger:
                ".o_ecabinet_reader_panel_frame:iframe .o_ecabinet_reader_frame:iframe .page[data-page-number='1'] canvas",
            timeout: 20000,
        },
    ],
});
