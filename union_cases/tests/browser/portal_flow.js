// The member portal as a new worker meets it, in Debian's Chromium, driven by Playwright:
// apply as a guest > an operator approves in the desk > the member sets a password and logs in >
// files a complaint with an attachment > the operator sees it and replies > the member sees the reply.
//
// Run by scripts/test.sh against a served test site with the demo data. Environment: BASE_URL,
// CHROMIUM, OPERATOR, STAFF_PASSWORD, ADMIN_PASSWORD, SCREENSHOTS (a folder). Prints one "ok"/"not ok"
// line per step and "N passed, N failed" last; exits non-zero on a failure.
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");

const BASE = process.env.BASE_URL || "http://127.0.0.1:8010";
const OPERATOR = process.env.OPERATOR || "operator.garmen@example.org";
const STAFF_PASSWORD = process.env.STAFF_PASSWORD || "demo";
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || "admin";
const SHOTS = process.env.SCREENSHOTS || "test-artifacts/screenshots";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const stamp = Date.now().toString().slice(-6);
const worker = {
	name: `Sri Lestari Uji ${stamp}`,
	email: `pekerja.${stamp}@example.org`,
	password: `Uji-Portal-${stamp}!x`,
	// a valid NIK for a woman born 9 March 1994 (day + 40), West Java
	nik: `327305490394${stamp.slice(-4)}`,
	birth: { y: 1994, m: 3, d: 9 },
};
const results = [];

let current = null; // the page of the step under way, for a screenshot when it fails
async function step(name, fn) {
	try {
		await fn();
		results.push(true);
		console.log(`ok - ${name}`);
	} catch (e) {
		results.push(false);
		if (current) await shot(current, "failed-step").catch(() => {});
		console.log(`not ok - ${name}\n  ${String(e && e.stack ? e.stack : e).split("\n").slice(0, 6).join("\n  ")}`);
		throw e;
	}
}

async function shot(page, name) {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function login(page, user, password) {
	await page.goto(`${BASE}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForLoadState("networkidle");
}

async function translated(page, text) {
	return page.evaluate((t) => (window.__ ? __(t) : t), text);
}

// The REST API as Administrator, for what no person would click: reading the outgoing mail queue.
async function adminApi(context, url) {
	const api = context.request;
	await api.post(`${BASE}/api/method/login`, { form: { usr: "Administrator", pwd: ADMIN_PASSWORD } });
	const response = await api.get(`${BASE}${url}`);
	if (!response.ok()) throw new Error(`${url}: ${response.status()}`);
	return (await response.json()).data;
}

function decodeQuotedPrintable(text) {
	return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
}

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
	});
	const errors = [];
	const watch = (page, who) => {
		page.on("pageerror", (e) => {
			// Frappe Charts redraws a workspace chart from a ResizeObserver after the page has been
			// left (the desk's home workspace, passed through after login): Frappe's, not the app's
			if (/boundDrawFn/.test(e.stack || "") && /removeChild/.test(String(e))) return;
			errors.push(`${who}: ${e}\n${e.stack || ""}`);
		});
		// any refused or failed call of the app or Frappe shows the person an error dialog
		page.on("response", (r) => {
			if (r.status() >= 400 && r.url().includes("/api/")) errors.push(`${who}: HTTP ${r.status()} ${r.url()}`);
		});
	};
	let application, caseName, setPasswordLink;
	try {
		const guest = await browser.newContext({ viewport: PHONE, locale: "id-ID" });
		const applicant = await guest.newPage();
		watch(applicant, "guest");

		await step("a guest opens the membership form in Indonesian on a phone", async () => {
			await applicant.goto(`${BASE}/join/new`);
			await applicant.waitForSelector('[data-fieldname="full_name"] input');
			const title = await applicant.textContent(".web-form-title h1");
			if (!/Anggota/i.test(title)) throw new Error(`title not in Indonesian: ${title}`);
			await shot(applicant, "01-join-form-phone");
		});

		await step("the guest fills in the form, attaches the ID card and sends it", async () => {
			current = applicant;
			const field = (f) => applicant.locator(`[data-fieldname="${f}"] input, [data-fieldname="${f}"] textarea, [data-fieldname="${f}"] select`).first();
			await field("full_name").fill(worker.name);
			await field("nik").fill(worker.nik);
			await field("gender").selectOption("Female");
			const format = await applicant.evaluate(() => frappe.boot.sysdefaults.date_format || "dd-mm-yyyy");
			const pad = (n) => String(n).padStart(2, "0");
			const { y, m, d } = worker.birth;
			const date = format.replace("yyyy", y).replace("mm", pad(m)).replace("dd", pad(d));
			await field("date_of_birth").fill(date);
			await field("date_of_birth").press("Escape");
			await field("mobile_no").fill("0812 7777 1234");
			await field("email").fill(worker.email);
			const localUnion = field("local_union");
			await localUnion.click();
			await localUnion.type("Garmen", { delay: 30 });
			await applicant.locator('[data-fieldname="local_union"] .awesomplete li').first().click();
			const [chooser] = await Promise.all([
				applicant.waitForEvent("filechooser"),
				applicant.locator('[data-fieldname="id_card_photo_upload"] button.btn-attach').click(),
			]);
			await chooser.setFiles({
				name: "ktp.png",
				mimeType: "image/png",
				buffer: Buffer.from(
					"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
					"base64"
				),
			});
			await applicant.locator('input[data-fieldname="consent_personal_data"]').check();
			await applicant.waitForTimeout(800); // the field checks run as the worker types
			await shot(applicant, "02-join-form-filled-phone");
			await applicant.locator(".web-form-footer .submit-btn, .web-form-actions .submit-btn, button.submit-btn").first().click();
			await applicant.waitForSelector(".union-tracking", { timeout: 20000 });
			application = (await applicant.textContent(".union-tracking b")).trim();
			if (!/^APL-/.test(application)) throw new Error(`no tracking number: ${application}`);
			await shot(applicant, "03-join-received-phone");
		});

		const staff = await browser.newContext({ viewport: DESKTOP });
		const desk = await staff.newPage();
		watch(desk, "operator");
		await step("the operator approves the application in the desk", async () => {
			current = desk;
			await login(desk, OPERATOR, STAFF_PASSWORD);
			await desk.goto(`${BASE}/app/membership-application/${application}`);
			await desk.waitForSelector(".page-head .indicator-pill");
			const actions = await translated(desk, "Actions");
			const approve = await translated(desk, "Approve");
			await desk.locator(".page-head button:visible").filter({ hasText: new RegExp(`^\\s*${actions}\\s*$`) }).first().click();
			await desk.locator(".page-head .dropdown-menu.show a").filter({ hasText: new RegExp(`^\\s*${approve}\\s*$`) }).first().click();
			await desk.waitForFunction(() => cur_frm && cur_frm.doc.workflow_state === "Approved" && cur_frm.doc.member, null, { timeout: 20000 });
			await desk.waitForTimeout(500);
			await shot(desk, "04-operator-approved-desktop");
		});

		await step("the worker receives the welcome mail with a link to set a password", async () => {
			const rows = await adminApi(
				staff,
				`/api/resource/Email Queue?fields=${encodeURIComponent('["message"]')}&filters=${encodeURIComponent(
					JSON.stringify([["reference_name", "=", application]])
				)}&limit_page_length=10`
			);
			const mail = rows.map((r) => decodeQuotedPrintable(r.message)).find((m) => m.includes("update-password"));
			if (!mail) throw new Error("no welcome mail");
			setPasswordLink = mail.match(/https?:\/\/[^"\s<]+\/update-password\?key=[A-Za-z0-9]+/)[0].replace(/^https?:\/\/[^/]+/, BASE);
		});

		const phone = await browser.newContext({ viewport: PHONE, locale: "id-ID" });
		const member = await phone.newPage();
		watch(member, "member");
		await step("the member sets a password and logs in", async () => {
			current = member;
			await member.goto(setPasswordLink);
			// typed, not pasted: the page checks the password's strength as it is typed
			await member.type("#new_password", worker.password, { delay: 20 });
			await member.type("#confirm_password", worker.password, { delay: 20 });
			await member.waitForSelector("#update:not([disabled])", { timeout: 15000 });
			await shot(member, "05a-set-password-phone");
			// the page logs the member in and moves on by itself: wait until it has left
			await Promise.all([
				member.waitForURL((url) => !url.pathname.startsWith("/update-password"), { timeout: 20000 }).catch(() => {}),
				member.click("#update"),
			]);
			await member.waitForLoadState("load");
			// Frappe logs the member in after the password is set; log in again if it did not
			await member.goto(`${BASE}/my-cases`);
			if (member.url().includes("/login")) {
				await login(member, worker.email, worker.password);
				await member.goto(`${BASE}/my-cases`);
			}
			await member.waitForSelector(".union-portal h1");
			await shot(member, "05-my-cases-empty-phone");
			await member.goto(`${BASE}/my-card`);
			await member.waitForSelector(".member-card");
			await shot(member, "06-membership-card-phone");
		});

		await step("the member files a complaint with an attachment", async () => {
			current = member;
			await member.goto(`${BASE}/complaint`);
			await member.fill("#title", "Upah lembur bulan Oktober belum dibayar");
			await member.selectOption("#category", "Unpaid Overtime");
			await member.fill("#incident_date", "2026-10-31");
			await member.fill("#description", "Saya lembur 20 jam pada bulan Oktober dan belum dibayar sampai sekarang.");
			await member.setInputFiles("#files", {
				name: "rekap-lembur.txt",
				mimeType: "text/plain",
				buffer: Buffer.from("Rekap lembur Oktober: 20 jam"),
			});
			await shot(member, "07-complaint-form-phone");
			await member.click("#complaint-form [type=submit]");
			await member.waitForSelector("#complaint-done:not(.d-none)");
			caseName = (await member.textContent("#tracking-number")).trim();
			await shot(member, "08-complaint-received-phone");
		});

		await step("the operator sees the new case and replies to the member", async () => {
			current = desk;
			await desk.goto(`${BASE}/app/case/${caseName}`);
			await desk.waitForFunction((n) => cur_frm && cur_frm.doc.name === n, caseName);
			const state = await desk.evaluate(() => cur_frm.doc.workflow_state);
			if (state !== "New") throw new Error(`case is ${state}`);
			const reply = await translated(desk, "Reply to Complainant");
			await desk.locator(".page-head button:visible").filter({ hasText: reply }).first().click();
			const editor = desk.locator(".modal.show .ql-editor").first();
			await editor.click();
			await editor.type("Terima kasih. Mohon kirim slip gaji bulan Oktober.");
			await shot(desk, "09-operator-reply-desktop");
			await desk.locator(".modal.show .btn-primary").first().click();
			await desk.waitForSelector(".modal.show", { state: "detached", timeout: 15000 }).catch(() => {});
			await desk.waitForTimeout(1500);
		});

		await step("the member reads the reply on the case page (phone and desktop)", async () => {
			current = member;
			await member.goto(`${BASE}/my-cases/${caseName}`);
			await member.waitForSelector(".timeline");
			const text = await member.textContent(".timeline");
			if (!text.includes("Mohon kirim slip gaji bulan Oktober")) throw new Error("reply not shown");
			if (!(await member.textContent("body")).includes("rekap-lembur.txt")) throw new Error("attachment not listed");
			await shot(member, "10-case-with-reply-phone");
			await member.setViewportSize(DESKTOP);
			await member.reload();
			await shot(member, "11-case-with-reply-desktop");
			await member.goto(`${BASE}/my-cases`);
			await shot(member, "12-my-cases-desktop");
		});

		await step("no script errors and no refused calls on any page", async () => {
			if (errors.length) throw new Error(errors.join("\n"));
		});
	} catch (e) {
		// the failed step has been reported
	} finally {
		await browser.close();
		const passed = results.filter(Boolean).length;
		console.log(`${passed} passed, ${results.length - passed} failed`);
		process.exit(results.length && results.every(Boolean) ? 0 : 1);
	}
})();
