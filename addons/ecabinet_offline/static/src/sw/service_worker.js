// @odoo-module ignore
/* global ECABINET_OFFLINE */
/* eslint-disable no-restricted-globals */
/**
 * e-Cabinet offline pack: the service worker of the member's pages (/my/ecabinet/).
 *
 * Served by /my/ecabinet/offline/service-worker.js, which prepends the
 * configuration ECABINET_OFFLINE (scope, routes, queued paths, version).
 *
 * - At each contact (a page of the scope asks for it, or the network returns) it
 *   sends the device's random id to the contact route and receives the AES-GCM key,
 *   the time the pack stays readable without a new contact, and the documents it
 *   may keep. It fetches the new ones through their access-checked route, encrypts
 *   them with the key (Web Crypto, a random IV each) and keeps them in IndexedDB,
 *   with the list of sessions (encrypted too). What is no longer listed is erased.
 * - When the server says the key was withdrawn, the user is signed out or refused,
 *   it erases the key, the documents, the list and its caches.
 * - Without network, a document's route is answered from IndexedDB (decrypted)
 *   while the pack is readable; a page of the scope is answered by the offline
 *   page kept in the cache. After the time limit the key is forgotten: nothing
 *   can be decrypted until the next contact gives it again.
 * - The POSTs to the queued paths (the annotations' sync route) are kept in
 *   IndexedDB, in order, when the network is down, and sent again in that order
 *   when it returns; one is removed only once the server answered it. Each
 *   opening of a document served from the pack joins that queue, as a report to
 *   the openings' route with an id of its own (counted once by the server).
 */

const CONFIG = ECABINET_OFFLINE;
const DB_NAME = "ecabinet_offline";
const DB_VERSION = 1;
const CACHE_PREFIX = "ecabinet-offline-";
const CACHE_NAME = `${CACHE_PREFIX}${CONFIG.version}`;
// Static files the offline page needs (bundles, translations, logo).
const STATIC_PATHS = [
    "/web/assets/",
    "/web/static/",
    "/ecabinet_offline/static/",
    "/web/webclient/translations/",
    "/website/translations/",
    "/logo.png",
    "/web/image/",
];
const CLOCK_TOLERANCE = 5 * 60 * 1000; // a clock set back by more: locked

// IndexedDB ------------------------------------------------------------------------

let dbPromise = null;

function openDb() {
    if (!dbPromise) {
        dbPromise = new Promise((resolve, reject) => {
            const open = indexedDB.open(DB_NAME, DB_VERSION);
            open.onupgradeneeded = () => {
                const db = open.result;
                db.createObjectStore("meta");
                db.createObjectStore("docs", { keyPath: "id" });
                db.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
            };
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => {
                dbPromise = null;
                reject(open.error);
            };
        });
    }
    return dbPromise;
}

async function tx(storeName, mode, action) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
        const transaction = db.transaction(storeName, mode);
        const store = transaction.objectStore(storeName);
        let result;
        const request = action(store);
        if (request) {
            request.onsuccess = () => {
                result = request.result;
            };
        }
        transaction.oncomplete = () => resolve(result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
    });
}

const getMeta = (key) => tx("meta", "readonly", (s) => s.get(key));
const setMeta = (key, value) => tx("meta", "readwrite", (s) => s.put(value, key));
const delMeta = (key) => tx("meta", "readwrite", (s) => s.delete(key));

// Crypto ---------------------------------------------------------------------------

function fromBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
        bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
}

async function encrypt(key, data) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const cipher = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, data);
    return { iv, cipher };
}

function decrypt(key, record) {
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, key, record.cipher);
}

/** The key while the pack is readable; null (and the key forgotten) after the
 * committee's limit without contact, or if the clock was set back. */
async function readableKey() {
    const state = await getMeta("key");
    if (!state) {
        return null;
    }
    const now = Date.now();
    if (now > state.deadline || now + CLOCK_TOLERANCE < state.lastSeen) {
        await delMeta("key");
        return null;
    }
    if (now > state.lastSeen) {
        state.lastSeen = now;
        await setMeta("key", state);
    }
    return state.key;
}

// The device -----------------------------------------------------------------------

async function deviceUid() {
    let uid = await getMeta("device");
    if (!uid) {
        uid = crypto.randomUUID();
        await setMeta("device", uid);
    }
    return uid;
}

/** Erase the pack: key, documents, list, device id and caches; the queue of
 * annotations too unless ``keepQueue`` (a signed-out member's notes are sent
 * once they sign in again on this device). */
async function erase({ keepQueue = false } = {}) {
    const hadPack = Boolean((await getMeta("key")) || (await getMeta("packs")));
    await tx("docs", "readwrite", (s) => s.clear());
    await tx("meta", "readwrite", (s) => {
        for (const key of ["key", "packs", "device", "contact"]) {
            s.delete(key);
        }
        if (!keepQueue) {
            s.delete("uid");
        }
    });
    if (!keepQueue) {
        await tx("queue", "readwrite", (s) => s.clear());
    }
    for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX)) {
            await caches.delete(name);
        }
    }
    return hadPack;
}

// Contact --------------------------------------------------------------------------

let contactPromise = null;

function contact() {
    if (!contactPromise) {
        contactPromise = doContact().finally(() => {
            contactPromise = null;
        });
    }
    return contactPromise;
}

async function jsonRpc(url, params) {
    const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: Date.now(), params }),
    });
    if (!response.ok) {
        // the server is there but unwell: as if offline, keep the pack
        throw new TypeError(`HTTP ${response.status}`);
    }
    return response.json();
}

async function doContact(retry = true) {
    let payload;
    try {
        payload = await jsonRpc(CONFIG.contactUrl, { device_uid: await deviceUid() });
    } catch {
        return { state: (await readableKey()) ? "offline" : await lockedState() };
    }
    if (payload.error) {
        const name = (payload.error.data && payload.error.data.name) || "";
        if (name.includes("SessionExpired")) {
            const erased = await erase({ keepQueue: true });
            return { state: erased ? "signed_out" : "none" };
        }
        await erase();
        return {
            state: "refused",
            message: (payload.error.data && payload.error.data.message) || "",
        };
    }
    const result = payload.result;
    if (result.wipe) {
        const erased = await erase();
        // signed in (the server answered): a fresh key for a fresh device id
        const next = retry ? await doContact(false) : { state: "none" };
        return { ...next, erased };
    }
    const previousUser = await getMeta("uid");
    if (previousUser && previousUser !== result.user_id) {
        await erase();
    }
    const key = await crypto.subtle.importKey(
        "raw",
        fromBase64(result.key),
        "AES-GCM",
        false,
        ["encrypt", "decrypt"]
    );
    const now = Date.now();
    await setMeta("key", { key, deadline: now + result.expires_in * 1000, lastSeen: now });
    await setMeta("uid", result.user_id);
    await setMeta("contact", { time: now, lang: result.lang });
    await flushQueue();
    const counts = await storePacks(key, result.packs);
    await cacheOfflinePage(result.lang);
    return { state: "online", ...counts };
}

async function lockedState() {
    return (await getMeta("packs")) ? "locked" : "none";
}

async function storePacks(key, packs) {
    const wanted = new Map();
    for (const pack of packs) {
        for (const doc of pack.documents) {
            wanted.set(doc.id, { ...doc, meetingId: pack.id });
        }
    }
    const kept = (await tx("docs", "readonly", (s) => s.getAllKeys())) || [];
    for (const id of kept) {
        if (!wanted.has(id)) {
            await tx("docs", "readwrite", (s) => s.delete(id));
        }
    }
    let stored = 0;
    for (const doc of wanted.values()) {
        const record = await tx("docs", "readonly", (s) => s.get(doc.id));
        if (record && record.version === doc.version) {
            stored++;
            continue;
        }
        let response;
        try {
            response = await fetch(doc.pack_url, {
                credentials: "same-origin",
                cache: "no-store",
            });
        } catch {
            break; // the network went: the rest at the next contact
        }
        if (!response.ok) {
            continue;
        }
        const data = await response.arrayBuffer();
        const { iv, cipher } = await encrypt(key, data);
        await tx("docs", "readwrite", (s) =>
            s.put({
                id: doc.id,
                version: doc.version,
                meetingId: doc.meetingId,
                type: response.headers.get("Content-Type") || "application/pdf",
                iv,
                cipher,
            })
        );
        stored++;
    }
    const list = new TextEncoder().encode(JSON.stringify(packs));
    await setMeta("packs", await encrypt(key, list));
    return { sessions: packs.length, documents: stored };
}

/** Keep the offline page and the files it loads, for the next time the
 * network is down. */
async function cacheOfflinePage(lang) {
    const cache = await caches.open(CACHE_NAME);
    let response;
    try {
        // followed to the language's URL (/vi/my/ecabinet/offline) if any
        response = await fetch(CONFIG.offlinePage, { credentials: "same-origin" });
    } catch {
        return;
    }
    if (!response.ok || !new URL(response.url).pathname.endsWith(CONFIG.offlinePage)) {
        return; // e.g. the sign-in page
    }
    const html = await response.text();
    // a fresh response: a followed redirect cannot answer a navigation
    await cache.put(
        CONFIG.offlinePage,
        new Response(html, {
            status: 200,
            headers: { "Content-Type": response.headers.get("Content-Type") || "text/html" },
        })
    );
    const urls = new Set();
    for (const match of html.matchAll(/(?:src|href)="(\/web\/assets\/[^"]+)"/g)) {
        urls.add(match[1].replace(/&amp;/g, "&"));
    }
    // the frontend's translations (session info: their route and hash)
    const route = html.match(/"translationURL":\s*"([^"]+)"/);
    const hash = html.match(/"translations":\s*"([^"]+)"/);
    urls.add(
        `${route ? route[1] : "/web/webclient/translations"}/${hash ? hash[1] : "0"}` +
            `?lang=${encodeURIComponent(lang || "")}`
    );
    for (const url of urls) {
        try {
            const asset = await fetch(url, { credentials: "same-origin" });
            if (asset.ok) {
                await cache.put(cacheKey(new URL(url, self.location.origin)), asset);
            }
        } catch {
            return;
        }
    }
}

// Offline answers ------------------------------------------------------------------

/** Translations are asked with a hash that changes: the last ones are kept. */
const TRANSLATIONS = /^\/(web\/webclient|website)\/translations\//;

function cacheKey(url) {
    if (TRANSLATIONS.test(url.pathname)) {
        return "/ecabinet-offline/translations";
    }
    return url.pathname + url.search;
}

async function offlineDocument(id) {
    const key = await readableKey();
    if (!key) {
        return null;
    }
    const record = await tx("docs", "readonly", (s) => s.get(id));
    if (!record) {
        return null;
    }
    const data = await decrypt(key, record);
    await queueOfflineOpen(id);
    return new Response(data, {
        headers: { "Content-Type": record.type, "X-Ecabinet-Offline": "1" },
    });
}

/** Keep an opening served from the pack, to report at the next contact, after
 * what was queued before it (an id of its own: counted once). */
async function queueOfflineOpen(id) {
    const uid = (await getMeta("uid")) || null;
    const body = JSON.stringify({
        jsonrpc: "2.0",
        method: "call",
        id: Date.now(),
        params: {
            opens: [
                {
                    client_uid: crypto.randomUUID(),
                    document_id: id,
                    date: new Date().toISOString(),
                },
            ],
        },
    });
    const url = new URL(CONFIG.opensUrl, self.location.origin).href;
    await tx("queue", "readwrite", (s) => s.add({ url, body, uid, time: Date.now() }));
}

async function serveDocument(request, id) {
    try {
        return await fetch(request);
    } catch (error) {
        const response = await offlineDocument(id);
        if (response) {
            return response;
        }
        throw error;
    }
}

async function serveNavigation(event) {
    const request = event.request;
    try {
        const response = await fetch(request);
        if (response.type === "opaqueredirect" || response.redirected) {
            // e.g. to the sign-in page: the contact tells whether to erase
            event.waitUntil(contact());
        }
        return response;
    } catch (error) {
        const cached = await caches.match(CONFIG.offlinePage, { cacheName: CACHE_NAME });
        if (cached) {
            return cached;
        }
        throw error;
    }
}

async function serveStatic(request, url) {
    const cache = await caches.open(CACHE_NAME);
    try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic") {
            await cache.put(cacheKey(url), response.clone());
        }
        return response;
    } catch (error) {
        const cached = await cache.match(cacheKey(url));
        if (cached) {
            return cached;
        }
        throw error;
    }
}

/** The pack for the offline page: its sessions and documents, decrypted. */
async function listPack() {
    const packs = await getMeta("packs");
    const contactInfo = await getMeta("contact");
    if (!packs) {
        return { state: "none" };
    }
    const key = await readableKey();
    if (!key) {
        return { state: "locked" };
    }
    const list = JSON.parse(new TextDecoder().decode(await decrypt(key, packs)));
    const kept = new Set((await tx("docs", "readonly", (s) => s.getAllKeys())) || []);
    for (const pack of list) {
        for (const doc of pack.documents) {
            doc.kept = kept.has(doc.id);
        }
    }
    const state = await getMeta("key");
    return {
        state: "ready",
        packs: list,
        contact: contactInfo && contactInfo.time,
        deadline: state && state.deadline,
    };
}

// The queue of POSTs ---------------------------------------------------------------

let flushPromise = null;
const answers = new Map(); // seq: the server's answer, for the page that waits

function flushQueue() {
    if (!flushPromise) {
        flushPromise = doFlush().finally(() => {
            flushPromise = null;
        });
    }
    return flushPromise;
}

async function doFlush() {
    const uid = await getMeta("uid");
    let sent = 0;
    for (;;) {
        const [entry] = (await tx("queue", "readonly", (s) => s.getAll(null, 1))) || [];
        if (!entry) {
            break;
        }
        if (!uid) {
            break; // sent once someone signs in here again
        }
        if (entry.uid && entry.uid !== uid) {
            // another person's: never sent as the one signed in now
            await tx("queue", "readwrite", (s) => s.delete(entry.seq));
            continue;
        }
        let response;
        try {
            response = await fetch(entry.url, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json" },
                body: entry.body,
            });
        } catch {
            break; // still offline: later, in the same order
        }
        if (response.status >= 500 || response.status === 429) {
            break;
        }
        const text = await response.text();
        let payload = null;
        try {
            payload = JSON.parse(text);
        } catch {
            payload = null;
        }
        const error = payload && payload.error;
        if (error && ((error.data && error.data.name) || "").includes("SessionExpired")) {
            break; // sent once the member signs in again
        }
        await tx("queue", "readwrite", (s) => s.delete(entry.seq));
        answers.set(entry.seq, text);
        sent++;
        await notifyClients({ type: "ecabinet-offline-replayed", seq: entry.seq, error: !!error });
    }
    return sent;
}

async function queuedPost(request) {
    const body = await request.clone().text();
    const pending = await tx("queue", "readonly", (s) => s.count());
    if (!pending) {
        try {
            return await fetch(request);
        } catch {
            // offline: kept below
        }
    }
    // kept with the person signed in when it was made
    const uid = (await getMeta("uid")) || null;
    const seq = await tx("queue", "readwrite", (s) =>
        s.add({ url: request.url, body, uid, time: Date.now() })
    );
    await flushQueue();
    if (answers.has(seq)) {
        const text = answers.get(seq);
        answers.delete(seq);
        return new Response(text, { headers: { "Content-Type": "application/json" } });
    }
    let id = null;
    try {
        id = JSON.parse(body).id;
    } catch {
        id = null;
    }
    return new Response(
        JSON.stringify({ jsonrpc: "2.0", id, result: { queued: true, seq } }),
        { headers: { "Content-Type": "application/json", "X-Ecabinet-Queued": "1" } }
    );
}

async function notifyClients(message) {
    for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
        client.postMessage(message);
    }
}

// Events ---------------------------------------------------------------------------

self.addEventListener("install", (event) => {
    event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        (async () => {
            for (const name of await caches.keys()) {
                if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) {
                    await caches.delete(name);
                }
            }
            await self.clients.claim();
        })()
    );
});

self.addEventListener("fetch", (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }
    if (request.method === "POST" && CONFIG.queuedPaths.includes(url.pathname)) {
        event.respondWith(queuedPost(request));
        return;
    }
    if (request.method !== "GET") {
        return;
    }
    const documentMatch = url.pathname.match(new RegExp(CONFIG.documentPattern));
    if (documentMatch) {
        event.respondWith(serveDocument(request, Number(documentMatch[1])));
    } else if (request.mode === "navigate" && request.url.startsWith(self.registration.scope)) {
        event.respondWith(serveNavigation(event));
    } else if (STATIC_PATHS.some((path) => url.pathname.startsWith(path))) {
        event.respondWith(serveStatic(request, url));
    }
});

self.addEventListener("message", (event) => {
    const port = event.ports && event.ports[0];
    const reply = (value) => port && port.postMessage(value);
    const type = event.data && event.data.type;
    let work;
    if (type === "contact") {
        work = contact();
    } else if (type === "list") {
        work = listPack();
    } else if (type === "flush") {
        work = flushQueue().then((sent) => ({ sent }));
    } else if (type === "queue") {
        work = tx("queue", "readonly", (s) => s.count()).then((count) => ({ count }));
    } else {
        return;
    }
    event.waitUntil(
        work.then(reply, (error) => reply({ state: "error", message: String(error) }))
    );
});
