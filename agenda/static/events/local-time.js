// Shows an event's time in the reader's own time zone, as the browser knows it (Intl), under
// the time the server wrote in the event's zone. Nothing is sent anywhere; without JavaScript,
// or where the reader's zone is the event's, only the event's time is shown.
(function () {
    "use strict";
    if (!window.Intl || !Intl.DateTimeFormat) { return; }
    var language = document.documentElement.lang || undefined;
    var readerZone;
    try { readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (error) { return; }
    if (!readerZone) { return; }

    function format(start, end) {
        var formatter = new Intl.DateTimeFormat(language, {
            dateStyle: "full", timeStyle: "short", timeZone: readerZone
        });
        if (formatter.formatRange) { return formatter.formatRange(start, end); }
        return formatter.format(start) + " – " + formatter.format(end);
    }

    document.querySelectorAll("[data-event-when]").forEach(function (when) {
        if (when.dataset.zone === readerZone) { return; }
        var startNode = when.querySelector("[data-event-start]");
        var endNode = when.querySelector("[data-event-end]");
        if (!startNode || !endNode) { return; }
        var start = new Date(startNode.getAttribute("datetime"));
        var end = new Date(endNode.getAttribute("datetime"));
        if (isNaN(start) || isNaN(end)) { return; }
        var target = when.parentNode.querySelector("[data-event-local]");
        if (!target) { return; }
        target.textContent = target.dataset.label + " " + format(start, end) +
            " (" + readerZone.replace(/_/g, " ") + ")";
        target.hidden = false;
    });
}());
