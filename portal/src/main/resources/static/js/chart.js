/*
 * cardops charts: draws every <div class="chart" data-chart='{"labels":[...],"series":[{"name":..,"values":[..]}]}'>
 * with uPlot (the webjar). Optional: "type": "bar" (default "line"). Labels are category names
 * (dates as text); values are numbers (null for a gap); "xLabel" names the labels in the legend.
 * No inline script: the page only carries data.
 */
(function () {
	"use strict";

	var COLOURS = ["#0b5cad", "#1a7f37", "#b42318", "#8a5a00", "#6e40c9", "#0a7480"];

	function parse(element) {
		try {
			var spec = JSON.parse(element.getAttribute("data-chart"));
			if (!spec || !Array.isArray(spec.labels) || !Array.isArray(spec.series)) {
				return null;
			}
			return spec;
		} catch (e) {
			return null;
		}
	}

	// On a narrow chart an ISO date is shown as its month and day.
	var NARROW = 500;

	function shortDate(label, width) {
		return (width < NARROW && /^\d{4}-\d{2}-\d{2}$/.test(label)) ? label.substring(5) : label;
	}

	var DAY = 86400000;

	function isDate(label) {
		return /^\d{4}-\d{2}-\d{2}$/.test(label) && !isNaN(Date.parse(label + "T00:00:00Z"));
	}

	// A date as the number of days since 1970-01-01, and back (UTC: no daylight saving shifts).
	function dayOf(label) {
		return Math.round(Date.parse(label + "T00:00:00Z") / DAY);
	}

	function dateOf(day) {
		return Number.isInteger(day) ? new Date(day * DAY).toISOString().substring(0, 10) : null;
	}

	function axisLabel(longest, width) {
		return (width < NARROW && longest === 10) ? 5 : longest;
	}

	function ySize(u, values, axisIdx, cycle) {
		var axis = u.axes[axisIdx];
		if (cycle > 1 && axis._size) {
			return axis._size;
		}
		var widest = 0;
		if (values) {
			// uPlot keeps the font it set last: measure in the axis's and put that one back
			var before = u.ctx.font;
			u.ctx.font = axis.font[0];
			values.forEach(function (value) {
				widest = Math.max(widest, u.ctx.measureText(String(value)).width);
			});
			u.ctx.font = before;
		}
		return Math.max(40, Math.ceil(widest / (window.devicePixelRatio || 1)) + axis.ticks.size + axis.gap + 8);
	}

	function draw(element) {
		var spec = parse(element);
		if (!spec || typeof uPlot === "undefined") {
			return;
		}
		var labels = spec.labels;
		var bars = spec.type === "bar";
		// Dates stand as far apart as they are (a month without a night shows as a month, not as
		// the step from one night to the next); any other labels stand one step apart.
		var dated = labels.length > 0 && labels.every(function (label) { return isDate(label); });
		var xs = labels.map(function (label, i) { return dated ? dayOf(label) : i; });
		function labelAt(x) {
			return dated ? dateOf(x) : labels[x];
		}
		var data = [xs];
		var series = [{ label: spec.xLabel || "", value: function (u, v) { return v == null ? "" : labelAt(v); } }];
		spec.series.forEach(function (s, i) {
			data.push(s.values);
			var colour = COLOURS[i % COLOURS.length];
			var one = { label: s.name, stroke: colour, width: 2 };
			if (bars) {
				one.fill = colour + "99";
				one.paths = uPlot.paths.bars({ size: [0.7 / spec.series.length, 60], align: 0 });
				one.points = { show: false };
			}
			series.push(one);
		});
		// Bars stand centred on their x: half a step more on each side keeps the first and the last
		// (the latest night) whole instead of cut in half at the plot's edges.
		var step = 1;
		for (var k = 1; k < xs.length; k++) {
			if (xs[k] - xs[k - 1] > 0 && (k === 1 || xs[k] - xs[k - 1] < step)) {
				step = xs[k] - xs[k - 1];
			}
		}
		var longest = labels.reduce(function (most, label) { return Math.max(most, String(label).length); }, 1);
		var width = Math.max(element.clientWidth, 280);
		var options = {
			width: width,
			height: 240,
			legend: { live: false },
			// Room on the right for the last date's label, which the x axis centres on the last point.
			padding: [12, 48, 0, 0],
			scales: {
				x: bars ? { time: false, range: function (u, min, max) { return [min - step / 2, max + step / 2]; } }
					: { time: false },
				// Bars (counts, amounts) stand on zero.
				y: bars ? { range: function (u, min, max) { return [Math.min(0, min), max > 0 ? max * 1.1 : 1]; } } : {}
			},
			series: series,
			axes: [
				{
					// Whole labels only, far enough apart not to run into each other (a phone shows
					// fewer dates; a date keeps its month and day there: 2026-10-12 becomes 10-12).
					incrs: [1, 2, 3, 5, 7, 10, 14, 15, 30, 60, 90, 180, 365],
					space: function (u) { return axisLabel(longest, u.width) * 7.5 + 16; },
					values: function (u, splits) {
						return splits.map(function (v) {
							var label = labelAt(v);
							return label != null ? shortDate(label, u.width) : "";
						});
					}
				},
				// As wide as the longest amount on it (1,500,000 lost its first digits in a fixed
				// width), measured in the axis's own font.
				{ size: ySize }
			]
		};
		element.textContent = "";
		var plot = new uPlot(options, data, element);
		// the drawn chart, for the browser tests to read its scales and axes
		element.chart = plot;
		var timer = null;
		function fit() {
			clearTimeout(timer);
			timer = setTimeout(function () {
				var now = Math.max(element.clientWidth, 280);
				if (now !== plot.width) {
					plot.setSize({ width: now, height: 240 });
				}
			}, 100);
		}
		if (typeof ResizeObserver !== "undefined") {
			new ResizeObserver(fit).observe(element);
		} else {
			window.addEventListener("resize", fit);
		}
	}

	// A chart added to a page after it loaded is drawn with cardopsCharts.draw(element).
	window.cardopsCharts = { draw: draw };

	function drawAll() {
		Array.prototype.forEach.call(document.querySelectorAll("div.chart[data-chart]"), draw);
	}

	if (document.readyState === "loading") {
		document.addEventListener("DOMContentLoaded", drawAll);
	} else {
		drawAll();
	}
}());
