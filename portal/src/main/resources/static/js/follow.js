/*
 * cardops: reloads a page that follows a run (an element with data-follow-seconds="15"), every so many
 * seconds, except while the person fills in one of its forms: a field has the focus, or one was changed
 * since the page loaded (a reload would throw the typing away). No inline script: the page only
 * carries the attribute.
 */
(function () {
	"use strict";

	function start() {
		var marker = document.querySelector("[data-follow-seconds]");
		if (!marker) {
			return;
		}
		var seconds = parseInt(marker.getAttribute("data-follow-seconds"), 10);
		if (!(seconds > 0)) {
			return;
		}
		var edited = false;
		document.addEventListener("input", function () { edited = true; }, true);
		document.addEventListener("change", function () { edited = true; }, true);
		setInterval(function () {
			var active = document.activeElement;
			var filling = active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
			if (!edited && !filling) {
				window.location.reload();
			}
		}, seconds * 1000);
	}

	if (document.readyState === "loading") {
		document.addEventListener("DOMContentLoaded", start);
	} else {
		start();
	}
}());
