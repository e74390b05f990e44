/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ecabinet_sign_portal_signer_signs", {
    url: "/my/sign",
    steps: () => [
        {
            content: "The document waits for my signature",
            trigger: "tr.o_ecabinet_sign_my_turn a.o_ecabinet_sign_link:contains(Kế hoạch đầu tư công 2027)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The document can be opened",
            trigger: "a.o_ecabinet_sign_pdf",
        },
        {
            content: "Choose my PKCS#12 file",
            trigger: "form.o_ecabinet_sign_form input[name=pkcs12]",
            async run() {
                // The key file the test published; uploaded like a chosen file.
                const blob = await (await fetch("/web/content/ecabinet_sign.tour_pkcs12")).blob();
                const file = new File([blob], "le_van_cuong.p12", {
                    type: "application/x-pkcs12",
                });
                const dataTransfer = new DataTransfer();
                dataTransfer.items.add(file);
                this.anchor.files = dataTransfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Type its password",
            trigger: "form.o_ecabinet_sign_form input[name=password]",
            run: "edit ecabinet-test",
        },
        {
            content: "Sign",
            trigger: "form.o_ecabinet_sign_form button.o_ecabinet_sign_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The signature is on",
            trigger: ".o_ecabinet_message:contains(Your signature is on the document)",
        },
        {
            content: "My line is signed",
            trigger: ".o_ecabinet_signer_state_signed",
        },
    ],
});
