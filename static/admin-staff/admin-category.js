// Article form: the category picker offers only the chosen service's categories.
// Categories come grouped by service (one <optgroup> per service, labelled with its name).
(function () {
  "use strict";
  function narrow(service, category) {
    var chosen = service.options[service.selectedIndex];
    var name = chosen && chosen.value ? chosen.text : "";
    Array.prototype.forEach.call(category.querySelectorAll("optgroup"), function (group) {
      var match = !name || group.label === name;
      group.hidden = !match;
      group.disabled = !match;
    });
    var selected = category.options[category.selectedIndex];
    if (selected && selected.parentElement.disabled) {
      category.value = "";
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var service = document.getElementById("id_service");
    var category = document.getElementById("id_category");
    if (!service || !category) {
      return;
    }
    narrow(service, category);
    service.addEventListener("change", function () { narrow(service, category); });
  });
})();
