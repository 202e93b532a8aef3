import MagnesiumKnowledge
import MagnesiumUnderstanding

/// One rule of the dialogue policy: it answers the line, or passes it on to the rules after it,
/// sometimes having reread what the line most likely asks (`turn.best`).
protocol DialogueRule: Sendable {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply?
}

/// A rule that only rereads the line: when it applies, the rules after it go by its reading.
protocol RereadingRule: DialogueRule {
    /// The intent the line asks after all, or nil to leave the reading as it is.
    func reading(of turn: DialogueTurn, in session: Session) -> (intent: String, score: Double)?
}

extension RereadingRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        if let reading = reading(of: turn, in: session) { turn.best = reading }
        return nil
    }
}

/// The line being answered, as the rules of the dialogue policy see it.
struct DialogueTurn {
    let understanding: Understanding
    /// What the line said about the person, in plain words; the profile already holds it.
    let profileChanges: [String]
    /// The topics the line names.
    let mentioned: [String]
    /// The groups of people among them (children, pregnancy, a medicine taken).
    let groups: [String]
    /// What the line asks about: the topics it names, groups only when they alone are the subject.
    let subjects: [String]
    /// The intent the line most likely asks, and how well it fits; rules may reread it for the
    /// rules after them.
    var best: (intent: String, score: Double)
    /// How the reply was made, in plain words (`:why`).
    var context: [String]
}

extension Session {
    /// The dialogue policy: its rules in the order they are tried. The first that answers gives
    /// the reply; each line says why the rule sits where it does.
    static let dialogueRules: [any DialogueRule] = [
        // First: "the second one" answers the question just asked, before it can read as new.
        AnswerToClarification(),
        // Before the designed answers: a sum on the person's own figures fits their words better
        // than an answer written for anyone's, and it answers only such sums.
        LabelSum(),
        // Designed answers (and their own follow-ups) fit the question better than facts chosen
        // by intent, so they go before every rule that answers from the graph.
        DesignedAnswerRule(),
        // A statement about oneself is noted before the line is read as a question; designed
        // answers above already add "Noted: ..." themselves.
        ProfileStatementRule(),
        // Rereads "which is better?" before the rules below go by the best intent.
        NothingToCompare(),
        // "and citrate?" repeats the last question; its few words alone would match anything.
        EllipsisFollowUp(),
        // A word equally close to two topics is settled before anything is said about either.
        AmbiguousSpelling(),
        // "The article says X" names a claim to check, whatever intent the words match.
        ArticleClaimRule(),
        // After the article rule (the same check, with no source named), before the intents: a
        // leading question gets the evidence, not agreement.
        LeadingQuestion(),
        // Before small talk and the follow-up intents: an emergency outranks them; a doubtful
        // one is reread as a question about the subject.
        UrgentIntent(),
        // After the emergency rule ("thanks, but my chest hurts"); before content, which would
        // answer a topic named in passing.
        SmallTalk(),
        // Rereads "why does that happen?" as a question about the subject before the follow-up
        // intents take it.
        LongFollowUpIsAQuestion(),
        // "why?", "tell me more", "source?" name no topic, so they go before out of scope.
        FollowUpIntents(),
        // After everything that answers a line naming no topic: nothing named, nothing matched.
        OutOfScope(),
        // After out of scope: a line naming nothing and leaning on nothing said needs a clear fit.
        Unanchored(),
        // Rereads: a fixed or follow-up intent still best here came with a topic, so the best
        // content intent answers instead.
        ContentIntentInstead(),
        // Asking back is the last resort: only once every reading above has had its chance.
        AskWhenUnsure(),
        // After the low-confidence question: two readings fit almost equally and answer apart.
        AskBetweenTwo(),
    ]

    /// The reply the dialogue policy gives a question: the first rule that answers it, otherwise
    /// the content answer for its best reading.
    mutating func decide(
        _ understanding: Understanding, profileChanges: [String], context: inout [String]
    ) -> Reply {
        let mentioned = understanding.topicIDs
        // Groups alone ("what about for kids?" aside) are the subject. Worked out once, not per
        // topic, and closures here call only the graph: one calling a method of the session copies
        // the whole session.
        let groupsAreTheSubject =
            !mentioned.isEmpty && mentioned.allSatisfy { graph.isAudienceTopic($0) }
            && !isFollowUpAudience(understanding)
        var turn = DialogueTurn(
            understanding: understanding, profileChanges: profileChanges, mentioned: mentioned,
            groups: mentioned.filter { graph.isAudienceTopic($0) },
            subjects: mentioned.filter { !graph.isAudienceTopic($0) || groupsAreTheSubject },
            best: understanding.best ?? (ReservedID.outOfScope, 0), context: context)
        defer { context = turn.context }
        for rule in Self.dialogueRules {
            if let reply = rule.reply(to: &turn, in: &self) { return reply }
        }
        // Last, when no rule took the line: its best reading, answered from the graph.
        return answerBestReading(&turn)
    }
    /// The best reading answered from the graph's facts, about the subjects the line names.
    private mutating func answerBestReading(_ turn: inout DialogueTurn) -> Reply {
        let subjects = turn.subjects
        return content(
            intent: turn.best.intent,
            subjects: subjects.filter {
                !graph.isAudienceTopic($0) || subjects.allSatisfy { graph.isAudienceTopic($0) }
            }, understanding: turn.understanding, confidence: turn.best.score,
            context: &turn.context)
    }
}
