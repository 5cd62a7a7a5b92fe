// Suggestions for the search box: titles in every language, from the portal's own
// autocomplete endpoint (same origin). Without JavaScript the search works the same.
(function () {
    "use strict";
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) {
        return;
    }
    var timer = null;
    var latest = "";
    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            var value = input.value.trim();
            if (value.length < 2 || value === latest) {
                return;
            }
            latest = value;
            var url = input.dataset.autocompleteUrl + "?" + new URLSearchParams({
                q: value,
                lang: input.dataset.language
            });
            window.fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"})
                .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                .then(function (data) {
                    if (latest !== value) {
                        return;
                    }
                    list.replaceChildren();
                    data.suggestions.forEach(function (item) {
                        var option = document.createElement("option");
                        option.value = item.title;
                        option.lang = item.language;
                        list.appendChild(option);
                    });
                })
                .catch(function () { /* suggestions are optional */ });
        }, 200);
    });
}());
