"""What the triage model reads in a complaint: its text, normalised, as character and word n-grams.

Workers write the way they write on WhatsApp: "sy ga dpt thr", "di phk", "gaji dibwh umr". Character
n-grams inside word boundaries tolerate the typos and the affixes of Indonesian (di-, me-, -kan, -in);
word n-grams on the text with its common abbreviations spelled out carry the phrases ("tidak dibayar").
"""

import html
import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

# common chat abbreviations and spellings, written out (the character n-grams see the original too)
ABBREVIATIONS = {
	"sy": "saya",
	"aku": "saya",
	"ga": "tidak",
	"gak": "tidak",
	"nggak": "tidak",
	"ngga": "tidak",
	"gk": "tidak",
	"tdk": "tidak",
	"tak": "tidak",
	"blm": "belum",
	"udh": "sudah",
	"udah": "sudah",
	"sdh": "sudah",
	"dah": "sudah",
	"dr": "dari",
	"yg": "yang",
	"tp": "tapi",
	"krn": "karena",
	"karna": "karena",
	"bgt": "banget",
	"dgn": "dengan",
	"utk": "untuk",
	"org": "orang",
	"thn": "tahun",
	"bln": "bulan",
	"jt": "juta",
	"kalo": "kalau",
	"aja": "saja",
	"cm": "cuma",
	"umr": "umk",
	"ump": "umk",
	"dpt": "dapat",
	"dapet": "dapat",
	"gmn": "bagaimana",
	"sm": "sama",
	"skrg": "sekarang",
	"bwh": "bawah",
	"dibwh": "dibawah",
	"lg": "lagi",
	"jg": "juga",
	"hrs": "harus",
	"spv": "supervisor",
	"pkwtt": "tetap",
	"tk": "ketenagakerjaan",
}
TOKEN = re.compile(r"[a-z0-9]+")
TAG = re.compile(r"<[^>]+>")


def plain(text: str | None) -> str:
	"""The text of a case's title or description (HTML from the form or a mail), lower case."""
	text = html.unescape(TAG.sub(" ", text or ""))
	return " ".join(text.lower().split())


def normalise(text: str | None) -> str:
	"""Lower case, tags and punctuation out, repeated letters shortened ("bgttt"), reduplication
	("pegang2") and the chat abbreviations written out."""
	text = plain(text)
	text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)
	text = re.sub(r"\b([a-z]+)2\b", r"\1 \1", text)
	words = TOKEN.findall(text)
	return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def tokens(text: str | None) -> list[str]:
	return normalise(text).split()


def make_vectorizer(max_features: int | None = None) -> FeatureUnion:
	"""Character n-grams (2 to 5, inside word boundaries) and words (1 and 2), TF-IDF weighted with a
	sublinear term frequency; both read the normalised text."""
	return FeatureUnion(
		[
			(
				"chars",
				TfidfVectorizer(
					analyzer="char_wb",
					ngram_range=(2, 5),
					sublinear_tf=True,
					min_df=1,
					max_features=max_features,
					dtype=np.float32,
				),
			),
			(
				"words",
				TfidfVectorizer(
					analyzer="word",
					ngram_range=(1, 2),
					sublinear_tf=True,
					token_pattern=r"[a-z0-9]+",
					max_features=max_features,
					dtype=np.float32,
				),
			),
		]
	)
