"""The rules beside the model: what reads like violence or harassment, and what is urgent.

Safety does not wait for the model to be sure. A complaint is treated as violence or harassment when
its words match one of SAFETY_PATTERNS (Indonesian, chat spellings and English) or when the model gives
the harassment category at least SAFETY_PROBABILITY; either is enough, whatever category is suggested or
chosen. Urgency is rules only: each names the legal clock that may already be running.
"""

import re
from typing import NamedTuple

from union_cases.casework.triage.features import normalise
from union_cases.utils.translation import N_

HARASSMENT_CATEGORY = "Gender-Based Violence and Harassment"
# the model's probability of the harassment category above which a text is treated as harassment
SAFETY_PROBABILITY = 0.3

# on the normalised text (lower case, abbreviations written out, "pegang2" -> "pegang pegang")
SAFETY_PATTERNS = tuple(
	re.compile(pattern)
	for pattern in (
		# sexual harassment and violence
		r"leceh",
		r"cabul",
		r"mesum",
		r"jorok",
		r"\b(di|ke)?raba",
		r"grepe",
		r"\b(di)?colek",
		r"(di|me|ter)?pegang pegang|\bdipegang|\bmegang (dada|paha|pinggang|pundak|badan|pantat)",
		r"\bpegang (dada|paha|pinggang|pundak|badan|pantat)",
		r"\b(di)?cium",
		r"perkosa|rudapaksa|pemerkosaan",
		r"kekerasan",
		r"\b(ngajak|ajak|diajak) (tidur|ke hotel|ke kos|ketemuan)|ke hotel|nemenin|(harus|asal) mau (jalan|diajak|jadi pacar)",
		r"gerayang|meluk|\bpeluk|ngelus|\bgesek|nyubit|porno|bagian pribadi|\bgodain|pacarnya",
		r"foto pribadi|alat kelamin|ngintip|\bintip|rekam (kami )?diam",
		r"\bsiulin|\bdisiulin|\bdigoda",
		r"ruang ganti",
		r"sexual|harass|grope|groped|kiss|\brape|molest|inappropriate",
		r"\btouch(ed|es|ing)? (me|my|her)|\bon his lap|stalk|\bforced (me|her|us) to (sit|kiss|touch|sleep)",
		# physical violence and threats to the person
		r"\b(di)?pukul|mukul|\b(di)?tampar|nampar|\b(di)?tendang|nendang|aniaya|\bhajar|dihajar|\bdikeroyok",
		r"lempar .{0,20}(ke arah|ke saya)|dilempar",
		r"(ancam|ngancam).{0,30}(bunuh|nyakitin|sakiti|habisi|pukul)|dibunuh",
		r"\bbully|dibully|\bassault|\bbeat(en)?\b|\bslap|\bhit (me|us|her)|\bkick(ed)?",
		r"\bviolen",
	)
)


def reads_like_violence(text: str | None) -> list[str]:
	"""The words of the text that matched a safety pattern (empty when none did)."""
	normal = normalise(text)
	return [match.group(0).strip() for pattern in SAFETY_PATTERNS if (match := pattern.search(normal))]


def is_safety_case(text: str | None, harassment_probability: float = 0.0) -> bool:
	return harassment_probability >= SAFETY_PROBABILITY or bool(reads_like_violence(text))


class Urgency(NamedTuple):
	name: str
	priority: str
	clock: str
	patterns: tuple


MONTHS = r"(\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|berbulan|beberapa|two|three|four|five|six|several) ?(bulan|months?)"
UNPAID = r"(belum|tidak|nunggak|menunggak|telat|unpaid|not paid|never paid|ditahan)"
WAGES = r"(gaji|upah|salary|salaries|wages?|pay)"

URGENCIES = (
	Urgency(
		N_("Immediate danger"),
		"Urgent",
		N_(
			"Immediate danger to the workers: their safety comes first; report it to the labour inspectorate (pengawas ketenagakerjaan) now."
		),
		(
			r"kebakaran|terbakar|\bfire\b|gas bocor|keracunan|ambruk|runtuh|retak|digembok|"
			r"(pintu|tangga|jalur) (darurat|evakuasi).{0,30}(dikunci|kunci|ketutup|ditutup|digembok)|"
			r"(dikunci|locked).{0,20}(dari luar|during)|danger|bahaya|dibunuh|(ancam|ngancam).{0,30}bunuh",
		),
	),
	Urgency(
		N_("Work accident"),
		"High",
		N_(
			"A work accident: the employer must report it to BPJS Ketenagakerjaan within 2 × 24 hours (PP 44/2015), and the worker's treatment is covered by the work-accident insurance (JKK)."
		),
		(
			r"kecelakaan|accident|kesetrum|tersetrum|jari .{0,10}(putus|patah|kena|kejepit)|terluka|\bluka\b|"
			r"patah|meninggal|tewas|pingsan|crushed|injur|jatuh dari|pendarahan",
		),
	),
	Urgency(
		N_("Dismissal"),
		"High",
		N_(
			"A dismissal: a lawsuit at the Industrial Relations Court (PHI) must be filed within one year of the failure of mediation or conciliation, and bipartite talks come first (at most 30 working days)."
		),
		(
			r"\bphk\b|\bdi phk\b|pecat|diberhentikan|pemutusan hubungan kerja|dirumahkan|\bfired\b|dismiss|"
			r"terminated|tidak usah (masuk|balik)|resign|pengunduran diri|pabrik tutup",
		),
	),
	Urgency(
		N_("Wages unpaid for months"),
		"High",
		N_(
			"Wages unpaid for months: from the fourth day of delay the employer owes a late-payment fine (PP 36/2021 Art. 61); bipartite talks come first (at most 30 working days)."
		),
		(
			rf"{WAGES}.{{0,60}}{UNPAID}.{{0,60}}{MONTHS}|{MONTHS}.{{0,40}}{WAGES}.{{0,40}}{UNPAID}|{WAGES}.{{0,30}}{MONTHS}.{{0,30}}{UNPAID}",
		),
	),
)
COMPILED = {urgency.name: tuple(re.compile(p) for p in urgency.patterns) for urgency in URGENCIES}
PRIORITIES = ("Low", "Medium", "High", "Urgent")


def urgencies(text: str | None) -> list[Urgency]:
	"""The urgent signs in the text, most urgent first."""
	normal = normalise(text)
	return [urgency for urgency in URGENCIES if any(p.search(normal) for p in COMPILED[urgency.name])]


def raised_priority(current: str | None, found: list[Urgency]) -> str | None:
	"""The priority a case gets from its urgent signs: never lower than the one it has."""
	if not found:
		return current
	wanted = max(PRIORITIES.index(urgency.priority) for urgency in found)
	have = PRIORITIES.index(current) if current in PRIORITIES else 0
	return PRIORITIES[max(wanted, have)]
