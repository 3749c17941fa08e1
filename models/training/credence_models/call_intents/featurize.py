"""Text to features, exactly as models/call-intents/featurize.ts does it (a parity test holds them together).

normalise: NFKC, lower case, Devanagari digits to ASCII, apostrophes dropped (don't -> dont), every run of
digits one `0` token (the amount is the entity extractor's business, not the intent's).
tokens: maximal runs of letters, marks and digits (Unicode categories L*, M*, N*).
features: `w:` each token, `b:` each pair of adjacent tokens, `c:` each character 3- to 5-gram of
` token ` (the word padded with one space each side, as scikit-learn's char_wb does).
weights: sublinear term frequency (1 + ln count) times the smoothed idf, the vector scaled to unit length.
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter

APOSTROPHES = "'\u2019\u2018`"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(chr(ord(ch) - 0x0966 + 48) if "\u0966" <= ch <= "\u096f" else ch for ch in text)
    return "".join(ch for ch in text if ch not in APOSTROPHES)


def _word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


def tokens(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for ch in normalise(text) + " ":
        if _word_char(ch):
            current.append(ch)
        elif current:
            word = "".join(current)
            out.append("0" if word.isascii() and word.isdigit() else word)
            current = []
    return out


def features(text: str) -> Counter:
    words = tokens(text)
    grams: Counter = Counter()
    for w in words:
        grams["w:" + w] += 1
    for a, b in zip(words, words[1:]):
        grams["b:" + a + " " + b] += 1
    for w in words:
        padded = " " + w + " "
        for n in (3, 4, 5):
            for i in range(0, len(padded) - n + 1):
                grams["c:" + padded[i:i + n]] += 1
    return grams


class Vectoriser:
    def __init__(self, vocabulary: dict[str, int], idf: list[float]):
        self.vocabulary = vocabulary
        self.idf = idf

    @staticmethod
    def fit(texts: list[str], min_df: int = 2, max_features: int = 20000) -> "Vectoriser":
        df: Counter = Counter()
        for t in texts:
            df.update(set(features(t)))
        kept = sorted((f for f, n in df.items() if n >= min_df), key=lambda f: (-df[f], f))[:max_features]
        kept.sort()
        n = len(texts)
        vocabulary = {f: i for i, f in enumerate(kept)}
        idf = [math.log((1 + n) / (1 + df[f])) + 1.0 for f in kept]
        return Vectoriser(vocabulary, idf)

    def transform(self, texts: list[str]):
        import numpy as np
        from scipy.sparse import csr_matrix

        rows, cols, vals = [], [], []
        for r, t in enumerate(texts):
            entries = [(self.vocabulary[f], (1.0 + math.log(c)) * self.idf[self.vocabulary[f]]) for f, c in features(t).items() if f in self.vocabulary]
            norm = math.sqrt(sum(v * v for _, v in entries))
            for j, v in entries:
                rows.append(r)
                cols.append(j)
                vals.append(v / norm if norm > 0 else 0.0)
        return csr_matrix((np.array(vals, dtype=np.float64), (rows, cols)), shape=(len(texts), len(self.vocabulary)))
