// Keeps an action's counter current while the page is open: every 30 seconds, while the tab
// is visible, it asks the portal (never a third party) for the count, already worded in the
// page's language. Without JavaScript the counter is simply as of page load.
(function () {
    "use strict";
    var INTERVAL = 30000;

    function refresh(box) {
        if (document.hidden) { return; }
        fetch(box.dataset.countUrl, {credentials: "omit", headers: {Accept: "application/json"}})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
                if (!data) { return; }
                var label = box.querySelector("[data-count-label]");
                var goal = box.querySelector("[data-goal-label]");
                var bar = box.querySelector("progress");
                if (label && label.textContent !== data.label) { label.textContent = data.label; }
                if (goal) { goal.textContent = data.goal_label; }
                if (bar) { bar.max = data.goal; bar.value = Math.min(data.count, data.goal); bar.textContent = data.percent + "%"; }
            })
            .catch(function () { /* offline: keep what is shown */ });
    }

    document.querySelectorAll(".action-progress[data-count-url]").forEach(function (box) {
        window.setInterval(function () { refresh(box); }, INTERVAL);
    });
}());
