// "Leave this site quickly": replaces the page with a plain, common site without leaving it in
// the back history (location.replace), from the link or from Escape pressed twice within a
// second and a half. Without JavaScript the link is a plain link that sends no referrer.
// Loaded once per page even when several forms include the control.
(function () {
    "use strict";
    if (window.portalQuickExit) { return; }
    window.portalQuickExit = true;
    var WINDOW = 1500;
    var lastEscape = 0;

    function target() {
        var link = document.querySelector("[data-quick-exit]");
        return link ? link.href : null;
    }

    function leave(event) {
        var url = target();
        if (!url) { return; }
        if (event) { event.preventDefault(); }
        window.location.replace(url);
    }

    document.querySelectorAll("[data-quick-exit-hint]").forEach(function (hint) {
        hint.hidden = false;
    });

    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("[data-quick-exit]");
        if (link) { leave(event); }
    });

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || !target()) { return; }
        var now = Date.now();
        if (now - lastEscape < WINDOW) { leave(event); return; }
        lastEscape = now;
    });
}());
