/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ecabinet_base_secret_document", {
    url: "/odoo/action-ecabinet_base.ecabinet_document_action",
    steps: () => [
        {
            content: "The documents register is open",
            trigger: ".o_breadcrumb .active:contains(Documents)",
        },
        {
            content: "Register a new document",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour: defence plan for Tết",
        },
        {
            content: "Committee",
            trigger: ".o_field_widget[name=committee_id] input",
            run: "edit Test Provincial",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Test Provincial Committee")',
            run: "click",
        },
        {
            content: "Classify it Top secret",
            trigger: ".o_field_widget[name=confidentiality] select",
            run: 'select "top_secret"',
        },
        {
            content: "The state-secret warning shows and the file field is gone",
            trigger: ".alert-danger:contains(state secret)",
        },
        {
            trigger: ".o_form_view:not(:has(.o_field_widget[name=datas]))",
        },
        {
            content: "Name the holder",
            trigger: ".o_field_widget[name=secret_holder_id] input",
            run: "edit Department of Finance",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Department of Finance")',
            run: "click",
        },
        ...stepUtils.saveForm(),
    ],
});
