/** @odoo-module **/
/**
 * The member's pages (/my/ecabinet/) register the offline pack's service worker,
 * ask it to contact the server (which renews the key and the pack, or erases
 * them) and show where the pack stands; the offline page lists the sessions and
 * documents kept on the device. The worker does the work: see
 * ../sw/service_worker.js.
 */

import { _t, translationIsReady } from "@web/core/l10n/translation";

/** Ask the worker something; its answer, or null after ``timeout`` ms. */
function ask(worker, message, timeout = 120000) {
    return new Promise((resolve) => {
        const channel = new MessageChannel();
        const timer = setTimeout(() => resolve(null), timeout);
        channel.port1.onmessage = (event) => {
            clearTimeout(timer);
            resolve(event.data);
        };
        worker.postMessage(message, [channel.port2]);
    });
}

function statusText(result) {
    switch (result && result.state) {
        case "online":
            return _t(
                "Kept on this device for reading without network: %(sessions)s sessions, %(documents)s documents.",
                { sessions: result.sessions, documents: result.documents }
            );
        case "offline":
            return _t("No network: the pack kept on this device is shown.");
        case "locked":
            return _t(
                "This device has been without network for too long: connect it to read the pack again."
            );
        case "signed_out":
            return _t("Signed out: the pack kept on this device was erased.");
        case "refused":
            return result.message || _t("The pack was erased from this device.");
        case "none":
            return result.erased
                ? _t("The pack was erased from this device.")
                : _t("No pack is kept on this device yet: open this page once with the network.");
        default:
            return _t("The pack could not be kept on this device.");
    }
}

function showStatus(result) {
    let box = document.querySelector(".o_ecabinet_offline_status");
    if (!box) {
        box = document.createElement("div");
        box.className = "o_ecabinet_offline_status alert small py-1 px-2 mb-2 d-print-none";
        box.setAttribute("role", "status");
        const main = document.querySelector("#wrap .container") || document.querySelector("#wrap");
        if (!main) {
            return;
        }
        main.prepend(box);
    }
    const state = (result && result.state) || "error";
    box.classList.remove("alert-info", "alert-warning", "alert-secondary");
    box.classList.add(
        state === "online" ? "alert-info" : state === "offline" ? "alert-secondary" : "alert-warning"
    );
    box.dataset.state = state;
    box.textContent = String(statusText(result));
    if (!document.querySelector(".o_ecabinet_offline_reader") && state !== "refused") {
        const link = document.createElement("a");
        link.href = "/my/ecabinet/offline";
        link.className = "ms-2";
        link.textContent = String(_t("Read offline"));
        box.append(link);
    }
    document.body.dataset.ecabinetOffline = state;
}

function formatDate(value, timeZone) {
    if (!value) {
        return "";
    }
    // the server's UTC "YYYY-MM-DD HH:MM:SS", shown in the committee's time zone
    const date = new Date(value.replace(" ", "T") + "Z");
    const options = { dateStyle: "medium", timeStyle: "short" };
    try {
        return date.toLocaleString(document.documentElement.lang || undefined, {
            ...options,
            timeZone,
        });
    } catch {
        return date.toLocaleString(document.documentElement.lang || undefined, options);
    }
}

function renderReader(root, listing) {
    root.replaceChildren();
    if (!listing || listing.state !== "ready") {
        const empty = document.createElement("p");
        empty.className = "text-muted o_ecabinet_offline_empty";
        empty.textContent = String(
            listing && listing.state === "locked"
                ? _t(
                      "This device has been without network for too long: connect it to read the pack again."
                  )
                : _t("No pack is kept on this device.")
        );
        root.append(empty);
        root.dataset.state = (listing && listing.state) || "none";
        return;
    }
    if (!listing.packs.length) {
        const empty = document.createElement("p");
        empty.className = "text-muted o_ecabinet_offline_empty";
        empty.textContent = String(_t("No session of yours has a pack to keep."));
        root.append(empty);
    }
    for (const pack of listing.packs) {
        const card = document.createElement("section");
        card.className = "card mb-3 o_ecabinet_offline_pack";
        card.dataset.meetingId = pack.id;
        const header = document.createElement("div");
        header.className = "card-header";
        const title = document.createElement("strong");
        title.textContent = pack.name;
        const when = document.createElement("span");
        when.className = "text-muted ms-2";
        when.textContent = formatDate(pack.date_start, pack.tz);
        header.append(title, when);
        const list = document.createElement("ul");
        list.className = "list-group list-group-flush";
        for (const doc of pack.documents) {
            const item = document.createElement("li");
            item.className =
                "list-group-item d-flex justify-content-between align-items-center o_ecabinet_offline_document";
            item.dataset.documentId = doc.id;
            const name = document.createElement("span");
            name.textContent = doc.name;
            item.append(name);
            if (doc.kept) {
                const open = document.createElement("a");
                open.className = "btn btn-primary";
                open.href = doc.url;
                open.target = "_blank";
                open.textContent = String(_t("Open"));
                item.append(open);
            } else {
                const missing = document.createElement("span");
                missing.className = "badge text-bg-light";
                missing.textContent = String(_t("Not kept yet"));
                item.append(missing);
            }
            list.append(item);
        }
        card.append(header, list);
        root.append(card);
    }
    if (listing.deadline) {
        const until = document.createElement("p");
        until.className = "small text-muted";
        until.textContent = String(
            _t("Readable without network until %(date)s.", {
                date: new Date(listing.deadline).toLocaleString(
                    document.documentElement.lang || undefined,
                    { dateStyle: "medium", timeStyle: "short" }
                ),
            })
        );
        root.append(until);
    }
    root.dataset.state = "ready";
}

export async function startOfflinePack() {
    const marker = document.getElementById("ecabinet_offline_manifest");
    if (!marker || !("serviceWorker" in navigator) || !window.isSecureContext) {
        return null;
    }
    await translationIsReady;
    // the member's pages, under the language's prefix if the URL has one (/vi/my/ecabinet/)
    const at = location.pathname.indexOf(marker.dataset.scope);
    const scope = (at > 0 ? location.pathname.slice(0, at) : "") + marker.dataset.scope;
    if (at > 0) {
        marker.href = `${marker.getAttribute("href")}?scope=${encodeURIComponent(scope)}`;
    }
    // the links of the pages are without the prefix (then redirected): both scopes
    for (const each of new Set([marker.dataset.scope, scope])) {
        await navigator.serviceWorker.register(marker.dataset.worker, { scope: each });
    }
    const worker = (await navigator.serviceWorker.ready).active;
    const reader = document.querySelector(".o_ecabinet_offline_reader");
    const refresh = async () => {
        const result = await ask(worker, { type: "contact" });
        showStatus(result);
        if (reader) {
            renderReader(reader, await ask(worker, { type: "list" }));
        }
        return result;
    };
    window.addEventListener("online", refresh);
    return refresh();
}

// Pages call it once loaded; tests wait for it.
window.ecabinetOfflinePack = new Promise((resolve) => {
    const start = () => startOfflinePack().then(resolve, (error) => {
        document.body.dataset.ecabinetOffline = "error";
        resolve({ state: "error", message: String(error) });
    });
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
});
