import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Emergency advice, which comes before any answer: for red flags in the line, for an emergency
/// the matcher recognised, and again on the turns right after one.
extension Session {
    /// What a repeated emergency advice opens with.
    static let emergencyReminder =
        "Please do not wait or try to treat this yourself: it still needs help now."
    /// What it opens with when the advice is to see a doctor rather than to get help at once
    /// (laxatives taken to lose weight): "help now" would overstate it.
    static let doctorReminder =
        "Please do not leave this: it still needs a doctor's advice."

    /// The emergency rules the line reports; when it names a symptom but fires none, those that
    /// fire with the question before it and did not fire on that question alone ("my calf
    /// cramped yesterday", then "today it's swollen and hot and red"; "did a marathon today, got
    /// cramps", then "my pee was dark brown earlier"). A symptom told on its own line is still
    /// part of the story told the line before, whether or not it points back with "it".
    mutating func urgentRules(in understanding: Understanding, context: inout [String])
        -> [UrgentRule]
    {
        if let raised = emergencyRaised {
            emergencyRaised =
                raised.linesLeft > 0
                ? (raised.line, raised.before, raised.rules, raised.linesLeft - 1) : nil
        }
        let rules = understander.urgentRules(in: understanding)
        if let read = rulesReadWithTheSituation(understanding, rules: rules) {
            context.append("red flags read with the person's situation")
            return read
        }
        if let graver = graverEmergency(understanding, rules: rules) {
            context.append("red flags read with the line that raised the emergency")
            return graver
        }
        if rules.isEmpty, emergency == nil, understanding.redFlags.namesASymptom,
            let childSaid = saidOfTheChild(understanding)
        {
            let added = understander.urgentRules(in: understander.understand(childSaid))
            if !added.isEmpty {
                context.append("red flags read as said of the child")
                return added
            }
        }
        guard emergency == nil, understanding.redFlags.namesASymptom,
            let before = questionBefore
        else { return rules }
        // Read together even when the line fires a rule on its own: after "did a marathon
        // today, got cramps", the line "had 4 litres of water, headache, been sick, my pee is
        // like cola" is a low salt level by itself and muscle breakdown with the line before.
        // The line's own reading settles each kind of emergency it names, though: "only when I
        // can't sleep" the line before does not make a child who swallowed tablets drowsy.
        let firedBefore = understander.urgentRules(in: before).map(\.id)
        let topicsOfTheLine = rules.map(\.topicID)
        var together = understander.urgentRules(readingTogether: before, understanding).filter {
            rule in
            rules.contains { $0.id == rule.id }
                || (!firedBefore.contains(rule.id) && !topicsOfTheLine.contains(rule.topicID))
        }
        for rule in rules where !together.contains(where: { $0.id == rule.id }) {
            together.append(rule)
        }
        if together.count > rules.count {
            context.append("red flags read with the question before")
        }
        return together
    }

    /// "My face and hands are puffy and I'm seeing sparkly lights" from someone who said two
    /// turns before that she is 31 weeks pregnant: a sign that is an emergency only in a
    /// situation the person is in is read with that situation. "Now he's vomiting and his vision
    /// has gone yellow" about a father on digoxin: his medicines are read with it too. "Shaky
    /// hands, been throwing up, slurring a bit" from someone on lithium fires the stroke rule
    /// alone too: read with the lithium it is first a lithium level too high, so the situation's
    /// reading replaces the line's when it finds a rule the line did not. Nil when it finds none.
    private func rulesReadWithTheSituation(_ understanding: Understanding, rules: [UrgentRule])
        -> [UrgentRule]?
    {
        // The situations' names only once the line could need them: looking each up on every
        // line cost more than the rest of this step.
        guard emergency == nil, understanding.redFlags.namesASymptom,
            case let situations =
                (profile.groups + profile.otherGroups + profile.medicines + profile.otherMedicines)
                .compactMap({ graph.topic($0)?.name }),
            !situations.isEmpty
        else { return nil }
        let said = understander.understand(
            "i have " + situations.joined(separator: " and ") + ".")
        let added = understander.urgentRules(readingTogether: said, understanding)
        return added.contains(where: { rule in !rules.contains { $0.id == rule.id } })
            ? added : nil
    }

    /// "Now she's really sleepy and floppy" two lines after "my 3 yr old ate 9 of my magnesium
    /// capsules": a symptom told while an emergency is in play is read with the line that raised
    /// it, and when that fires a rule not advised yet, the line gets that rule's advice (with its
    /// own rules) rather than a reminder of the old one. Nil when it fires nothing new.
    private func graverEmergency(_ understanding: Understanding, rules: [UrgentRule])
        -> [UrgentRule]?
    {
        guard understanding.redFlags.namesASymptom, let raised = emergencyRaised else {
            return nil
        }
        // Every rule advised since that line is among `raised.rules`, the one in play too.
        func newRules(readWith line: Understanding) -> [UrgentRule] {
            understander.urgentRules(readingTogether: line, understanding).filter { rule in
                !raised.rules.contains { $0.id == rule.id } && !rules.contains { $0.id == rule.id }
            }
        }
        // "Been doing it for 2 weeks" raised it read with the line before, which named what
        // "it" is ("milk of magnesia"); a graver sign now is read with that line too.
        var new = newRules(readWith: raised.line)
        if new.isEmpty, let before = raised.before { new = newRules(readWith: before) }
        guard !new.isEmpty else { return nil }
        // The catch-all rule ("call now") says nothing the graver rule's advice does not.
        let general = understander.generalEmergencyRule?.id
        return new
            + rules.filter { rule in
                rule.id != general && !new.contains { $0.topicID == rule.topicID }
            }
    }

    /// "She's been in my handbag and eaten some, maybe 4 or 5" two lines after "my 3 yr old": while
    /// the conversation is about a child, "she" and "he" are that child. The line with each of
    /// them said as "the child"; nil when the conversation is about no child or the line names
    /// neither.
    private func saidOfTheChild(_ understanding: Understanding) -> String? {
        guard isAboutAChild else { return nil }
        let words = understanding.tokens.map(\.text)
        guard words.contains(where: Self.childPronouns.contains) else { return nil }
        return words.map { Self.childPronouns.contains($0) ? "the child" : $0 }
            .joined(separator: " ")
    }

    /// Only the subject's pronouns: the reader's patterns read "the child" in its place.
    private static let childPronouns: Set<String> = ["she", "he"]

    /// Puts the advice of the emergency rules matched in the line (or of the one still active)
    /// before the reply, and keeps the emergency active for the next turns. A line that turns to
    /// someone else ("and for my mum?") still gets the reminder first, then its answer.
    /// `helpComing` is read in the line as typed, whatever it was reread as.
    mutating func addEmergencyAdvice(
        matched: [UrgentRule], to reply: inout Reply, _ understanding: Understanding,
        helpComing: Bool, turnsToSomeoneElse: Bool, context: inout [String]
    ) {
        var advice = matched
        // Right after an emergency, the next turns ("can it wait?", "is she ok to sleep?") get its
        // advice again, first, until help is said to be on its way; only a question about the
        // emergency itself ("could it be a blood clot?") is answered after it.
        var reminding = false
        if advice.isEmpty, let active = emergency, !helpComing {
            advice = active.rules
            reminding = true
        } else if advice.isEmpty, emergency == nil, let last = lastEmergency,
            !helpComing, Self.asksWhomToCall(understanding)
        {
            advice = last
            reminding = true
            context.append("whom to call: the last emergency's advice")
        }
        if advice.isEmpty && reply.intent == ReservedID.urgent {
            // Phrased in a way no rule lists: the general emergency advice still comes first.
            advice = understander.generalEmergencyRule.map { [$0] } ?? []
            if advice.isEmpty {
                reply.text =
                    "This may be an emergency: call your local emergency number or go to the nearest emergency department now."
            }
        }
        // "No chest pain or fainting, just annoying. Should I stop it?" still gets the reminder,
        // then the answer: who says which signs they do not have has a question beside them.
        let deniesSigns =
            !understanding.redFlags.deniedWords.isEmpty && understanding.redFlags.fired.isEmpty
        if !advice.isEmpty {
            putFirst(
                advice, reminding: reminding,
                answeringAnyway: reminding && (turnsToSomeoneElse || deniesSigns)
                    && !advice.contains { $0.id == ReservedID.selfHarmRule },
                in: &reply, understanding, context: &context)
        }
        if reminding, let active = emergency {
            emergency = active.turnsLeft > 1 ? (active.rules, active.turnsLeft - 1) : nil
        } else if !reminding {
            emergency = advice.isEmpty ? nil : (advice, Thresholds.emergencyFollowUps)
        }
        if !advice.isEmpty { lastEmergency = advice }
        if !advice.isEmpty && !reminding {
            var raised = emergencyRaised ?? (understanding, lineBefore, [], 0)
            raised.rules += advice.filter { rule in !raised.rules.contains { $0.id == rule.id } }
            raised.linesLeft = Thresholds.linesReadWithTheEmergency
            emergencyRaised = raised
        }
        if helpComing { lastEmergency = nil }
    }

    /// "What number do I call?", "who do I ring?", "which number should I phone?": the line asks
    /// whom to call ("what's the best phone to buy?" and "what number of tablets?" do not).
    static func asksWhomToCall(_ understanding: Understanding) -> Bool {
        let words = understanding.tokens.map(\.text)
        let calls = words.indices.contains { index in
            ["call", "ring", "dial"].contains(words[index])
                || (words[index] == "phone" && index > 0
                    && ["i", "we", "to", "should", "do", "can"].contains(words[index - 1]))
        }
        let asks = words.contains(where: { ["who", "what", "which", "number"].contains($0) })
        return words.count <= 8 && calls && asks
    }

    /// The advice, then the rest of the answer when the line asked something else too and the
    /// emergency is about it or lets a question be answered with it (``UrgentRule/answersTheQuestionToo``).
    private func putFirst(
        _ advice: [UrgentRule], reminding: Bool, answeringAnyway: Bool = false,
        in reply: inout Reply,
        _ understanding: Understanding, context: inout [String]
    ) {
        var builder = AnswerBuilder()
        for rule in advice {
            builder.add(rule.advice + " " + builder.cite(rule.sourceIDs))
        }
        var text = builder.text
        if reminding {
            let seeADoctor = advice.allSatisfy { $0.topicID == ReservedID.whenToSeeADoctor }
            text = (seeADoctor ? Self.doctorReminder : Self.emergencyReminder) + " " + text
        }
        let sources = builder.sourceIDs
        if answerFollowsTheAdvice(
            advice, reminding: reminding, answeringAnyway: answeringAnyway, reply, understanding)
        {
            let rest = renumber(
                Self.withoutVerdicts(reply.text), from: reply.sourceIDs, into: sources)
            // The paragraphs a short view never holds back are found by their words, so they are
            // changed the same way.
            reply.alwaysShown = Set(
                reply.alwaysShown.map {
                    renumber(Self.withoutVerdicts($0), from: reply.sourceIDs, into: sources).text
                })
            text += "\n" + rest.text
            context.append("also answered: \(reply.intent)")
            reply.sourceIDs = rest.sources
            reply.intent = ReservedID.urgent
        } else {
            // What the line told about the person is remembered, and still said.
            if let note = reply.profileNote { text += "\n" + note }
            reply.sourceIDs = sources
            reply.intent = ReservedID.urgent
            reply.confidence = 1
            reply.factIDs = []
            reply.alwaysShown = []
        }
        reply.text = text
        // The emergency recognised is what the reply is about first.
        let emergencyTopics = advice.compactMap(\.topicID)
        reply.topics = emergencyTopics + reply.topics.filter { !emergencyTopics.contains($0) }
        context.append(
            (reminding ? "urgent, still: " : "urgent: ")
                + advice.map { $0.id }.joined(separator: ", "))
    }

    /// Whether the rest of the answer follows the emergency advice.
    private func answerFollowsTheAdvice(
        _ advice: [UrgentRule], reminding: Bool, answeringAnyway: Bool, _ reply: Reply,
        _ understanding: Understanding
    ) -> Bool {
        // The rest of the answer follows only when the line asked something: an emergency
        // reported with no question ("suddenly my face is drooping") gets the advice alone.
        // A group ("pregnancy") is not what an emergency in it is about: an answer on magnesium in
        // pregnancy does not answer the pre-eclampsia signs.
        let replyTopics = Set(reply.topics)
        func isAbout(_ rule: UrgentRule) -> Bool {
            rule.topicID.map { replyTopics.contains($0) && !graph.isAudienceTopic($0) } ?? false
        }
        let aboutTheEmergency = advice.contains(where: isAbout)
        // Every emergency must let the question be answered: "how much magnesium is lethal",
        // asked with an overdose taken in a crisis, gets the crisis line and the overdose advice,
        // never amounts.
        let answersTheQuestion = advice.allSatisfy { $0.answersTheQuestionToo || isAbout($0) }
        // "Chewed some of my caps, maybe 4??" asks nothing a list of facts on doses answers.
        return
            (answeringAnyway
            || (!reminding || aboutTheEmergency) && answersTheQuestion
                && (!reply.isFactList || aboutTheEmergency))
            && understanding.asksSomething
            && reply.intent != ReservedID.urgent
            && reply.intent != ReservedID.outOfScope && reply.intent != DialogueIntent.unsure
    }

    /// The answer after emergency advice opens no paragraph with "Yes:" or "No:": it answered a
    /// question the emergency came with, and "Yes: nausea is a usual side effect" after "can't
    /// stop vomiting" would read as reassurance.
    static func withoutVerdicts(_ text: String) -> String {
        guard text.contains("Yes: ") || text.contains("No: ") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            var paragraph = String($0)
            dropYesOrNo(&paragraph)
            return paragraph
        }.joined(separator: "\n")
    }

    /// Shifts a reply's `[n]` numbers to follow sources already cited above it.
    func renumber(_ text: String, from ids: [String], into existing: [String]) -> (
        text: String, sources: [String]
    ) {
        var sources = existing
        var mapping: [Int: Int] = [:]
        for (index, id) in ids.enumerated() {
            if let found = sources.firstIndex(of: id) {
                mapping[index + 1] = found + 1
            } else {
                sources.append(id)
                mapping[index + 1] = sources.count
            }
        }
        let result = Self.replacingCitationMarkers(in: text) { numbers in
            "[" + numbers.map { String(mapping[$0] ?? $0) }.joined(separator: ", ") + "]"
        }
        return (result, sources)
    }

    /// What ``Citations/replacingMarkers(in:_:)`` makes of `text`, found by its UTF-8 bytes when
    /// every bracket in it stands between ASCII bytes: each bracket is then a character of its
    /// own, so the bytes find the markers the characters do. Reading an answer character by
    /// character cost more than answering the question.
    static func replacingCitationMarkers(in text: String, _ transform: ([Int]) -> String)
        -> String
    {
        let bytes = Array(text.utf8)
        guard bracketsStandAlone(bytes) else {
            return Citations.replacingMarkers(in: text) { marker, _ in transform(marker.numbers) }
        }
        let (open, close) = (UInt8(ascii: "["), UInt8(ascii: "]"))
        var out = ""
        out.reserveCapacity(bytes.count + 16)
        var (copiedUpTo, searchFrom) = (0, 0)
        while let opening = bytes[searchFrom...].firstIndex(of: open),
            let closing = bytes[(opening + 1)...].firstIndex(of: close)
        {
            let inside = String(decoding: bytes[(opening + 1)..<closing], as: UTF8.self)
            guard let numbers = Citations.numbers(inside: inside[...]) else {
                searchFrom = opening + 1
                continue
            }
            out += String(decoding: bytes[copiedUpTo..<opening], as: UTF8.self)
            out += transform(numbers)
            (copiedUpTo, searchFrom) = (closing + 1, closing + 1)
        }
        out += String(decoding: bytes[copiedUpTo...], as: UTF8.self)
        return out
    }

    /// Whether every `[` and `]` has an ASCII byte, or the text's end, on each side: no
    /// combining mark after it and no prefix character before it can make it part of a larger
    /// character.
    private static func bracketsStandAlone(_ bytes: [UInt8]) -> Bool {
        for index in bytes.indices
        where bytes[index] == UInt8(ascii: "[") || bytes[index] == UInt8(ascii: "]") {
            if index > 0, bytes[index - 1] >= 0x80 { return false }
            if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return false }
        }
        return true
    }
}
