// The campaign editor's actions panel (actions/campaign_panel.py): "Add an action" opens the
// action's form in a Wagtail modal; once it is saved, the panel's list is renewed in place.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-campaign-action-add]");
    if (!button || typeof window.ModalWorkflow !== "function") {
      return;
    }
    event.preventDefault();
    window.ModalWorkflow({
      url: button.dataset.url,
      onload: {
        form: function (modal) {
          modal.ajaxifyForm("[data-campaign-action-form]");
        },
        created: function (modal, jsonData) {
          var list = button
            .closest(".campaign-actions-panel")
            .querySelector("[data-campaign-actions-list]");
          if (list) {
            list.outerHTML = jsonData.panel_html;
          }
          modal.close();
        },
      },
    });
  });
})();
