/** @odoo-module **/

import { Component, onMounted, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

export const ANNOTATION_MESSAGE = "ecabinet.annotation/changed";
export const SYNC_URL = "/my/ecabinet/annotations/sync";
const VIEWER = "/web/static/lib/pdfjs/web/viewer.html";
const SVG = "http://www.w3.org/2000/svg";
// The viewer's own file, download, print, bookmark and editor buttons: the bytes
// leave only through the toolbar's links, the marks are the reader's.
const HIDDEN_BUTTONS = `#openFile, #secondaryOpenFile, #print, #secondaryPrint, #download,
#secondaryDownload, #viewBookmark, #secondaryViewBookmark, #editorModeButtons,
#editorModeSeparator { display: none !important; }
.o_ecabinet_marks { position: absolute; inset: 0; z-index: 5; pointer-events: none; }
.o_ecabinet_marks.o_drawing { pointer-events: auto; touch-action: none; cursor: crosshair; }
.o_ecabinet_marks svg { width: 100%; height: 100%; overflow: visible; }
.o_ecabinet_pin { position: absolute; width: 24px; height: 24px; margin: -30px 0 0 -12px;
  border-radius: 50% 50% 50% 0; transform: rotate(-45deg); background: #0d6efd;
  border: 2px solid #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.45);
  pointer-events: auto; cursor: pointer; }
.o_ecabinet_pin.o_shared { background: #6f42c1; }`;

let uidCounter = 0;

/** A client identifier for a new annotation (the server dedups on it). */
export function newClientUid() {
    const random = window.crypto?.randomUUID
        ? window.crypto.randomUUID()
        : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    return `r-${random}-${++uidCounter}`.slice(0, 64);
}

/** A value rounded to 4 decimals, kept between 0 and 1. */
function fraction(value) {
    return Math.round(Math.min(1, Math.max(0, value)) * 10000) / 10000;
}

/**
 * The in-app reader: Odoo's pdf.js viewer (thumbnails, zoom, search, go to page)
 * in a frame, the pack's documents one after another, and the person's marks
 * drawn over its pages: highlights, drawings, pinned notes. Marks are sent
 * through the sync route and come back from every device through the bus.
 */
export class EcabinetReader extends Component {
    static template = "ecabinet_meeting.Reader";
    static props = {
        meetingId: Number,
        documentId: Number,
        backUrl: String,
        documents: Array,
        lang: { type: String, optional: true },
        // in the panel of the session page or the tablet page: the panel closes it
        embedded: { type: Boolean, optional: true },
    };

    setup() {
        this.bus = useService("bus_service");
        this.frame = useRef("frame");
        this.state = useState({
            documentId: this.props.documentId,
            tool: "read",
            share: "private",
            annotations: [],
            showList: false,
            pending: null, // a note being written: {page, x, y}
            noteText: "",
            error: "",
            loaded: 0,
        });
        this.shares = [
            ["private", _t("Only me")],
            ["secretariat", _t("The secretariat")],
            ["committee", _t("The whole committee")],
        ];
        this.kindLabels = { highlight: _t("Highlight"), ink: _t("Drawing"), note: _t("Note") };
        this.onMessage = (payload) => {
            if (payload && payload.document_id === this.state.documentId) {
                this.refresh();
            }
        };
        // The viewer speaks the user's language (pdf.js has Vietnamese), not the
        // browser's: it asks its parent for options before it starts.
        this.onViewerLoaded = (ev) => {
            const options = ev.detail?.source?.PDFViewerApplicationOptions;
            if (options && this.props.lang) {
                options.set("locale", this.props.lang);
            }
        };
        onMounted(() => {
            document.addEventListener("webviewerloaded", this.onViewerLoaded);
            this.bus.subscribe(ANNOTATION_MESSAGE, this.onMessage);
            this.bus.start();
            this.openDocument(this.state.documentId);
        });
        onWillUnmount(() => {
            document.removeEventListener("webviewerloaded", this.onViewerLoaded);
            this.bus.unsubscribe(ANNOTATION_MESSAGE, this.onMessage);
        });
    }

    // Documents ----------------------------------------------------------------------

    get document() {
        return this.props.documents.find((d) => d.id === this.state.documentId);
    }

    get index() {
        return this.props.documents.findIndex((d) => d.id === this.state.documentId);
    }

    fileUrl(params = "") {
        return `/my/ecabinet/documents/${this.state.documentId}/file${params}`;
    }

    get viewerUrl() {
        return `${VIEWER}?file=${encodeURIComponent(this.fileUrl())}`;
    }

    openDocument(documentId) {
        this.state.documentId = documentId;
        this.state.annotations = [];
        this.state.pending = null;
        this.state.tool = "read";
        const url = `/my/ecabinet/sessions/${this.props.meetingId}/read/${documentId}`;
        if (window.location.pathname !== url) {
            window.history.replaceState({}, "", url + window.location.search);
        }
        // no entry in the browser's history: its back button leaves the reader
        this.frame.el.contentWindow.location.replace(this.viewerUrl);
    }

    onSelectDocument(ev) {
        this.openDocument(parseInt(ev.target.value));
    }

    step(delta) {
        const next = this.props.documents[this.index + delta];
        if (next) {
            this.openDocument(next.id);
        }
    }

    /** The frame loaded the viewer: hide its own file buttons, follow its pages. */
    async onFrameLoad() {
        const win = this.frame.el.contentWindow;
        const doc = this.frame.el.contentDocument;
        if (!win || !doc || !win.PDFViewerApplication) {
            return;
        }
        const style = doc.createElement("style");
        style.textContent = HIDDEN_BUTTONS;
        doc.head.appendChild(style);
        const app = win.PDFViewerApplication;
        await app.initializedPromise;
        this.app = app;
        app.eventBus.on("pagerendered", ({ pageNumber, source }) =>
            this.drawPage(pageNumber, source.div)
        );
        app.eventBus.on("documentloaded", () => {
            this.state.loaded++;
            this.frame.el.dataset.loaded = String(this.state.documentId);
        });
        await this.sync([]);
    }

    // Annotations --------------------------------------------------------------------

    /** Read the marks again (a bus message): one request at a time, the last
     * message answered by one more read. */
    async refresh() {
        if (this.refreshing) {
            this.again = true;
            return;
        }
        this.refreshing = true;
        try {
            do {
                this.again = false;
                await this.sync([]);
            } while (this.again);
        } finally {
            this.refreshing = false;
        }
    }

    async sync(ops) {
        const documentId = this.state.documentId;
        try {
            const annotations = await rpc(SYNC_URL, { ops, document_ids: [documentId] });
            this.state.error = "";
            if (documentId === this.state.documentId) {
                this.state.annotations = annotations;
                this.drawAll();
            }
        } catch (error) {
            this.state.error = error.data?.message || error.message || _t("Not saved.");
            this.drawAll();
        }
    }

    create(page, kind, data, text = "") {
        return this.sync([
            {
                op: "create",
                client_uid: newClientUid(),
                document_id: this.state.documentId,
                version: this.document.version,
                page,
                kind,
                data,
                text,
                share: this.state.share,
            },
        ]);
    }

    remove(annotation) {
        return this.sync([{ op: "unlink", client_uid: annotation.client_uid }]);
    }

    setShare(annotation, share) {
        return this.sync([{ op: "write", client_uid: annotation.client_uid, share }]);
    }

    get placed() {
        return this.state.annotations.filter((a) => a.placed);
    }

    /** Marks made on an earlier version whose page is gone from this one. */
    get unplaced() {
        return this.state.annotations.filter((a) => !a.placed);
    }

    fromVersion(annotation) {
        return _t("from version %(version)s", { version: annotation.version });
    }

    pageLabel(annotation) {
        return _t("p. %(page)s", { page: annotation.page });
    }

    goTo(annotation) {
        if (this.app && annotation.placed) {
            this.app.page = annotation.page;
        }
    }

    toggleList() {
        this.state.showList = !this.state.showList;
    }

    setTool(tool) {
        this.state.tool = this.state.tool === tool ? "read" : tool;
        this.state.pending = null;
        this.drawAll();
    }

    // Drawing on the pages -----------------------------------------------------------

    drawAll() {
        const doc = this.frame.el?.contentDocument;
        if (!doc) {
            return;
        }
        for (const div of doc.querySelectorAll(".page[data-page-number]")) {
            if (div.querySelector(".canvasWrapper")) {
                this.drawPage(parseInt(div.dataset.pageNumber), div);
            }
        }
    }

    drawPage(pageNumber, div) {
        const doc = div.ownerDocument;
        let layer = div.querySelector(":scope > .o_ecabinet_marks");
        if (!layer) {
            layer = doc.createElement("div");
            layer.className = "o_ecabinet_marks";
            div.appendChild(layer);
            this.listen(layer, pageNumber);
        }
        layer.classList.toggle("o_drawing", this.state.tool !== "read");
        layer.replaceChildren();
        const svg = doc.createElementNS(SVG, "svg");
        svg.setAttribute("viewBox", "0 0 1 1");
        svg.setAttribute("preserveAspectRatio", "none");
        layer.appendChild(svg);
        for (const annotation of this.placed.filter((a) => a.page === pageNumber)) {
            this.drawMark(layer, svg, annotation);
        }
        layer._svg = svg;
    }

    drawMark(layer, svg, annotation) {
        const doc = layer.ownerDocument;
        const data = annotation.data;
        const mark = `o_ecabinet_mark o_ecabinet_mark_${annotation.kind}`;
        if (annotation.kind === "highlight") {
            for (const [x, y, w, h] of data.rects || []) {
                const rect = doc.createElementNS(SVG, "rect");
                Object.entries({ x, y, width: w, height: h, fill: data.color }).forEach(([k, v]) =>
                    rect.setAttribute(k, v)
                );
                rect.setAttribute("fill-opacity", "0.35");
                rect.setAttribute("class", mark);
                svg.appendChild(rect);
            }
        } else if (annotation.kind === "ink") {
            for (const stroke of data.strokes || []) {
                const line = doc.createElementNS(SVG, "polyline");
                line.setAttribute("points", stroke.map((p) => p.join(",")).join(" "));
                line.setAttribute("fill", "none");
                line.setAttribute("stroke", data.color);
                line.setAttribute("stroke-width", data.width);
                line.setAttribute("vector-effect", "non-scaling-stroke");
                line.setAttribute("stroke-linecap", "round");
                line.setAttribute("stroke-linejoin", "round");
                line.setAttribute("class", mark);
                svg.appendChild(line);
            }
        } else if (annotation.kind === "note") {
            const pin = doc.createElement("span");
            pin.className = `${mark} o_ecabinet_pin${annotation.mine ? "" : " o_shared"}`;
            pin.style.left = `${data.x * 100}%`;
            pin.style.top = `${data.y * 100}%`;
            pin.title = annotation.mine
                ? annotation.text
                : `${annotation.author}: ${annotation.text}`;
            pin.addEventListener("click", () => {
                this.state.showList = true;
            });
            layer.appendChild(pin);
        }
    }

    /** Finger, pen or mouse on a page: a highlight band, a stroke or a note's point. */
    listen(layer, pageNumber) {
        let points = null;
        let shape = null;
        const at = (ev) => {
            const box = layer.getBoundingClientRect();
            return [
                fraction((ev.clientX - box.left) / box.width),
                fraction((ev.clientY - box.top) / box.height),
            ];
        };
        layer.addEventListener("pointerdown", (ev) => {
            const tool = this.state.tool;
            if (tool === "read" || !layer._svg) {
                return;
            }
            ev.preventDefault();
            const point = at(ev);
            if (tool === "note") {
                this.state.pending = { page: pageNumber, x: point[0], y: point[1] };
                this.state.noteText = "";
                return;
            }
            try {
                layer.setPointerCapture(ev.pointerId);
            } catch {
                // a pointer the browser does not track (synthetic): no capture
            }
            points = [point];
            const doc = layer.ownerDocument;
            shape = doc.createElementNS(SVG, tool === "ink" ? "polyline" : "rect");
            shape.setAttribute("class", "o_ecabinet_drawing");
            if (tool === "ink") {
                shape.setAttribute("fill", "none");
                shape.setAttribute("stroke", "#d62728");
                shape.setAttribute("stroke-width", "2");
                shape.setAttribute("vector-effect", "non-scaling-stroke");
            } else {
                shape.setAttribute("fill", "#ffd400");
                shape.setAttribute("fill-opacity", "0.35");
            }
            layer._svg.appendChild(shape);
        });
        layer.addEventListener("pointermove", (ev) => {
            if (!points) {
                return;
            }
            ev.preventDefault();
            const point = at(ev);
            if (this.state.tool === "ink") {
                points.push(point);
                shape.setAttribute("points", points.map((p) => p.join(",")).join(" "));
            } else {
                points[1] = point;
                const [x, y, w, h] = this.band(points);
                Object.entries({ x, y, width: w, height: h }).forEach(([k, v]) =>
                    shape.setAttribute(k, v)
                );
            }
        });
        const end = (ev) => {
            if (!points) {
                return;
            }
            const done = points;
            points = null;
            if (this.state.tool === "ink") {
                const stroke = done.length > 1 ? done : [done[0], done[0]];
                this.create(pageNumber, "ink", { strokes: [stroke], color: "#d62728", width: 2 });
            } else if (done.length > 1) {
                const band = this.band(done);
                if (band[2] > 0.005 && band[3] > 0.002) {
                    this.create(pageNumber, "highlight", { rects: [band], color: "#ffd400" });
                    return;
                }
                shape.remove();
            } else {
                shape.remove();
            }
        };
        layer.addEventListener("pointerup", end);
        layer.addEventListener("pointercancel", end);
    }

    /** The rectangle between the first and last points, [x, y, w, h]. */
    band(points) {
        const [a, b] = [points[0], points[points.length - 1]];
        return [
            Math.min(a[0], b[0]),
            Math.min(a[1], b[1]),
            fraction(Math.abs(a[0] - b[0])),
            fraction(Math.abs(a[1] - b[1])),
        ];
    }

    async saveNote() {
        const pending = this.state.pending;
        if (!pending) {
            return;
        }
        await this.create(pending.page, "note", { x: pending.x, y: pending.y }, this.state.noteText);
        if (!this.state.error) {
            this.state.pending = null;
            this.state.noteText = "";
        }
    }

    cancelNote() {
        this.state.pending = null;
        this.state.error = "";
    }
}

registry.category("public_components").add("ecabinet_meeting.reader", EcabinetReader);
