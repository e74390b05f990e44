/** @odoo-module **/

import { registry } from "@web/core/registry";

const QUESTION = '.o_ecabinet_question:contains("Do you agree with the land price table?")';

registry.category("web_tour.tours").add("ecabinet_opinion_member_answers", {
    url: "/my/ecabinet/ballots",
    steps: () => [
        {
            content: "Open the ballot from My opinion ballots",
            trigger: 'a.o_ecabinet_ballot_link:contains("Opinion on the 2027 land price table")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The question waits for an answer",
            trigger: `${QUESTION} .o_ecabinet_my_answer:contains("No answer yet")`,
        },
        {
            content: "Choose Disagree",
            trigger: `${QUESTION} label:contains("Disagree")`,
            run: "click",
        },
        {
            content: "Explain why",
            trigger: `${QUESTION} textarea[name=comment]`,
            run: "edit Prices in district 3 are too high",
        },
        {
            content: "Send the answer",
            trigger: `${QUESTION} button.o_ecabinet_send_answer`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded",
            trigger: '.o_ecabinet_message:contains("Your answer is recorded")',
        },
        {
            content: "The page shows the answer",
            trigger: `${QUESTION} .o_ecabinet_my_choice:contains("Disagree")`,
        },
        {
            trigger: `${QUESTION} .o_ecabinet_my_comment:contains("Prices in district 3 are too high")`,
        },
        {
            content: "and keeps it in the history",
            trigger: '.o_ecabinet_history_entry:contains("Prices in district 3 are too high")',
        },
    ],
});
