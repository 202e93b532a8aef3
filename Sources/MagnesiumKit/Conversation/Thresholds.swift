/// Every number the dialogue decides by, in one place, each with why it is what it is.
///
/// The scores are the matcher's fit of a line to an intent or a designed answer (0 to 1); shares
/// and factors multiply such a score. They were set against the transcripts and the development
/// set: change one, then replay every transcript and re-run `scripts/accuracy`.
enum Thresholds {
    // MARK: The matcher's confidence (Session)

    /// Below this, the matcher is unsure and asks.
    static let confidentScore = 0.3
    /// Below this, a question with no topic is treated as outside what the assistant knows.
    static let minimumScore = 0.2
    /// A short line matching a content intent this well is a question of its own, not "and X?".
    static let ownQuestionScore = 0.6
    /// The matcher alone (no red-flag rule) must be this sure before emergency advice is given.
    static let urgentScore = 0.55
    /// Turns after an emergency that repeat its advice first, unless help is on its way.
    static let emergencyFollowUps = 2
    /// How many lines after an emergency was raised a sign told is read with the line that
    /// raised it (see `Session.emergencyRaised`): the story's next few lines, as with a child
    /// rung through to a poison line and floppy two lines later.
    static let linesReadWithTheEmergency = 4
    /// A greeting, thanks or goodbye must match this well to be taken as small talk ("I run
    /// marathons" shares only "run" with "I have to run").
    static let smallTalkScore = 0.5
    /// A greeting, thanks or goodbye that also names a topic must match this well to be taken as
    /// small talk.
    static let smallTalkWithTopicScore = 0.8
    /// A question naming no topic and no "it" must match a phrasing at least this well.
    static let unanchoredScore = 0.5

    // MARK: Designed answers (DesignedAnswering)

    /// A designed answer must fit the question this well to be given.
    static let designedAnswerScore = 0.2
    /// Rather than ask back or give up, a designed answer that fits this well is given.
    static let fallbackAnswerScore = 0.12
    /// How well a line with an unknown subject must fit an answer to get it.
    static let foreignSubjectScore = 0.55
    /// What an answer written for a group the person is not in, and did not ask about, keeps of its
    /// score.
    static let otherGroupShare = 0.65
    /// What the answer saying what "it" is keeps of its score when "it" stands for the thing it
    /// defines and the line does not ask what anything is.
    static let definitionOfWhatIsMeantShare = 0.7
    /// What a correction of a premise the line does not state keeps of its score (see
    /// ``Session/setAsideCorrectionsOfAnUnsaidPremise(_:_:)``).
    static let correctionOfAnUnsaidPremiseShare = 0.65
    /// The share of its score a definition keeps when "what about X?" follows an answer that was
    /// not one (``Session/setAsideDefinitionsAfterWhatAbout(_:_:)``).
    static let definitionAfterWhatAboutShare = 0.5
    /// The share of its score an answer about another form of magnesium keeps, when the line
    /// names a form.
    static let otherFormShare = 0.8
    /// How well an answer written for the person's group must fit, as a share of the best answer's
    /// fit, to be given in its place.
    static let groupVersionShare = 0.4
    /// A group's version this close to the best answer needs none of the best answer's rare words.
    static let closeGroupVersionShare = 0.75
    /// What an answer written for the person's group gains.
    static let personBonus = 0.06
    /// "why the bis part?" fitting an answer this well is a question of its own, not "why?".
    static let ownQuestionAfterAnswerScore = 0.4
    /// A follow-up whose best answer alone fits this well is not read with the question before.
    static let clearOnItsOwnScore = 0.5
    /// A line quoting the article, with one of its claims fitting, is checked against that claim
    /// unless an answer not written about the article fits it at least this well: a few shared
    /// words ("enough magnesium") are not the question.
    static let quotedClaimYieldScore = 0.6
    /// A line of at most this many words may lean on the question before it.
    static let followUpLength = 10
    /// A sum about amounts said before ("what if I also take a multivitamin with 100 mg in it?") is
    /// asked in at most this many words.
    static let sumQuestionLength = 16
    /// How far, in percentage points, a label's share of magnesium may be from the pure form's
    /// and still be read as that form (rounding on labels).
    static let shareTolerance = 1.5
    /// What an answer written for another amount ("is 400 mg too much?") keeps of its score for a
    /// question naming a different one, and how many of the best answers are looked at for it.
    static let otherAmountShare = 0.6
    static let amountCheckedAnswers = 5
    /// What a follow-up read together with the question before keeps of that score.
    static let followUpShare = 0.9
    /// What the answer just given keeps of its score when the follow-up would get it again.
    static let sameAnswerAgainShare = 0.5

    // MARK: Ages

    /// From this age a person reads as an adult: the NIH ODS tables give adult amounts from 19.
    static let adultAge = 19
    /// From this age a person reads as an older adult (the `older-adults` group's cautions).
    static let olderAdultAge = 65
    /// From this age the supplement upper limits are the adults' (US 350 mg from 9; the EU's
    /// 250 mg from 4), so an amount a child of this age takes is checked as an adult's is.
    static let adultLimitsAge = 9
    /// An answer about a medicine or situation the line just took back keeps this share of its
    /// score: the line names it only to say it is not the one meant.
    static let withdrawnShare = 0.5
    /// Each of two questions in one line is answered apart only when an answer fits it at least
    /// this well; otherwise the line gets one answer.
    static let eachOfTwoQuestionsScore = 0.55
}
