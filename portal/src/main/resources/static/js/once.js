// A form marked data-once is sent once: as it goes, its buttons are disabled, so that a
// second press while a slow upload or run is on its way does not send it again (the
// second answer would report the first as a refusal). Coming back to the page (the
// browser's Back) gives the buttons back.
(function () {
	'use strict';
	document.addEventListener('submit', function (event) {
		var form = event.target;
		if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-once')) {
			return;
		}
		if (form.getAttribute('data-sent') === 'yes') {
			event.preventDefault();
			return;
		}
		form.setAttribute('data-sent', 'yes');
		// after the event: a button disabled now would not be sent with the form
		window.setTimeout(function () {
			form.querySelectorAll('button[type=submit], input[type=submit]').forEach(function (button) {
				button.disabled = true;
			});
		}, 0);
	});
	window.addEventListener('pageshow', function () {
		document.querySelectorAll('form[data-once]').forEach(function (form) {
			form.removeAttribute('data-sent');
			form.querySelectorAll('button[type=submit], input[type=submit]').forEach(function (button) {
				button.disabled = false;
			});
		});
	});
})();
