/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ecabinet_tasks_agency_reports_progress", {
    url: "/my/ecabinet/tasks",
    steps: () => [
        {
            content: "Open the task from My tasks",
            trigger: 'a.o_ecabinet_task_link:contains("Ring road investment plan")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The task page is open",
            trigger: '.o_ecabinet_task_name:contains("Ring road investment plan")',
        },
        {
            content: "Enter the progress made",
            trigger: ".o_ecabinet_progress_form input[name=percent]",
            run: "edit 60",
        },
        {
            content: "Describe what was done",
            trigger: ".o_ecabinet_progress_form textarea[name=text]",
            run: "edit Route surveyed, land clearance under way",
        },
        {
            content: "Send the report",
            trigger: "button.o_ecabinet_progress_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The report is recorded",
            trigger: '.o_ecabinet_message:contains("Your progress report is recorded")',
        },
        {
            content: "The report is listed",
            trigger:
                '.o_ecabinet_progress_report:contains("Route surveyed, land clearance under way") .o_ecabinet_progress_percent:contains("60%")',
        },
        {
            content: "The task shows its progress",
            trigger: '.o_ecabinet_task_progress .progress-bar:contains("60%")',
        },
    ],
});
