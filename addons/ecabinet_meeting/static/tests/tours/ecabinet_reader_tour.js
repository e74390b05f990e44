/** @odoo-module **/

import { registry } from "@web/core/registry";

const FRAME = ".o_ecabinet_reader_frame:iframe";
// pdf.js renders on its own schedule: a page may take a few seconds in a test.
const RENDER = 20000;

/**
 * Touch a page of the reader as a finger would: pointer events at fractions of
 * the page's size, from the first point to the last.
 */
function touch(layer, points) {
    const win = layer.ownerDocument.defaultView;
    const box = layer.getBoundingClientRect();
    const fire = (type, [x, y]) =>
        layer.dispatchEvent(
            new win.PointerEvent(type, {
                bubbles: true,
                cancelable: true,
                pointerId: 7,
                pointerType: "touch",
                isPrimary: true,
                clientX: box.left + x * box.width,
                clientY: box.top + y * box.height,
            })
        );
    fire("pointerdown", points[0]);
    for (const point of points.slice(1)) {
        fire("pointermove", point);
    }
    fire("pointerup", points[points.length - 1]);
}

function page(number) {
    return `${FRAME} .page[data-page-number='${number}']`;
}

/** A member prepares a document on a tablet or a phone: pages through it, uses
 * the thumbnails, zoom and search, highlights, draws and pins a note. */
registry.category("web_tour.tours").add("ecabinet_reader_mark", {
    steps: () => [
        {
            content: "The reader opens the document on its first page",
            trigger: `${page(1)} canvas`,
            timeout: RENDER,
        },
        {
            content: "The thumbnails",
            trigger: `${FRAME} #sidebarToggle`,
            run: "click",
        },
        {
            trigger: `${FRAME} #thumbnailView .thumbnail[data-page-number='2']`,
            timeout: RENDER,
        },
        {
            content: "Go to page 2 from its thumbnail",
            trigger: `${FRAME} #thumbnailView .thumbnail[data-page-number='2']`,
            run: "click",
        },
        {
            trigger: `${FRAME} #sidebarToggle`,
            run: "click",
        },
        {
            content: "Zoom in",
            trigger: `${FRAME} #zoomIn`,
            run: "click",
        },
        {
            content: "Search the text",
            trigger: `${FRAME} #viewFind`,
            run: "click",
        },
        {
            trigger: `${FRAME} #findInput`,
            run: "edit Page 2",
        },
        {
            trigger: `${FRAME} #findInput`,
            run: "press Enter",
        },
        {
            content: "The search finds the words on page 2",
            trigger: `${page(2)} .textLayer .highlight`,
            timeout: RENDER,
        },
        {
            content: "Zoom out",
            trigger: `${FRAME} #zoomOut`,
            run: "click",
        },
        {
            content: "Back to page 1",
            trigger: `${FRAME} #pageNumber`,
            run: "edit 1",
        },
        {
            trigger: `${FRAME} #pageNumber`,
            run: "press Enter",
        },
        {
            trigger: `${page(1)} .o_ecabinet_marks`,
            timeout: RENDER,
        },
        {
            content: "Highlight a passage",
            trigger: ".o_ecabinet_tool_highlight",
            run: "click",
        },
        {
            trigger: `${page(1)} .o_ecabinet_marks.o_drawing`,
            run() {
                touch(this.anchor, [
                    [0.1, 0.1],
                    [0.5, 0.13],
                ]);
            },
        },
        {
            content: "The highlight is saved and shown",
            trigger: `${page(1)} rect.o_ecabinet_mark_highlight`,
        },
        {
            content: "Draw with a finger",
            trigger: ".o_ecabinet_tool_ink",
            run: "click",
        },
        {
            trigger: `${page(1)} .o_ecabinet_marks.o_drawing`,
            run() {
                touch(this.anchor, [
                    [0.2, 0.3],
                    [0.3, 0.35],
                    [0.4, 0.3],
                    [0.5, 0.35],
                ]);
            },
        },
        {
            content: "The drawing is saved and shown",
            trigger: `${page(1)} polyline.o_ecabinet_mark_ink`,
        },
        {
            content: "Pin a note",
            trigger: ".o_ecabinet_tool_note",
            run: "click",
        },
        {
            trigger: `${page(1)} .o_ecabinet_marks.o_drawing`,
            run() {
                touch(this.anchor, [[0.7, 0.2]]);
            },
        },
        {
            trigger: ".o_ecabinet_reader_note_form textarea",
            run: "edit Ask about the ring road",
        },
        {
            trigger: ".o_ecabinet_reader_note_save",
            run: "click",
        },
        {
            content: "The note is pinned on the page",
            trigger: `${page(1)} .o_ecabinet_pin[title='Ask about the ring road']`,
        },
        {
            content: "Back to reading",
            trigger: ".o_ecabinet_tool_note",
            run: "click",
        },
        {
            content: "The list of marks",
            trigger: ".o_ecabinet_reader_list_toggle",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_reader_mark:contains(Ask about the ring road)",
        },
        {
            content: "The next document of the pack",
            trigger: ".o_ecabinet_reader_next:enabled",
            run: "click",
        },
        {
            trigger: `${page(1)} canvas`,
            timeout: RENDER,
        },
        {
            trigger: ".o_ecabinet_reader_count:contains(0)",
        },
        {
            content: "And back",
            trigger: ".o_ecabinet_reader_prev:enabled",
            run: "click",
        },
        {
            content: "The marks are there again",
            trigger: `${page(1)} .o_ecabinet_pin[title='Ask about the ring road']`,
            timeout: RENDER,
        },
    ],
});

/** Another device of the same member: the marks made elsewhere appear without
 * reloading, through the bus, within a second. */
registry.category("web_tour.tours").add("ecabinet_reader_sees_marks", {
    steps: () => [
        {
            trigger: `${page(1)} rect.o_ecabinet_mark_highlight`,
            timeout: 1000,
        },
        {
            trigger: `${page(1)} polyline.o_ecabinet_mark_ink`,
            timeout: 1000,
        },
        {
            trigger: `${page(1)} .o_ecabinet_pin[title='Ask about the ring road']`,
            timeout: 1000,
        },
    ],
});

/** A mark made on another device just now appears within a second. */
registry.category("web_tour.tours").add("ecabinet_reader_new_mark", {
    steps: () => [
        {
            trigger: `${page(1)} .o_ecabinet_pin[title='Made on the phone']`,
            timeout: 1000,
        },
    ],
});

/** Another member's reader: the document, none of the member's marks. */
registry.category("web_tour.tours").add("ecabinet_reader_sees_nothing", {
    steps: () => [
        {
            trigger: `${page(1)} .o_ecabinet_marks`,
            timeout: RENDER,
        },
        {
            trigger: ".o_ecabinet_reader_count:contains(0)",
        },
        {
            content: "The viewer speaks the member's language (Vietnamese)",
            trigger: `${FRAME} #numPages:contains(trên)`,
        },
        {
            content: "No mark of another member on the page",
            trigger: `${FRAME} body:not(:has(.o_ecabinet_mark))`,
        },
    ],
});

/** After the secretariat uploaded a one-page version: the mark of page 1 stays on
 * its page, the mark of page 2 (gone) is listed "from version 1". */
registry.category("web_tour.tours").add("ecabinet_reader_new_version", {
    steps: () => [
        {
            content: "The mark of page 1 is on the new version's page 1",
            trigger: `${page(1)} .o_ecabinet_pin[title='Trang một']`,
            timeout: RENDER,
        },
        {
            content: "The new version has one page",
            trigger: `${FRAME} body:not(:has(.page[data-page-number='2']))`,
        },
        {
            content: "Open the list of marks",
            trigger: ".o_ecabinet_reader_list_toggle",
            run: "click",
        },
        {
            content: "The mark of page 2 is kept, listed with its version",
            trigger:
                ".o_ecabinet_reader_mark:contains(Trang hai) .o_ecabinet_reader_from_version:contains(1)",
        },
        {
            content: "The mark of page 1 is placed: no version badge",
            trigger: ".o_ecabinet_reader_mark:contains(Trang một):not(:has(.o_ecabinet_reader_from_version))",
        },
    ],
});

// The reader in the panel of the session page or the tablet page.
const PANEL = ".o_ecabinet_reader_panel_frame:iframe";
const PANEL_VIEWER = `${PANEL} .o_ecabinet_reader_frame:iframe`;

/** The page under the panel never reloads: a mark of its window stays. */
function markPage() {
    window.ecabinetPageKept = true;
}

function checkPageKept() {
    if (!window.ecabinetPageKept) {
        throw new Error("The page under the reader's panel was reloaded");
    }
}

/** The reader's panel open on ``link``'s document: the first page, the next,
 * the next document of the pack, and back to the page. */
function readInPanel(link) {
    return [
        {
            content: "Open a document: the reader in a panel over the page",
            trigger: link,
            run(helpers) {
                markPage();
                helpers.click();
            },
        },
        {
            content: "The reader, without the portal's header, on the first page",
            trigger: `${PANEL_VIEWER} .page[data-page-number='1'] canvas`,
            timeout: RENDER,
        },
        {
            trigger: `${PANEL} body:not(:has(header)):has(.o_ecabinet_reader_embedded)`,
        },
        {
            content: "Go to page 2",
            trigger: `${PANEL_VIEWER} #pageNumber`,
            run: "edit 2",
        },
        {
            trigger: `${PANEL_VIEWER} #pageNumber`,
            run: "press Enter",
        },
        {
            trigger: `${PANEL_VIEWER} .page[data-page-number='2'] canvas`,
            timeout: RENDER,
        },
    ];
}

registry.category("web_tour.tours").add("ecabinet_reader_panel", {
    steps: () => [
        ...readInPanel(".o_ecabinet_open_document:first"),
        {
            content: "Next document of the pack",
            trigger: `${PANEL} .o_ecabinet_reader_next:enabled`,
            run: "click",
        },
        {
            trigger: `${PANEL} .o_ecabinet_reader_prev:enabled`,
        },
        {
            trigger: `${PANEL_VIEWER} .page[data-page-number='1'] canvas`,
            timeout: RENDER,
        },
        {
            content: "Close: back on the session page, as it was",
            trigger: ".o_ecabinet_reader_panel_close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_ecabinet_reader_panel))",
        },
        {
            trigger: ".o_ecabinet_session_name",
            run: checkPageKept,
        },
        {
            content: "The browser's back button closes the panel too",
            trigger: ".o_ecabinet_open_document:first",
            run: "click",
        },
        {
            trigger: `${PANEL_VIEWER} .page[data-page-number='1'] canvas`,
            timeout: RENDER,
        },
        {
            trigger: ".o_ecabinet_reader_panel_close",
            run: () => window.history.back(),
        },
        {
            trigger: "body:not(:has(.o_ecabinet_reader_panel))",
        },
        {
            trigger: ".o_ecabinet_session_name",
            run: checkPageKept,
        },
    ],
});

/** The panel open again, left open for the screenshot. */
registry.category("web_tour.tours").add("ecabinet_reader_panel_open", {
    steps: () => [
        {
            trigger: ".o_ecabinet_open_document:first",
            run: "click",
        },
        {
            trigger: `${PANEL_VIEWER} .page[data-page-number='1'] .o_ecabinet_pin`,
            timeout: RENDER,
        },
        {
            content: "Back to page 1 (the viewer reopens where the member left)",
            trigger: `${PANEL_VIEWER} #pageNumber`,
            run: "edit 1",
        },
        {
            trigger: `${PANEL_VIEWER} #pageNumber`,
            run: "press Enter",
        },
        {
            trigger: `${PANEL_VIEWER} .page[data-page-number='1'] rect.o_ecabinet_mark_highlight`,
            timeout: RENDER,
        },
    ],
});

// The reader in the panel over the member's live tablet page (ecabinet_console's
// test_live_reader_ui.py): the chair's vote and reminder close it.
const LIVE_DOCUMENT = ".o_ecabinet_live_document:first";

/** The panel opened again on the live page's first document: its first page
 * drawn, the viewer's document loaded. */
function reopenOnLivePage(content) {
    return [
        {
            content,
            trigger: LIVE_DOCUMENT,
            run: "click",
        },
        {
            trigger: `${PANEL_VIEWER} .page[data-page-number='1'] canvas`,
            timeout: RENDER,
        },
        {
            trigger: `${PANEL} .o_ecabinet_reader_frame[data-loaded]`,
        },
    ];
}

/** The panel gone, the vote in front of the member, the page never reloaded. */
function voteInFront(content) {
    return [
        {
            content,
            trigger:
                "body:not(:has(.o_ecabinet_reader_panel)) .o_ecabinet_live_vote .o_ecabinet_vote_agree:enabled",
            timeout: 10000,
        },
        {
            trigger: ".o_ecabinet_online[data-connected='1']",
            run: checkPageKept,
        },
    ];
}

/** A document read in the panel and closed, then opened again, left open. */
registry.category("web_tour.tours").add("ecabinet_reader_panel_live", {
    steps: () => [
        ...readInPanel(LIVE_DOCUMENT),
        {
            content: "Close: back on the live page, as it was",
            trigger: ".o_ecabinet_reader_panel_close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_ecabinet_reader_panel)) .o_ecabinet_online[data-connected='1']",
            run: checkPageKept,
        },
        ...reopenOnLivePage("Open the document again while the session goes on"),
    ],
});

/** A vote opened while the member reads: the panel closes on it; the panel
 * opens again with the vote open (the reader loads its pages), left open. */
registry.category("web_tour.tours").add("ecabinet_reader_panel_vote", {
    steps: () => [
        ...voteInFront("The vote, no panel over it"),
        ...reopenOnLivePage("Open the document again, the vote open"),
    ],
});

/** The chair's reminder while the member reads: the panel closes on it; the
 * member reads again, closes the panel and votes. */
registry.category("web_tour.tours").add("ecabinet_reader_panel_nudge", {
    steps: () => [
        ...voteInFront("The reminder closed the panel: the vote in front"),
        {
            trigger: ".o_ecabinet_live_vote .o_ecabinet_live_nudged",
        },
        ...reopenOnLivePage("Open the document once more"),
        {
            content: "Close the panel",
            trigger: ".o_ecabinet_reader_panel_close",
            run: "click",
        },
        ...voteInFront("The vote, still open to the member"),
        {
            content: "Vote",
            trigger: ".o_ecabinet_live_vote .o_ecabinet_vote_agree:enabled",
            run: "click",
        },
        {
            trigger: ".o_ecabinet_live_voted",
        },
    ],
});
