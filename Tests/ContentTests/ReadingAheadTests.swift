import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumUnderstanding

/// Batch mode ranks the designed answers for each line on its reader thread, with no focus, and
/// reads a short line together with the question before it (``Session/read(_:understander:
/// rankingAhead:before:)``); the answering thread uses what was read ahead only where it asks
/// exactly the same. Both must give what reading on the answering thread gives.
@Suite struct ReadingAheadTests {
    static let knowledge = Repository.knowledge

    /// Every question of the held-out conversations and of the transcripts, in order.
    static let conversationLines: [String] = {
        var lines: [String] = []
        let heldOut = Repository.fixturesFolder.appendingPathComponent(
            "heldout-conversations.txt")
        if let text = try? String(contentsOf: heldOut, encoding: .utf8) {
            for row in text.split(separator: "\n") where !row.hasPrefix("#") {
                if let line = row.split(separator: "\t").first { lines.append(String(line)) }
            }
        }
        for file in Repository.transcriptFiles() {
            let url = Repository.transcriptsFolder.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for row in text.split(separator: "\n") where row.hasPrefix("> ") {
                lines.append(String(row.dropFirst(2)))
            }
        }
        return lines
    }()

    @Test func rankingAheadGivesTheSameRankingForAnyFocus() {
        let understander = Self.knowledge.understander
        let focuses: [String?] =
            [nil]
            + ["magnesium", "magnesium-bisglycinate", "magnesium-citrate", "pregnancy"]
            .filter { Self.knowledge.graph.topic($0) != nil }
        #expect(focuses.count > 2)
        #expect(Self.conversationLines.count > 300)
        var readAheadUsed = 0
        for line in Self.conversationLines {
            let plain = understander.understand(line)
            var ahead = plain
            understander.rankAnswersAhead(&ahead)
            #expect(ahead.answersAhead != nil)
            for focus in focuses {
                let expected = understander.rankedAnswers(plain, focus: focus)
                #expect(understander.rankedAnswers(ahead, focus: focus) == expected, "\(line)")
                if focus == nil { readAheadUsed += expected.isEmpty ? 0 : 1 }
            }
        }
        #expect(readAheadUsed > 0)
    }

    @Test func changingTheWordsDropsTheRankingReadAhead() {
        let understander = Self.knowledge.understander
        var understanding = understander.understand("how much citrate should I take?")
        understander.rankAnswersAhead(&understanding)
        #expect(understanding.answersAhead != nil)
        understanding.tokens = understander.understand("is it safe in pregnancy?").tokens
        #expect(understanding.answersAhead == nil)
        understander.rankAnswersAhead(&understanding)
        understanding.clauses = []
        #expect(understanding.answersAhead == nil)
    }

    @Test func conversationsReadAheadGiveTheSameReplies() {
        var plain = Session(knowledge: Self.knowledge)
        var ahead = Session(knowledge: Self.knowledge)
        var before: String?
        var leaned = 0
        for line in Self.conversationLines {
            let expected = plain.respond(to: line)
            let read = Session.read(
                line, understander: Self.knowledge.understander, rankingAhead: true,
                before: before)
            if read.understanding?.readAlongside != nil { leaned += 1 }
            if let understanding = read.understanding { before = understanding.normalized }
            let reply = ahead.respond(to: read)
            #expect(reply.text == expected.text, "\(line)")
            #expect(reply.intent == expected.intent, "\(line)")
            #expect(reply.confidence == expected.confidence, "\(line)")
            #expect(reply.context == expected.context, "\(line)")
        }
        #expect(leaned > 0)
    }
}
