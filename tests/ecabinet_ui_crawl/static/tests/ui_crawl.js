/** @odoo-module ignore */
/* e-Cabinet UI crawl: helpers evaluated in the page by tests/test_crawl.py.
 *
 * A plain script (no module): the test injects it with CDP Runtime.evaluate in
 * every page it opens (backend web client, portal and public pages alike), then
 * calls window.ecabinetUiCrawl.* and reads the returned JSON. It changes nothing
 * in the page except for the clicks asked by the test.
 */
(function () {
    "use strict";
    if (window.ecabinetUiCrawl) {
        return;
    }
    const state = {
        terms: new Set(),
        patterns: [],
        pending: 0,
        lastActivity: Date.now(),
        rpcErrors: [],
        hooked: false,
    };

    function touch() {
        state.lastActivity = Date.now();
    }

    function hook() {
        if (state.hooked) {
            return;
        }
        const loader = window.odoo && window.odoo.loader;
        const rpcModule = loader && loader.modules.get("@web/core/network/rpc");
        if (!rpcModule || !rpcModule.rpcBus) {
            return;
        }
        state.hooked = true;
        rpcModule.rpcBus.addEventListener("RPC:REQUEST", () => {
            state.pending++;
            touch();
        });
        rpcModule.rpcBus.addEventListener("RPC:RESPONSE", (ev) => {
            state.pending = Math.max(0, state.pending - 1);
            touch();
            const { data, error } = ev.detail || {};
            if (error) {
                const params = (data && data.params) || {};
                const what = params.model ? `${params.model}.${params.method}` : "";
                const name = (error.data && error.data.name) || error.name || "";
                state.rpcErrors.push(`JSON-RPC ${what} ${name}: ${error.message || ""}`.trim());
            }
        });
        new MutationObserver(touch).observe(document.documentElement, {
            subtree: true,
            childList: true,
            attributes: false,
            characterData: true,
        });
    }

    function sleep(ms) {
        return new Promise((resolve) => setTimeout(resolve, ms));
    }

    /** Wait until no RPC is pending and the DOM has been quiet for `quiet` ms. */
    async function settle(quiet = 200, max = 15000) {
        hook();
        const start = Date.now();
        while (Date.now() - start < max) {
            await sleep(50);
            await new Promise((resolve) => requestAnimationFrame(resolve));
            if (
                state.pending <= 0 &&
                Date.now() - state.lastActivity >= quiet &&
                document.readyState === "complete"
            ) {
                return true;
            }
        }
        return false;
    }

    function visible(el) {
        if (!el || !el.isConnected) {
            return false;
        }
        if (el.checkVisibility) {
            return el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
        }
        return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    }

    function norm(text) {
        return (text || "").replace(/\s+/g, " ").trim();
    }

    function isEnglish(text) {
        if (!text || text.length < 2) {
            return false;
        }
        if (state.terms.has(text)) {
            return true;
        }
        for (const re of state.patterns) {
            if (re.test(text)) {
                return true;
            }
        }
        return false;
    }

    /** Trimmed visible texts: text nodes, leaf elements' innerText,
     * placeholders, titles and tooltips of buttons and links. */
    function visibleTexts() {
        const texts = new Set();
        // .o_ecabinet_offline: the live pages' "connection lost" badge, always
        // shown in Odoo's test mode, where the bus websocket is refused (503).
        const skip =
            "script, style, template, noscript, textarea, .o_ecabinet_crawl_ignore, .o_ecabinet_offline";
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = norm(node.nodeValue);
            const el = node.parentElement;
            if (!text || !el || el.closest(skip) || !visible(el)) {
                continue;
            }
            texts.add(text);
        }
        for (const el of document.body.querySelectorAll("*")) {
            if (el.closest(skip) || el.children.length || !visible(el)) {
                continue;
            }
            const text = norm(el.innerText);
            if (text) {
                texts.add(text);
            }
        }
        for (const el of document.body.querySelectorAll(
            "[placeholder], button[title], a[title], .btn[title], [data-tooltip], button[aria-label]"
        )) {
            if (!visible(el)) {
                continue;
            }
            for (const attr of ["placeholder", "title", "data-tooltip", "aria-label"]) {
                const text = norm(el.getAttribute(attr));
                if (text) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    const TRUNCATION_SELECTORS = [
        ".o_list_renderer thead th",
        ".o_list_view thead th",
        ".badge",
        ".o_field_badge",
        ".o_kanban_record .o_kanban_record_title",
        ".o_kanban_record strong",
        ".o_kanban_record .fw-bold",
        ".o_kanban_record .fw-bolder",
        "[class*='o_ecabinet'] :is(h1, h2, h3, h4, h5, h6, [class*='title'])",
        ".o_portal_wrap :is(h1, h2, h3, h4, h5, .card-title)",
        "table thead th",
    ].join(", ");

    /** The element's text is cut: wider than its box, and the overflow hidden
     * (clipped or with an ellipsis), not just spilling out. */
    function hidesOverflow(el) {
        if (!el.clientWidth || el.scrollWidth <= el.clientWidth + 1 || !visible(el)) {
            return false;
        }
        const style = getComputedStyle(el);
        return style.overflowX !== "visible" || style.textOverflow === "ellipsis";
    }

    function truncations() {
        const found = [];
        const seen = new Set();
        const viewport = document.documentElement.clientWidth;
        for (const el of document.querySelectorAll(TRUNCATION_SELECTORS)) {
            if (!visible(el)) {
                continue;
            }
            const text = norm(el.innerText);
            if (!text || seen.has(el)) {
                continue;
            }
            seen.add(el);
            const candidates = [el, ...el.querySelectorAll("*")];
            let cut = candidates.some(hidesOverflow);
            let kind = "truncated";
            if (!cut && el.tagName === "TH" && !el.closest(".o_pivot")) {
                const rect = el.getBoundingClientRect();
                if (rect.width && rect.left >= viewport - 1) {
                    cut = true;
                    kind = "off-screen";
                }
            }
            if (cut) {
                found.push(`${kind}: ${text.slice(0, 120)}`);
            }
        }
        return [...new Set(found)];
    }

    function errorDialogs() {
        const out = [];
        for (const el of document.querySelectorAll(".o_error_dialog, .o_dialog_error")) {
            if (visible(el)) {
                out.push(`Error dialog: ${norm(el.innerText).slice(0, 400)}`);
            }
        }
        return out;
    }

    function env() {
        const root = window.odoo && window.odoo.__WOWL_DEBUG__ && window.odoo.__WOWL_DEBUG__.root;
        return root && root.env;
    }

    function closeDialogs() {
        const e = env();
        if (e && e.services.dialog && e.services.dialog.closeAll) {
            e.services.dialog.closeAll();
        }
    }

    const ALLOWED_OBJECT_BUTTONS = new Set([
        "action_open_console",
        "action_open_secretariat_console",
        "action_open_source",
        "action_print",
    ]);

    /** Header and stat buttons of the current form that open a view or a
     * report without changing data (the allow-list of the crawl). */
    function safeButtons() {
        const out = [];
        const seen = new Set();
        for (const btn of document.querySelectorAll(
            ".o_form_view .o_form_statusbar button[name], .o_form_view .oe_button_box button[name], .o_form_view .o-form-buttonbox button[name]"
        )) {
            const name = btn.getAttribute("name");
            const type = btn.getAttribute("type");
            if (!visible(btn) || btn.disabled || seen.has(name)) {
                continue;
            }
            const ok =
                btn.classList.contains("oe_stat_button") ||
                type === "action" ||
                (type === "object" &&
                    (ALLOWED_OBJECT_BUTTONS.has(name) || name.startsWith("action_view_")));
            if (ok) {
                seen.add(name);
                out.push({ name, type, label: norm(btn.innerText) || name });
            }
        }
        return out;
    }

    window.ecabinetUiCrawl = {
        setTerms(terms, patterns) {
            state.terms = new Set(terms);
            state.patterns = patterns.map((p) => new RegExp(p));
            hook();
            return true;
        },
        settle,
        /** Findings of the page as it is now. */
        async collect() {
            await settle();
            const texts = visibleTexts();
            const cut = truncations();
            // The other pages of a form's notebook: each one is shown in turn.
            const tabs = [
                ...document.querySelectorAll(".o_form_view .o_notebook_headers .nav-link"),
            ].filter(visible);
            const active = tabs.find((tab) => tab.classList.contains("active"));
            for (const tab of tabs) {
                if (tab === active || !tab.isConnected) {
                    continue;
                }
                tab.click();
                await settle(100);
                const page = norm(tab.innerText);
                visibleTexts().forEach((text) => texts.add(text));
                truncations().forEach((text) => cut.push(`${text} (tab ${page})`));
            }
            if (active && active.isConnected && tabs.length > 1) {
                active.click();
                await settle(100);
            }
            const english = [...texts].filter(isEnglish).sort();
            const errors = errorDialogs();
            const rpcErrors = state.rpcErrors.splice(0);
            return {
                url: window.location.pathname + window.location.search,
                title: norm(document.title),
                english,
                errors,
                rpcErrors,
                truncations: [...new Set(cut)],
                buttons: document.querySelector(".o_form_view") ? safeButtons() : [],
            };
        },
        async openAction(spec) {
            const e = env();
            if (!e) {
                throw new Error("no web client in this page");
            }
            closeDialogs();
            await settle(100);
            if (spec.menuId && e.services.menu) {
                e.services.menu.setCurrentMenu(spec.menuId);
            }
            const options = { clearBreadcrumbs: true, viewType: spec.viewType };
            if (spec.resId) {
                options.props = { resId: spec.resId };
            }
            await e.services.action.doAction(spec.actionId, options);
            return settle();
        },
        async clickButton(name) {
            const btn = [...document.querySelectorAll(`.o_form_view button[name="${name}"]`)].find(
                visible
            );
            if (!btn) {
                return false;
            }
            btn.click();
            await sleep(150);
            return settle(300);
        },
    };
})();
