/** @odoo-module **/

import { _t } from "@web/core/l10n/translation";

// A link to the reader on the session page or the tablet page: a plain link
// without JavaScript, the reader in a panel over the page with it.
const LINK = "a.o_ecabinet_reader_link";
const STATE_KEY = "ecabinetReader";

let panel = null;

/** Remove the panel (the page under it never left). */
function removePanel() {
    if (panel) {
        panel.remove();
        panel = null;
        document.body.classList.remove("o_ecabinet_reader_panel_open");
    }
}

/**
 * Close the reader's panel: through the browser's history when the panel put
 * an entry there (its back button closes it too), at once otherwise.
 */
export function closeReaderPanel() {
    if (!panel) {
        return;
    }
    if (window.history.state?.[STATE_KEY]) {
        window.history.back(); // the popstate removes the panel
    } else {
        removePanel();
    }
}

/**
 * Open the reader at ``url`` in a panel over the whole page: the same route
 * (and so the same checks) in its embedded mode, in a frame.
 */
export function openReaderPanel(url) {
    removePanel();
    panel = document.createElement("div");
    panel.className = "o_ecabinet_reader_panel d-flex flex-column";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    panel.setAttribute("aria-label", _t("Reader"));
    const bar = document.createElement("div");
    bar.className = "o_ecabinet_reader_panel_bar d-flex align-items-center px-2";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn btn-primary o_ecabinet_reader_panel_close";
    close.innerHTML = '<i class="fa fa-times me-1"></i>';
    close.append(_t("Close"));
    close.addEventListener("click", closeReaderPanel);
    bar.append(close);
    const frame = document.createElement("iframe");
    frame.className = "flex-grow-1 border-0 w-100 o_ecabinet_reader_panel_frame";
    frame.title = _t("Reader");
    const target = new URL(url, window.location.href);
    target.searchParams.set("embed", "1");
    // set before the frame is in the page: its first load adds no history entry
    frame.src = target.pathname + target.search;
    panel.append(bar, frame);
    document.body.append(panel);
    document.body.classList.add("o_ecabinet_reader_panel_open");
    window.history.pushState({ [STATE_KEY]: url }, "");
    close.focus();
}

document.addEventListener("click", (ev) => {
    const link = ev.target.closest?.(LINK);
    if (
        !link ||
        ev.defaultPrevented ||
        ev.button !== 0 ||
        ev.ctrlKey ||
        ev.metaKey ||
        ev.shiftKey ||
        ev.altKey ||
        window.self !== window.top
    ) {
        return;
    }
    ev.preventDefault();
    openReaderPanel(link.getAttribute("href"));
});

window.addEventListener("popstate", () => {
    if (panel && !window.history.state?.[STATE_KEY]) {
        removePanel();
    }
});

document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && panel) {
        closeReaderPanel();
    }
});
