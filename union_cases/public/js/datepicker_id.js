// Indonesian month and day names for Frappe's date picker (air-datepicker ships none), in the desk and
// on the portal's web forms (app_include_js, web_include_js). Frappe gives the picker the user's
// language when the picker knows it, and English otherwise.
(function () {
	const define = () => {
		if (!window.$ || !$.fn.datepicker || $.fn.datepicker.language.id) return;
		$.fn.datepicker.language.id = {
			days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
			daysShort: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
			daysMin: ["Mg", "Sn", "Sl", "Rb", "Km", "Jm", "Sb"],
			months: [
				"Januari",
				"Februari",
				"Maret",
				"April",
				"Mei",
				"Juni",
				"Juli",
				"Agustus",
				"September",
				"Oktober",
				"November",
				"Desember",
			],
			monthsShort: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
			today: "Hari ini",
			clear: "Hapus",
			dateFormat: "dd/mm/yyyy",
			timeFormat: "hh:ii",
			firstDay: 1,
		};
	};
	define();
	// a web form loads the picker with its controls, after this file
	document.addEventListener("DOMContentLoaded", define);
	window.addEventListener("load", define);
})();
