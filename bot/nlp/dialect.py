"""A regional speech read as Mandarin: which texts are in it, its words, and its words that Mandarin has too.

Residents write group messages in their own speech, or mix it into Mandarin (bot.nlp.cantonese). The rules and the
model know Mandarin, so such a text is put in Mandarin before it is read. Only a text with a mark of the
speech (a character Mandarin hardly writes, or a word as plainly of the speech) is touched: the table's other words
are ordinary Mandarin in a Mandarin message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Rules = tuple[tuple[re.Pattern, str], ...]


@dataclass(frozen=True)
class Dialect:
    marks: frozenset[str]  # characters of the speech alone
    mark_words: re.Pattern  # words of it, of characters Mandarin uses too
    table: dict[str, str]  # word → Mandarin; a longer word wins over the words inside it
    words: re.Pattern
    before: Rules  # read before the table (a hum that is no negation)
    contextual: Rules  # words Mandarin also has, read as the speech's only where they stand as such, in order

    def speaks(self, text: str) -> bool:
        return not self.marks.isdisjoint(text) or self.mark_words.search(text) is not None

    def as_mandarin(self, text: str) -> str:
        """The text with the speech's words put in Mandarin; a text with no mark of it is returned as it is."""
        if not self.speaks(text):
            return text
        for pattern, mandarin in self.before:
            text = pattern.sub(mandarin, text)
        text = self.words.sub(lambda match: self.table[match.group()], text)
        for pattern, mandarin in self.contextual:
            text = pattern.sub(mandarin, text)
        return text


def dialect(marks: str, mark_words: str, table: str, contextual: Rules, before: Rules = ()) -> Dialect:
    """`table`: "word=mandarin" pairs separated by white space."""
    words = dict(pair.split("=") for pair in table.split())
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return Dialect(frozenset(marks), re.compile(mark_words), words, re.compile(alternatives), before, contextual)
