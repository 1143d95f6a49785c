"""What a search means: the visitor's words, grouped with the synonyms editors keep.

Each run of words that is one of a synonym's phrases becomes a group of all that
synonym's phrases; every other word is a group of its own. A result must match every
group, and any phrase of a group will do: "MASH procedures" finds "Multi-Agency
Safeguarding Hub procedures" and "front door procedures" too.
"""

from dataclasses import dataclass

from wagtail.search.query import And, Or, PlainText

from search.models import words_of


@dataclass(frozen=True)
class Meaning:
    """The groups of a search: each a tuple of phrases, each phrase a tuple of words."""

    groups: tuple  # each starts with the phrase typed, then its synonyms in the editors' order

    @classmethod
    def of(cls, text, synonyms):
        """The meaning of `text`, given every `Synonym`."""
        words = words_of(text)
        phrases = {}  # phrase: the alternatives of the synonym it belongs to
        for synonym in synonyms:
            alternatives = synonym.alternatives
            for phrase in alternatives:
                phrases.setdefault(phrase, alternatives)
        longest = max(map(len, phrases), default=0)
        groups, start = [], 0
        while start < len(words):
            for size in range(min(longest, len(words) - start), 0, -1):
                alternatives = phrases.get(words[start : start + size])
                if alternatives:
                    break
            else:
                size, alternatives = 1, ()
            typed = words[start : start + size]
            groups.append((typed, *(phrase for phrase in alternatives if phrase != typed)))
            start += size
        return cls(tuple(groups))

    @property
    def words(self):
        """Every word of every phrase, once each."""
        return tuple(
            dict.fromkeys(word for group in self.groups for phrase in group for word in phrase)
        )

    def backend_query(self):
        """The query for Wagtail's search backend: AND of groups, OR of each group's phrases."""
        groups = [
            Or([PlainText(" ".join(phrase), operator="and") for phrase in group])
            if len(group) > 1
            else PlainText(" ".join(group[0]), operator="and")
            for group in self.groups
        ]
        return groups[0] if len(groups) == 1 else And(groups)

    def matches(self, words):
        """Whether a text whose words are `words` (a set) holds every group."""
        return self.distance(words) is not None

    def distance(self, words):
        """How far a text whose words are `words` (a set) is from the words typed: 0 when
        it holds them all, more for each group it holds only by a later synonym; None
        when it misses a group."""
        total = 0
        for group in self.groups:
            found = next((i for i, phrase in enumerate(group) if set(phrase) <= words), None)
            if found is None:
                return None
            total += found
        return total
