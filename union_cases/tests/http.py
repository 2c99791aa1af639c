"""Real HTTP requests to the test site, through Frappe's own WSGI application.

Each request runs in a thread of its own with its own database connection, as under a web server, so
what a test wants the request to see must be committed first.
"""

from threading import Thread

import frappe
from frappe.app import application
from werkzeug.test import Client

# a request that waits longer than this (a lock held by the test itself) fails the test instead of hanging it
REQUEST_TIMEOUT = 120


class SiteClient:
	def __init__(self, user: str | None = None, password: str | None = None):
		self.site = frappe.local.site
		self.client = Client(application, use_cookies=True)
		self.user, self.password = user, password
		if user:
			self.login()

	def login(self):
		response = self.post("/api/method/login", data={"usr": self.user, "pwd": self.password})
		assert response.status_code == 200, f"{self.user} could not log in: {response.text}"

	def logged_in(self) -> bool:
		"""Whether the session still holds (some routes end it, e.g. a wrong password)."""
		response = self.get("/api/method/frappe.auth.get_logged_user")
		return response.status_code == 200 and response.json.get("message") == self.user

	def request(self, method: str, path: str, **kwargs):
		"""A request as a browser set to English sends it (a guest's language comes from the browser)."""
		result = {}
		kwargs["headers"] = {"Accept-Language": "en", **(kwargs.get("headers") or {})}

		def run():
			result["response"] = self.client.open(
				path, method=method.upper(), base_url=f"http://{self.site}", **kwargs
			)

		thread = Thread(target=run, daemon=True)
		thread.start()
		thread.join(REQUEST_TIMEOUT)
		if thread.is_alive():
			raise AssertionError(f"{method.upper()} {path} did not answer in {REQUEST_TIMEOUT} s")
		return result["response"]

	def get(self, path: str, **kwargs):
		return self.request("get", path, **kwargs)

	def post(self, path: str, **kwargs):
		return self.request("post", path, **kwargs)

	def put(self, path: str, **kwargs):
		return self.request("put", path, **kwargs)
