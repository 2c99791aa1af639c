// The desk as each role meets it, in Debian's Chromium driven by Playwright: every workspace
// shortcut and link, every report of the app (default filters), every list of the app's doctypes and
// a new and an existing record of each, at 1280 px and at 390 px.
//
// A page fails on an error dialog, an uncaught page error, a refused call to /api (4xx/5xx; a 403 on
// a doctype the role may not read is expected: the role's permissions are read from its own session),
// and on English where Indonesian is expected: a visible text that is a msgid of the app's or Frappe's
// translations with a different Indonesian msgstr. The sidebar of a role that is not an administrator
// must not offer Frappe's own modules (Users, Website, Tools, Integrations, Build).
//
// Run by scripts/test.sh against a served test site with the demo data. Environment: BASE_URL,
// CHROMIUM, STAFF_PASSWORD, ADMIN_PASSWORD, SCREENSHOTS (a folder), SWEEP_PARALLEL (pages at once,
// default 3), SWEEP_ONLY (a persona's name, to sweep one). Prints one "ok"/"not ok" line per page and
// "N passed, N failed" last; exits non-zero on a failure.
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");

const BASE = process.env.BASE_URL || "http://127.0.0.1:8010";
const STAFF_PASSWORD = process.env.STAFF_PASSWORD || "demo";
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || "admin";
const SHOTS = process.env.SCREENSHOTS || "test-artifacts/screenshots/desk";
const PARALLEL = Number(process.env.SWEEP_PARALLEL || 3);
const APP_DIR = path.resolve(__dirname, "../..");
const WIDTHS = [
	{ name: "1280", viewport: { width: 1280, height: 900 } },
	{ name: "390", viewport: { width: 390, height: 844 } },
];
// the demo's people (union_cases/demo/generate.py); an administrator sees Frappe's own modules
const PERSONAS = [
	{ name: "operator", user: "operator.garmen@example.org" },
	{ name: "advisor", user: "advokat.garmen@example.org" },
	{ name: "officer", user: "pengurus.garmen@example.org" },
	{ name: "union-admin", user: "admin.serikat@example.org", admin: true },
	{ name: "partner", user: "mitra.lbh@example.org" },
	{ name: "administrator", user: "Administrator", password: ADMIN_PASSWORD, admin: true },
].filter((p) => !process.env.SWEEP_ONLY || process.env.SWEEP_ONLY.split(",").includes(p.name));
// Frappe's modules in the sidebar that only administrators work with
const ADMIN_MODULES = ["Users", "Website", "Tools", "Integrations", "Build"];
const WORKSPACE = "union-cases";

// ---- the app's doctypes and reports, read from its source

function walk(dir, found = []) {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory() && !["node_modules", "__pycache__", "public", "tests"].includes(entry.name)) {
			walk(full, found);
		} else if (entry.name.endsWith(".json")) {
			found.push(full);
		}
	}
	return found;
}

function appSchema() {
	const doctypes = [];
	const reports = [];
	for (const file of walk(APP_DIR)) {
		const parent = path.basename(path.dirname(path.dirname(file)));
		if (path.basename(file, ".json") !== path.basename(path.dirname(file))) continue;
		let json;
		try {
			json = JSON.parse(fs.readFileSync(file, "utf8"));
		} catch (e) {
			continue;
		}
		if (parent === "doctype" && json.doctype === "DocType" && !json.istable) {
			doctypes.push({ name: json.name, single: !!json.issingle });
		} else if (parent === "report" && json.doctype === "Report") {
			reports.push({ name: json.name, type: json.report_type });
		}
	}
	return { doctypes, reports };
}

// ---- results

const results = [];
function record(name, problems) {
	results.push(!problems.length);
	if (problems.length) {
		console.log(`not ok - ${name}\n  ${problems.join("\n  ")}`);
	} else {
		console.log(`ok - ${name}`);
	}
}

function slug(route) {
	return route.replace(/^\/app\/?/, "").replace(/[^A-Za-z0-9-]+/g, "_").slice(0, 80) || "home";
}

// ---- one persona at one width: a context of its own, one page walking the desk

// the doctype a call of /api is about, from its path, query or body
function doctypeOf(request) {
	const url = new URL(request.url());
	const resource = url.pathname.match(/^\/api\/resource\/([^/]+)/);
	if (resource) return decodeURIComponent(resource[1]);
	const params = new URLSearchParams(url.search);
	const body = request.postData() || "";
	let fields = {};
	try {
		fields = JSON.parse(body);
	} catch (e) {
		for (const [k, v] of new URLSearchParams(body)) fields[k] = v;
	}
	for (const key of ["doctype", "ref_doctype", "parent", "dt", "link_doctype"]) {
		const value = fields[key] || params.get(key);
		if (value) return value;
	}
	if (fields.doc) {
		try {
			return JSON.parse(fields.doc).doctype;
		} catch (e) {
			return null;
		}
	}
	return null;
}

async function settle(page, tracker, { min = 500, max = 20000 } = {}) {
	const start = Date.now();
	let quietSince = null;
	while (Date.now() - start < max) {
		const busy =
			tracker.inflight.size > 0 ||
			(await page
				.evaluate(() => !!(window.frappe && frappe.dom && frappe.dom.freeze_count))
				.catch(() => true));
		if (busy) {
			quietSince = null;
		} else if (quietSince === null) {
			quietSince = Date.now();
		} else if (Date.now() - quietSince >= min) {
			return;
		}
		await page.waitForTimeout(100);
	}
	tracker.problems.push(`still loading after ${max / 1000} s: ${[...tracker.inflight].slice(0, 3).join(", ")}`);
}

// in the page: error dialogs, English texts with an Indonesian translation, the sidebar's modules
function inspect({ adminModules, checkSidebar }) {
	const messages = frappe._messages || {};
	// what the person sees: laid out, on the page (a hidden date picker waits far off to the left)
	const visible = (el) => {
		if (!el || !el.getClientRects().length) return false;
		const rect = el.getBoundingClientRect();
		if (rect.right <= 0 || rect.bottom + window.scrollY <= 0) return false;
		const style = getComputedStyle(el);
		return style.visibility !== "hidden" && style.opacity !== "0";
	};
	const dialogs = [];
	for (const modal of document.querySelectorAll(".modal.show, .modal.in")) {
		if (!visible(modal)) continue;
		const title = (modal.querySelector(".modal-title") || {}).innerText || "";
		const red = !!modal.querySelector(".modal-header .indicator.red, .modal-header .red");
		const body = ((modal.querySelector(".modal-body") || {}).innerText || "").trim().slice(0, 200);
		dialogs.push({ title: title.trim(), red, body, msgprint: !!modal.querySelector(".msgprint") });
	}
	// a text that is itself some string's Indonesian ("Tag" for "Tags") is Indonesian
	const indonesian = new Set(Object.values(messages));
	const english = new Set();
	// not checked: the activity timeline, where Frappe writes raw stored values and user names ("Guest",
	// a workflow state) into its own sentences (left for a later change: README, Desk sweep)
	const skip =
		"script, style, code, pre, .ql-editor, [contenteditable=true], .ace_editor, .frappe-control[data-fieldtype=Code], .new-timeline .timeline-content";
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const candidates = (text) => {
		const forms = [text, text.replace(/\s*[:#(]?\s*[#\d]*\)?$/, ""), text.replace(/[:.…]+$/, "")];
		return forms.filter((t) => t.length > 1);
	};
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const text = node.nodeValue.replace(/\s+/g, " ").trim();
		if (!text || text.length < 2 || !/[A-Za-z]{2}/.test(text)) continue;
		const el = node.parentElement;
		if (!el || el.closest(skip) || !visible(el)) continue;
		if (indonesian.has(text)) continue;
		for (const form of candidates(text)) {
			const translation = messages[form];
			if (translation && translation !== form && translation.toLowerCase() !== form.toLowerCase()) {
				english.add(`${text} (→ ${translation})`);
				break;
			}
		}
	}
	for (const input of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
		const text = input.getAttribute("placeholder").trim();
		if (text && visible(input) && messages[text] && messages[text] !== text && !indonesian.has(text)) {
			english.add(`placeholder "${text}" (→ ${messages[text]})`);
		}
	}
	const sidebar = [];
	if (checkSidebar) {
		const labels = [...document.querySelectorAll(".desk-sidebar .sidebar-item-label, .desk-sidebar .item-anchor")]
			.filter(visible)
			.map((el) => el.innerText.trim());
		for (const module of adminModules) {
			if (labels.includes(__(module)) || labels.includes(module)) sidebar.push(module);
		}
	}
	// Frappe's date picker falls back to English month and day names for a language it lacks
	const lang = (frappe.boot.user && frappe.boot.user.language) || frappe.boot.lang;
	const datepicker = !$.fn.datepicker || !!$.fn.datepicker.language[lang];
	return { dialogs, english: [...english], sidebar, datepicker, lang };
}

async function discover(page, persona, schema) {
	return page.evaluate(
		async ({ doctypes, reports, workspace }) => {
			const user = frappe.boot.user;
			const canRead = new Set([...(user.can_read || []), ...(user.can_get_report || [])]);
			const canCreate = new Set(user.can_create || []);
			const allReports = user.all_reports || {};
			const routes = [];
			const appReports = new Set(reports.map((r) => r.name));
			const add = (route, what) => {
				route = route.replace(/\/view\/list$/, ""); // a list is the list, however it is linked
				// a report someone saved on a record type (Report Builder) is theirs, not the app's
				const saved = route.match(/^\/app\/report\/([^/]+)$/);
				if (saved && !appReports.has(decodeURIComponent(saved[1]))) return;
				if (route && !routes.some((r) => r.route === route)) routes.push({ route, what });
			};
			add(`/app/${workspace}`, "workspace");
			const page = await frappe.xcall("frappe.desk.desktop.get_desktop_page", {
				page: JSON.stringify({ name: "Union Cases", title: "Union Cases", public: 1 }),
			});
			for (const item of page.shortcuts.items || []) {
				add(
					"/app/" + frappe.utils.generate_route({ ...item, type: item.type, name: item.link_to }).replace(/^\/?(app\/)?/, ""),
					`shortcut ${item.label}`
				);
			}
			for (const card of page.cards.items || []) {
				for (const link of card.links || []) {
					if (link.type === "Card Break") continue;
					const item = { type: link.link_type, name: link.link_to, is_query_report: link.is_query_report };
					if (link.link_type === "Report") {
						item.route = `query-report/${link.link_to}`;
					}
					add(`/app/${(item.route || frappe.utils.generate_route(item)).replace(/^\/?(app\/)?/, "")}`, `link ${link.label}`);
				}
			}
			for (const report of reports) {
				if (allReports[report.name]) add(`/app/query-report/${report.name}`, `report ${report.name}`);
			}
			const forms = [];
			for (const dt of doctypes) {
				if (!canRead.has(dt.name)) continue;
				const slug = frappe.router.slug(dt.name);
				if (dt.single) {
					add(`/app/${slug}`, `form ${dt.name}`);
					continue;
				}
				add(`/app/${slug}`, `list ${dt.name}`);
				if (canCreate.has(dt.name)) add(`/app/${slug}/new`, `new ${dt.name}`);
				const rows = await frappe.db.get_list(dt.name, { fields: ["name"], limit: 1, order_by: "creation desc" });
				if (rows.length) forms.push({ route: `/app/${slug}/${encodeURIComponent(rows[0].name)}`, what: `form ${dt.name}` });
			}
			for (const f of forms) add(f.route, f.what);
			return { routes, canRead: [...canRead], lang: frappe.boot.lang };
		},
		{ doctypes: schema.doctypes, reports: schema.reports, workspace: WORKSPACE }
	);
}

// A screenshot of the page; Playwright's waits for the web fonts first, which on a loaded machine can
// outlast its timeout: then the browser's own capture (Chrome's DevTools protocol, no wait) is taken, so
// one slow font does not end the persona's sweep. Returns a problem only when neither worked.
async function shot(page, file) {
	try {
		await page.screenshot({ path: file, fullPage: true, timeout: 30000 });
		return null;
	} catch (first) {
		try {
			const cdp = await page.context().newCDPSession(page);
			const { data } = await cdp.send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
			fs.writeFileSync(file, Buffer.from(data, "base64"));
			await cdp.detach();
			return null;
		} catch (second) {
			return `no screenshot: ${String(first.message || first).split("\n")[0]}; ${String(second.message || second).split("\n")[0]}`;
		}
	}
}

async function sweep(browser, persona, width, schema) {
	const context = await browser.newContext({ viewport: width.viewport, locale: "id-ID" });
	const who = `${persona.name} ${width.name}px`;
	const tracker = { inflight: new Set(), problems: [], pageErrors: [], canRead: new Set() };
	const page = await context.newPage();
	page.on("pageerror", (e) => {
		// Frappe Charts redraws a chart from a ResizeObserver after its page has been left (a report's
		// or the workspace's chart, once the next page is shown): Frappe's, as in portal_flow.js
		if (/boundDrawFn/.test(e.stack || "") && /removeChild/.test(String(e))) return;
		tracker.pageErrors.push(`page error: ${e}\n    ${(e.stack || "").split("\n").slice(1, 4).join("\n    ")}`);
	});
	// a form script that fails is caught by Frappe and logged, not thrown: a console error is one too
	// (but not a file that failed to load: refused calls are checked below; nor socket.io, which
	// `bench serve` does not run)
	page.on("console", (m) => {
		if (m.type() !== "error") return;
		const text = m.text();
		if (/Failed to load resource|socket\.io/i.test(text)) return;
		tracker.pageErrors.push(`console error: ${text.split("\n").slice(0, 3).join("\n    ")}`);
	});
	page.on("request", (r) => {
		if (!r.url().includes("/socket.io/")) tracker.inflight.add(r.url());
	});
	const done = (r) => tracker.inflight.delete(r.url());
	page.on("requestfinished", done);
	page.on("requestfailed", done);
	page.on("response", (r) => {
		if (r.status() < 400 || !r.url().includes("/api/")) return;
		const doctype = doctypeOf(r.request());
		if (r.status() === 403 && doctype && !tracker.canRead.has(doctype)) return; // the role may not read it
		tracker.problems.push(`refused: HTTP ${r.status()} ${r.request().method()} ${decodeURIComponent(r.url().replace(BASE, ""))}${doctype ? ` (${doctype})` : ""}`);
	});
	const started = Date.now();
	try {
		const login = await context.request.post(`${BASE}/api/method/login`, {
			form: { usr: persona.user, pwd: persona.password || STAFF_PASSWORD },
		});
		if (!login.ok()) throw new Error(`login of ${persona.user} refused: ${login.status()}`);
		await page.goto(`${BASE}/app/${WORKSPACE}`);
		await page.waitForFunction(() => window.frappe && frappe.boot && frappe.container && frappe.container.page, null, { timeout: 30000 });
		await settle(page, tracker);
		const found = await discover(page, persona, schema);
		tracker.canRead = new Set(found.canRead);
		if (found.lang !== "id") {
			record(`${who}: the desk is in Indonesian`, [`language is ${found.lang}`]);
		}
		tracker.problems = [];
		for (const { route, what } of found.routes) {
			tracker.problems = [];
			tracker.pageErrors = [];
			const current = await page.evaluate(() => location.pathname);
			if (decodeURIComponent(current) !== decodeURIComponent(route)) {
				await page.evaluate((r) => {
					$(".modal.show").modal("hide");
					frappe.set_route(r);
				}, route);
			}
			await page.waitForTimeout(150);
			await settle(page, tracker);
			const seen = await page.evaluate(inspect, {
				adminModules: ADMIN_MODULES,
				checkSidebar: !persona.admin && width.name === "1280",
			});
			const problems = [...tracker.problems, ...tracker.pageErrors];
			for (const d of seen.dialogs) {
				const error = d.red || /^(Error|Kesalahan|Galat)$/i.test(d.title);
				if (error) problems.push(`error dialog "${d.title}": ${d.body}`);
			}
			if (seen.english.length) problems.push(`English where Indonesian is expected: ${seen.english.join(" | ")}`);
			if (!seen.datepicker) problems.push(`the date picker has no month and day names in "${seen.lang}"`);
			if (seen.sidebar.length) problems.push(`sidebar offers ${seen.sidebar.join(", ")}`);
			fs.mkdirSync(SHOTS, { recursive: true });
			const shotProblem = await shot(page, path.join(SHOTS, `${persona.name}-${width.name}-${slug(route)}.png`));
			if (shotProblem) problems.push(shotProblem);
			record(`${who} ${what} (${route})`, problems);
		}
	} catch (e) {
		record(`${who}: the sweep ran`, [String(e && e.stack ? e.stack : e).split("\n").slice(0, 4).join("\n  ")]);
	} finally {
		await context.close();
	}
	return (Date.now() - started) / 1000;
}

// The operator accepts a case under verification with the Actions menu: the action's dialog asks for
// the Legal Advisor when the case has none, and afterwards the form says who acts next.
async function acceptJourney(browser) {
	const name = "operator 1280px accepts a case under verification and is told who acts next";
	const context = await browser.newContext({ viewport: WIDTHS[0].viewport, locale: "id-ID" });
	const problems = [];
	try {
		const page = await context.newPage();
		page.on("pageerror", (e) => problems.push(`page error: ${e}`));
		page.on("response", (r) => {
			if (r.status() >= 400 && r.url().includes("/api/")) problems.push(`refused: HTTP ${r.status()} ${r.url()}`);
		});
		await context.request.post(`${BASE}/api/method/login`, { form: { usr: PERSONAS[0].user, pwd: STAFF_PASSWORD } });
		await page.goto(`${BASE}/app/case`);
		await page.waitForFunction(() => window.frappe && frappe.boot && frappe.db);
		const [row] = await page.evaluate(() =>
			frappe.db.get_list("Case", { filters: { workflow_state: "Under Verification" }, fields: ["name"], limit: 1 })
		);
		if (!row) throw new Error("no case under verification in the demo");
		await page.evaluate((n) => frappe.set_route("Form", "Case", n), row.name);
		await page.waitForFunction((n) => window.cur_frm && cur_frm.doc.name === n && !cur_frm.is_dirty(), row.name);
		await page.waitForTimeout(800);
		// the menu's words as the operator reads them (passed in, so that they are no msgid of the app)
		const [actions, accept] = await page.evaluate((words) => words.map((w) => __(w)), ["Actions", "Accept"]);
		await page.locator(".page-head button:visible").filter({ hasText: new RegExp(`^\\s*${actions}\\s*$`) }).first().click();
		await page.locator(".page-head .dropdown-menu.show a").filter({ hasText: new RegExp(`^\\s*${accept}\\s*$`) }).first().click();
		const asked = page.locator('.modal.show [data-fieldname="handler"] input');
		if (await asked.isVisible({ timeout: 3000 }).catch(() => false)) {
			await asked.click();
			await asked.type("a", { delay: 50 });
			await page.locator('.modal.show [data-fieldname="handler"] .awesomplete li').first().click();
			await page.locator(".modal.show .btn-primary").first().click();
		}
		await page.waitForFunction(() => cur_frm.doc.workflow_state === "Accepted" || document.querySelector(".msgprint"), null, { timeout: 20000 });
		await page.waitForTimeout(800);
		const state = await page.evaluate(() => cur_frm.doc.workflow_state);
		const message = await page.evaluate(() => (document.querySelector(".form-message") || {}).innerText || "");
		const expected = await page.evaluate(() => __("Accepted. Next: {0} starts handling the case (Actions > Start Handling).", ["|"]).split("|")[0].trim());
		if (state !== "Accepted") problems.push(`the case is ${state}: ${await page.evaluate(() => (document.querySelector(".msgprint") || {}).innerText)}`);
		else if (!message.includes(expected)) problems.push(`the form does not say who acts next: "${message}"`);
		fs.mkdirSync(SHOTS, { recursive: true });
		const shotProblem = await shot(page, path.join(SHOTS, "operator-1280-accepted-case.png"));
		if (shotProblem) problems.push(shotProblem);
	} catch (e) {
		problems.push(String(e && e.stack ? e.stack : e).split("\n").slice(0, 4).join("\n  "));
	} finally {
		await context.close();
	}
	record(name, problems);
}

(async () => {
	const started = Date.now();
	const schema = appSchema();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"],
	});
	const jobs = [];
	for (const persona of PERSONAS) for (const width of WIDTHS) jobs.push({ persona, width });
	const timings = [];
	try {
		let next = 0;
		const worker = async () => {
			while (next < jobs.length) {
				const { persona, width } = jobs[next++];
				timings.push(`${persona.name} ${width.name}px ${(await sweep(browser, persona, width, schema)).toFixed(0)} s`);
			}
		};
		await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
		if (PERSONAS.some((p) => p.name === "operator")) await acceptJourney(browser);
	} finally {
		await browser.close();
		const passed = results.filter(Boolean).length;
		console.log(`# desk sweep: ${timings.join(", ")}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
		console.log(`${passed} passed, ${results.length - passed} failed`);
		process.exit(results.length && results.every(Boolean) ? 0 : 1);
	}
})();
