"""The words speaker attribution reads: reporting verbs and their nouns, pronouns, honorifics, English nouns that
carry a gender, titles, the documents an organisation speaks through. Closed classes of the language, not names."""

from __future__ import annotations

from .quote_marks import lexicon

REPORTING = lexicon(
    """say tell add state declare announce explain note insist claim argue warn write ask reply respond answer
    continue acknowledge admit remark comment report quote call describe urge predict promise vow pledge suggest
    recall stress emphasise emphasize assert maintain concede confirm deny tweet testify shout whisper joke complain
    observe contend conclude caution lament boast reiterate tout dub brand quip read demand exclaim chant recount
    muse plead retort scold yell mutter"""
)
# the nouns of the reporting verbs: "Trump's claim that there have been 'thousands of shootings'"
REPORTING_NOUNS = lexicon(
    """claim statement remark comment word promise pledge vow warning suggestion assertion insistence argument
    description prediction denial admission boast quip testimony emphasis contention accusation tweet answer reply
    response announcement declaration explanation complaint plea demand threat"""
)
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "him", "her", *PLURAL_PRONOUNS})  # "him": "X quoted him as saying"
# nouns for a group that a plural pronoun can stand for even in the singular: "the family said ... they added"
COLLECTIVE_NOUNS = lexicon(
    """police government administration family team committee council panel jury crew staff military army
    campaign parliament congress senate board ministry department agency union party coalition"""
)
HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
               "dame": "f", "lady": "f", "mme": "f", "mme.": "f"}  # fmt: skip
# English nouns that carry a gender: a closed class of the language, like its pronouns
GENDERED_NOUNS = {
    **dict.fromkeys(
        lexicon("""man boy father son husband brother uncle nephew grandfather grandson king prince
        businessman chairman spokesman congressman councilman policeman fireman actor widower dad"""),
        "m",
    ),
    **dict.fromkeys(
        lexicon("""woman girl mother daughter wife sister aunt niece grandmother granddaughter queen
        princess businesswoman chairwoman spokeswoman congresswoman councilwoman policewoman actress widow mom
        mum"""),
        "f",
    ),
}
PLACE_WORDS = lexicon(
    """square street avenue road airport university college school hall palace station stadium bridge park
    building tower centre center hospital port harbour harbor river mountain institute foundation"""
)
TITLE_ABBREVIATIONS = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general", "lt.": "lieutenant",
    "pres.": "president", "sec.": "secretary", "atty.": "attorney", "supt.": "superintendent",
    "insp.": "inspector", "sgt.": "sergeant", "capt.": "captain",
}  # fmt: skip
# what an organisation or a person speaks through: "the IMF report stated", "a statement calling"
DOCUMENT_NOUNS = lexicon(
    """report statement letter memo memorandum study complaint release ad advertisement spot video footage survey
    filing lawsuit document transcript communique communiqué tweet post editorial resolution declaration"""
)
INDEFINITE = lexicon("a an one another")
NAMING_VERBS = lexicon("identify name call introduce")  # "a woman who identified herself as Nancy"
TITLE_GLUE = lexicon("of the for and de von van")
