import MagnesiumKnowledge
import MagnesiumUnderstanding

/// A line that told something about the person. What someone says about themselves is noted; any
/// question in the same line is answered for them ("why do I get cramps when I'm pregnant?", "I'm
/// 72 and get leg cramps every night", "I take alendronate").
struct ProfileStatementRule: DialogueRule {
    func reply(to turn: inout DialogueTurn, in session: inout Session) -> Reply? {
        guard !turn.profileChanges.isEmpty else { return nil }
        return session.noteProfileStatement(&turn)
    }
}

extension Session {
    fileprivate mutating func noteProfileStatement(_ turn: inout DialogueTurn) -> Reply {
        let understanding = turn.understanding
        let statement = !isQuestion(understanding)
        // A bare "I'm pregnant" or "actually I'm not" is only noted; a statement that also
        // names a subject ("I'm 72 and get leg cramps every night", "I take alendronate for
        // osteoporosis") is answered too.
        // A medicine the statement is about ("I take alendronate", "I stopped taking
        // omeprazole") is what is noted, not a subject to answer on.
        let namesASubject = turn.subjects.contains {
            !graph.isAudienceTopic($0) && !isProfileMedicine($0)
                && !(statement && graph.kind(ofTopic: $0) == "medicine")
        }
        if !statement || namesASubject,
            let question = understanding.ranked.first(where: { graph.isContentIntent($0.intent) }),
            question.score >= Thresholds.confidentScore
        {
            var reply = content(
                intent: question.intent,
                subjects: turn.subjects.filter { !graph.isAudienceTopic($0) },
                understanding: understanding, confidence: question.score, context: &turn.context)
            if let rule = ruleOfASituationJustTold(
                understanding, unlessSaidIn: reply.text, context: &turn.context)
            {
                let rest = renumber(reply.text, from: reply.sourceIDs, into: rule.sources)
                reply.text = rule.text + "\n" + rest.text
                reply.sourceIDs = rest.sources
            }
            reply.note(turn.profileChanges)
            if statement {
                reply.intent = ReservedID.profile
                statementJustMade = StatementMade(text: understanding.normalized, answered: true)
            }
            return reply
        }
        if statement {
            statementJustMade = StatementMade(
                text: understanding.normalized, answered: false)
        }
        var reply = acknowledge(turn.profileChanges, understanding: understanding)
        if let rule = ruleOfASituationJustTold(understanding, context: &turn.context) {
            reply.text = (reply.profileNote ?? reply.text) + "\n" + rule.text
            reply.sourceIDs = rule.sources
        } else if statement,
            let each = whatEachMedicineMeans(understanding, context: &turn.context)
        {
            reply.text = (reply.profileNote ?? reply.text) + "\n" + each.text
            reply.sourceIDs = each.sources
        }
        return reply
    }

    /// "The nurse said my kidneys are a bit low, egfr 40" in the middle of a conversation: a
    /// situation just told that has a rule for taking magnesium gets the rule, whatever else the
    /// line is answered with. The rule's sentence with its citation and sources, or nil.
    /// `unlessSaidIn`: a reply that already gives the rule, which is then not said twice.
    private func ruleOfASituationJustTold(
        _ understanding: Understanding, unlessSaidIn answered: String = "",
        context: inout [String]
    ) -> (text: String, sources: [String])? {
        guard lineBefore != nil,
            let group = understanding.topicIDs.first(where: {
                graph.kind(ofTopic: $0) == "group"
                    && (profile.groups.contains($0) || profile.otherGroups.contains($0))
            }),
            let rule = ruleFact(ofGroup: group), !answered.contains(rule.text)
        else { return nil }
        context.append("for: \(selector.name(group))")
        var builder = AnswerBuilder()
        builder.add(rule.text + " " + builder.cite(rule.sourceIDs))
        return (builder.text, builder.sourceIDs)
    }
}
