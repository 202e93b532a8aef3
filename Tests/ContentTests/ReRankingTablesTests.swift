import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumText
@testable import MagnesiumUnderstanding

/// What the re-ranking works out once and keeps must be what it would work out each time.
@Suite struct ReRankingTablesTests {
    /// Each answer's amount, read from its questions as the re-ranking read it on every line.
    static func amountReadAgain(_ questions: [String]) -> Set<Double>? {
        let named = questions.map { Amounts.read(words: Normalizer.words($0)) }
        let amountsNamed = Set(named.joined().map(\.milligrams))
        guard named.filter({ !$0.isEmpty }).count * 2 > named.count, amountsNamed.count == 1
        else { return nil }
        return amountsNamed
    }

    @Test func theAmountAnAnswerIsWrittenForIsKeptAsRead() {
        var session = Session(knowledge: Repository.knowledge)
        let answers = Repository.knowledge.graph.answers
        var written = 0
        // Twice each, out of order: the first works it out, the second reads what was kept.
        for place in answers.indices.reversed() + answers.indices {
            let expected = Self.amountReadAgain(answers[place].questions)
            #expect(session.amountWrittenFor(answerAt: place) == expected, "\(answers[place].id)")
            if expected != nil { written += 1 }
        }
        // The production answers include some written for one amount ("is 400 mg too much?").
        #expect(written > 0)
    }

    /// The per-answer tables kept from line to line give what asking each answer gives, for
    /// lists asked once, again (kept) and after another list.
    @Test func answerTablesAreWhatAskingEachAnswerGives() {
        var session = Session(knowledge: Repository.knowledge)
        let knowledge = Repository.knowledge
        let bits = knowledge.answerTopicBits
        let topics = knowledge.graph.topics.map(\.id)
        let people = topics.filter {
            Knowledge.personKinds.contains(knowledge.graph.kind(ofTopic: $0) ?? "")
        }
        let lists: [[String]] = [
            [], Array(people.prefix(1)), Array(people.prefix(5)), people, Array(topics.prefix(40)),
            ["no-such-topic"], Array(people.suffix(3)) + ["no-such-topic"],
        ]
        for list in lists + lists.reversed() + lists {
            let set = bits.set(list)
            let outside = knowledge.graph.answers.indices.map { place in
                bits.groupNumber[place].map { set.contains($0) ? -1 : $0 } ?? -1
            }
            let about = knowledge.graph.answers.indices.map {
                bits.answer($0, isAboutAnyOf: set) ? 1 : 0
            }
            let groups = bits.set(list.filter { knowledge.graph.kind(ofTopic: $0) == "group" })
            let aboutTheirGroup = knowledge.graph.answers.indices.map {
                bits.answer($0, isAboutAnyOf: groups) ? 1 : 0
            }
            for _ in 0..<2 {
                #expect(session.answerTable(for: list, kept: .groupOutside) == outside)
                #expect(session.answerTable(for: list, kept: .aboutAny) == about)
                #expect(session.answerTable(for: list, kept: .aboutTheirGroup) == aboutTheirGroup)
            }
        }
        // The production answers include some written for one group, and some about each list.
        #expect(session.answerTable(for: [], kept: .groupOutside).contains { $0 >= 0 })
    }

    /// The medicines and situations kept sorted from line to line give the replies working them
    /// out again for every line gives, while the profile's lists grow and change.
    @Test func keptSituationsGiveTheRepliesWorkedOutAfresh() {
        let lines = [
            "how much magnesium should I take?", "I'm pregnant", "is it safe?",
            "I take levothyroxine", "what's a good dose?", "I also have kidney disease",
            "can I take it at night?", "I take omeprazole every day", "how much can I take?",
            "I'm not pregnant anymore", "what dose for cramps?", "and for my 8 year old?",
            "can I take it with my thyroid pill?",
        ]
        var kept = Session(knowledge: Repository.knowledge)
        var afresh = Session(knowledge: Repository.knowledge)
        var keptOnce = false
        for line in lines {
            afresh.situationsKept = nil
            let (keptReply, afreshReply) = (kept.respond(to: line), afresh.respond(to: line))
            #expect(keptReply.text == afreshReply.text, "\(line)")
            #expect(keptReply.context == afreshReply.context, "\(line)")
            if kept.situationsKept != nil { keptOnce = true }
        }
        #expect(keptOnce)
    }

    /// Each source's JSON text, escaped once at load, is what escaping its parts gives.
    @Test func sourcesJSONTextIsTheirPartsEscaped() {
        let knowledge = Repository.knowledge
        for (place, source) in knowledge.graph.sources.enumerated() {
            var expected: [UInt8] = []
            if !source.publisher.isEmpty {
                JSONText.appendEscaped(source.publisher + ": ", to: &expected)
            }
            JSONText.appendEscaped(source.title, to: &expected)
            if let year = source.year { expected += Array(" (\(year))".utf8) }
            #expect(knowledge.sourceJSONText[place] == expected, "\(source.id)")
        }
    }

    /// Whether a tag ends the line or a clause inside it, every tag compared at every end: what
    /// ``Session/isLeading(_:)`` gives without its filter on the tags' last words.
    static func leadsByComparingEveryTag(_ understanding: Understanding) -> Bool {
        let tokens = understanding.tokens
        let ends =
            [tokens.count]
            + understanding.breaks.indices.filter {
                understanding.breaks[$0].rawValue >= RedFlagReader.Break.clause.rawValue
            }
        return Repository.knowledge.understander.leadingTagWords.contains { tag in
            ends.contains { end in
                end > tag.count + 1
                    && tag.indices.allSatisfy { tokens[end - tag.count + $0].text == tag[$0] }
            }
        }
    }

    /// The filter on tags' last words rules out no line a tag ends, at its end or a clause's.
    @Test func theFilterOnTagsLastWordsRulesOutNoLeadingLine() {
        let session = Session(knowledge: Repository.knowledge)
        let understander = Repository.knowledge.understander
        var lines = [
            "how much magnesium should I take?", "is glycinate a laxative", "hi", "right",
            "it works, right, so I can stop my tablets?",
        ]
        for tag in understander.leadingTagWords {
            let phrase = tag.joined(separator: " ")
            lines += [
                "glycinate is a strong laxative, \(phrase)?",
                "glycinate is a strong laxative \(phrase), so I should stop it",
            ]
        }
        var leading = 0
        for line in lines {
            let understanding = understander.understand(line)
            let expected = Self.leadsByComparingEveryTag(understanding)
            #expect(session.isLeading(understanding) == expected, "\(line)")
            if expected { leading += 1 }
        }
        #expect(leading > 0)
    }
}
