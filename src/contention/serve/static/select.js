// Code a new event from a span: the selected text of the document fills the start and end fields.
// Each run of the text carries its first character's offset in data-start.
(function () {
  var text = document.getElementById("doctext");
  if (!text) return;
  function offset(node, off) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    while (el && el !== text && !el.hasAttribute("data-start")) el = el.parentElement;
    if (!el || !el.hasAttribute("data-start")) return null;
    return parseInt(el.getAttribute("data-start"), 10) + (node.nodeType === 3 ? off : 0);
  }
  document.addEventListener("mouseup", function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !text.contains(sel.anchorNode)) return;
    var a = offset(sel.anchorNode, sel.anchorOffset), b = offset(sel.focusNode, sel.focusOffset);
    if (a === null || b === null) return;
    var start = Math.min(a, b), end = Math.max(a, b);
    document.getElementById("span-start").value = start;
    document.getElementById("span-end").value = end;
    document.getElementById("span-preview").textContent = sel.toString();
  });
})();
